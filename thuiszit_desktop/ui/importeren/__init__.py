"""The import wizards for the student list and verzuim."""
