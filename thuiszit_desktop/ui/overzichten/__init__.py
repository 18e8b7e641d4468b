"""The area "Overzichten": overviews over the whole school."""
