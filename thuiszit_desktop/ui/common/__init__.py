"""What every area shares: widgets, the form base, the background-job loader, errors, theme."""
