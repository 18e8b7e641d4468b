"""Starting, logging in, the main window and its lock: the frame around every area."""
