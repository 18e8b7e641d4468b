"""The vrije dagen file parser: `datum;omschrijving` or `van;tot;omschrijving`, row errors."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from thuiszit_desktop.domain.errors import InvoerFout
from thuiszit_desktop.importers.vrije_dagen import VrijePeriode, lees_vrije_dagen

VANDAAG = date(2026, 11, 23)


def bestand(tmp_path: Path, *regels: str, naam: str = "vrije_dagen.csv") -> Path:
    pad = tmp_path / naam
    pad.write_text("\n".join(regels) + "\n", encoding="utf-8")
    return pad


def test_single_days(tmp_path):
    pad = bestand(tmp_path, "Datum;Omschrijving", "11-11-2026;Studiedag", "2027-02-05; Sportdag ", "12-3-2027;")
    gelezen = lees_vrije_dagen(pad, VANDAAG)
    assert gelezen.fouten == [] and gelezen.onbekende_kolommen == []
    assert gelezen.perioden == [VrijePeriode(2, date(2026, 11, 11), date(2026, 11, 11), "Studiedag"),
                                VrijePeriode(3, date(2027, 2, 5), date(2027, 2, 5), "Sportdag"),
                                VrijePeriode(4, date(2027, 3, 12), date(2027, 3, 12), "")]


def test_periods_and_single_days_in_one_file(tmp_path):
    pad = bestand(tmp_path, "van,tot,omschrijving,datum,opmerking",
                  "06-07-2027,16-07-2027,Toetsweek en afsluiting,,intern",
                  ",,Studiedag,11-11-2026,")
    gelezen = lees_vrije_dagen(pad, VANDAAG)
    assert gelezen.fouten == []
    assert gelezen.onbekende_kolommen == ["opmerking"]
    assert [(p.van, p.tot) for p in gelezen.perioden] == [(date(2027, 7, 6), date(2027, 7, 16)),
                                                          (date(2026, 11, 11), date(2026, 11, 11))]


@pytest.mark.parametrize("regel, melding", [
    ("16-07-2027;06-07-2027;Omgekeerd", "ligt vóór de begindatum"),
    ("01-08-2026;31-08-2027;Te lang", "hoogstens een jaar"),
    ("14-11-2026;15-11-2026;Weekend", "in een weekend"),
    ("31-02-2027;01-03-2027;Bestaat niet", "bestaat niet"),
    (";01-03-2027;Leeg", "Vul een datum in"),
    ("11-11-2062;11-11-2062;Typfout", "kan niet kloppen"),
    ("11-11-2019;11-11-2019;Te oud", "kan niet kloppen"),
    ("10-11-2026;12-11-2026;Overlapt", "11-11-2026 staat al in regel 2"),
])
def test_a_bad_row(tmp_path, regel, melding):
    pad = bestand(tmp_path, "van;tot;omschrijving", "11-11-2026;11-11-2026;Studiedag", regel)
    gelezen = lees_vrije_dagen(pad, VANDAAG)
    assert len(gelezen.perioden) == 1
    [fout] = gelezen.fouten
    assert fout.regel == 3 and melding in fout.melding, fout.melding


def test_next_school_years_studiedagen_are_fine(tmp_path):
    pad = bestand(tmp_path, "datum;omschrijving", "10-11-2028;Studiedag", "02-08-2021;Oud maar mogelijk")
    assert lees_vrije_dagen(pad, VANDAAG).fouten == []


def test_without_datum_or_van_tot_columns(tmp_path):
    pad = bestand(tmp_path, "dag;omschrijving", "11-11-2026;Studiedag")
    with pytest.raises(InvoerFout, match="datum;omschrijving of van;tot;omschrijving"):
        lees_vrije_dagen(pad, VANDAAG)
