"""Text that a spreadsheet would take for a formula ("CSV injection"): a cell starting with `=`, `+`, `-` or `@`
(also after spaces, and their full-width forms), or with a tab or carriage return, is run by Excel or
LibreOffice when the file is opened – `=HYPERLINK(…)` in a school's name, say. Every CSV and XLSX export
neutralises such cells: in CSV with a leading `'`, the way spreadsheets themselves mark text (services/
uitvoer.py does XLSX: a text cell with Excel's quote prefix, so the apostrophe is not shown)."""

from __future__ import annotations

_START = frozenset("=+-@\uff1d\uff0b\uff0d\uff20")  # also the full-width ＝ ＋ － ＠
_STUURTEKENS = ("\t", "\r", "\n")


def lijkt_formule(tekst: str) -> bool:
    if not tekst:
        return False
    if tekst.startswith(_STUURTEKENS):
        return True
    return tekst.lstrip(" \u00a0")[:1] in _START


def neutraliseer(tekst: str) -> str:
    """`tekst` as a CSV cell that no spreadsheet runs; other text unchanged."""
    return "'" + tekst if lijkt_formule(tekst) else tekst
