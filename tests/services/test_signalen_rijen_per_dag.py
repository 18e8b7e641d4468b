"""SignalenService sums a day's verzuim rows itself (issue 16: cheaper than SQLite's GROUP BY with three sums):
days with several rows – several redenen, several codes of one reden, hours that only add up to a whole day
together, a row of 0 hours – must give exactly what the domain rules give on every record."""

from __future__ import annotations

import random
from datetime import date

import pytest

from thuiszit_desktop.db import models as m
from thuiszit_desktop.domain.signalen import schoolbreed
from thuiszit_desktop.domain.verzuim import Reden, VerzuimRecord
from thuiszit_desktop.services import signalen as signalen_service

pytestmark = pytest.mark.beide_stores

REDENEN = [("ongeoorloofd", "A"), ("ongeoorloofd", "AA"), ("ziek", "Z"), ("ziek", "ZH"), ("verlof", "V"),
           ("schorsing", "S"), ("overig_geoorloofd", "M")]


@pytest.fixture
def school(services):
    """40 fictional students, a school year and a half of verzuim with up to four rows a day (seeded)."""
    cal = services.kalender.calendar()
    lesdagen = cal.lesdagen(date(2025, 6, 2), date(2026, 11, 20))
    rng = random.Random(16)
    with m.database.atomic():
        m.Leerling.insert_many([dict(leerlingnummer=f"{n:04d}", achternaam="Bakker", geboortedatum=date(2012, 3, 5),
                                     inschrijfdatum=date(2024, 8, 1), gewijzigd=m.now()) for n in range(40)]).execute()
        rijen = []
        for (leerling_id,) in m.Leerling.select(m.Leerling.id).tuples():
            dagen = set(rng.sample(lesdagen, rng.randrange(5, 60)))
            if rng.random() < 0.3:  # a run of whole days made of two rows each, across the summer for some
                begin = rng.randrange(len(lesdagen) - 30)
                for x in lesdagen[begin:begin + rng.randrange(8, 30)]:
                    reden = rng.choice(["ongeoorloofd", "ziek"])
                    rijen += [(leerling_id, x.isoformat(), 2.5, reden, "A"), (leerling_id, x.isoformat(), 3.5, reden, "AA")]
            for x in dagen:
                for _ in range(rng.randrange(1, 5)):
                    reden, code = rng.choice(REDENEN)
                    rijen.append((leerling_id, x.isoformat(), rng.choice([0.0, 0.1, 5 / 6, 1.0, 2.0, 3.0]), reden, code))
        m.database.cursor().executemany("INSERT INTO verzuim (leerling_id, datum, uren, reden, bron, code, opmerking) "
                                        "VALUES (?, ?, ?, ?, 'import', ?, '')", rijen)
    return services


def alle_verzuim(nummer: dict[int, str]) -> dict[str, list[VerzuimRecord]]:
    per: dict[str, list[VerzuimRecord]] = {}
    for leerling_id, datum, uren, reden in m.Verzuim.select(m.Verzuim.leerling, m.Verzuim.datum, m.Verzuim.uren,
                                                            m.Verzuim.reden).tuples():
        per.setdefault(nummer[leerling_id], []).append(VerzuimRecord(datum, uren, Reden(reden)))
    return per


@pytest.mark.parametrize("peildatum", [date(2025, 7, 4), date(2025, 9, 1), date(2026, 3, 13), date(2026, 7, 17),
                                       date(2026, 10, 30)])
def test_days_of_several_rows_give_what_the_rules_give_on_every_record(school, peildatum):
    overzicht = school.signalen.overzicht(peildatum)
    leerlingen = signalen_service._leerlingen(None)
    nummer = {ll.id: ll.leerlingnummer for ll in leerlingen}
    signalen, niveaus = schoolbreed(school.kalender.calendar(), school.signalen.instellingen(), leerlingen,
                                    alle_verzuim(nummer), {}, {}, peildatum)
    assert overzicht.signalen == signalen
    assert overzicht.niveaus == niveaus


def test_the_data_reaches_every_level_and_several_signals(school):
    """(So the comparison above is about something.)"""
    overzicht = school.signalen.overzicht(date(2026, 3, 13))
    assert set(overzicht.per_niveau()) == {1, 2, 3}
    assert len(overzicht.per_signaal()) >= 2
