"""The area "Schoolkalender"."""
