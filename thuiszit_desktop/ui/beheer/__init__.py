"""Bestand and Instellingen: the school, users, back-ups, bewaartermijnen and the audit log."""
