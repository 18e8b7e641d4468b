"""The praktijkkaart per student: trajecten, gesprekken, MDO's and the plan van aanpak."""
