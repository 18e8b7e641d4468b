"""The area "Leerlingen": the student list and one student's page."""
