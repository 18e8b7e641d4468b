"""Thuiszit Desktop: de zorgcoördinator houdt elke (dreigende) thuiszitter in beeld."""

__version__ = "0.1.0"
