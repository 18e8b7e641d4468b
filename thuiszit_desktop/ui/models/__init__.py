"""The Qt item models (no widgets): each is checked by pytest-qt's qtmodeltester."""
