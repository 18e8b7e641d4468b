"""The Qt Widgets user interface (the only package besides app.py that imports PySide6)."""
