"""The heart: entities, rules and validation in plain Python (no Qt, no peewee, no reportlab)."""
