"""Shared by the command-line tests: each runs `app.main([...])` in-process, like a user at a terminal."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _cli_omgeving(cli_omgeving):
    """The password from the environment, no terminal, the root logger restored (see tests/conftest.py)."""
