"""Imports from the school's administration (filled in by the importer work)."""

from __future__ import annotations

from .context import Context


class ImportService:
    def __init__(self, ctx: Context):
        self.ctx = ctx
