"""PDF renderers (reportlab): a dataclass in, bytes out. Only this package imports reportlab."""
