"""The signals and levels kept in the file between sessions (db/signaal_cache.py, issue 16): the next session
shows them without computing, and every change that could alter a signal or level voids them – never a result
from before a change shown as current."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from tests.conftest import WACHTWOORD
from tests.services import test_signalen_service as basis
from tests.services.test_signalen_service import P, d, regels
from thuiszit_desktop.db import signaal_cache
from thuiszit_desktop.domain.leerling import Vrijstelling, VrijstellingType
from thuiszit_desktop.domain.verzuim import MeldingSoort, Reden
from thuiszit_desktop.services import session
from thuiszit_desktop.services.signalen import SignalenService

school = basis.school  # the fixture: seven students with a story each


def inhoud(o) -> tuple:
    return ([(s.leerlingnummer, s.soort, s.sinds, s.datum, s.uiterlijk, s.uitleg) for s in o.signalen],
            [(n.leerlingnummer, n.niveau, n.verzuimpercentage, n.zonder_verzuim) for n in o.niveaus],
            o.besprekingen, o.meldingen, o.trajecten, o.mdos, o.peildatum, o.bijgewerkt_tot)


def bewaard(services) -> int:
    """Rows with a result in the cache table."""
    return services.ctx.store.db.execute_sql('SELECT count(*) FROM "signaal_cache" WHERE "inhoud" IS NOT NULL'
                                         ).fetchone()[0]


def opnieuw(services, db_path):
    """Close and log in again, as the next morning."""
    services.close()
    return session.login(db_path, "Anna de Vries", WACHTWOORD)


def geen_berekening(monkeypatch):
    def weigeren(self, peildatum, leerlingnummer):
        assert leerlingnummer is not None, "the whole school was computed, not taken from the file"
        return echte(self, peildatum, leerlingnummer)

    echte = SignalenService._overzicht
    monkeypatch.setattr(SignalenService, "_overzicht", weigeren)


def test_the_next_session_takes_the_signals_from_the_file_without_computing(school, db_path, monkeypatch):
    school.signalen.bespreken("1001", school.signalen.overzicht().signalen[0].soort, d(17, 9), "Gebeld.")
    eerst = inhoud(school.signalen.overzicht())
    assert bewaard(school) == 1
    services = opnieuw(school, db_path)
    try:
        assert bewaard(services) == 1  # logging in wrote nothing that voids it
        geen_berekening(monkeypatch)
        assert inhoud(services.signalen.overzicht()) == eerst
        assert eerst[2]  # the besproken signal is part of it
    finally:
        services.close()


def verzuim_importeren(services, tmp_path):
    pad = tmp_path / "meer.csv"
    pad.write_text("\n".join(["leerlingnummer;datum;uren;reden",
                              *regels(services, "1003", d(5, 10), d(9, 10), 6, "ongeoorloofd")]) + "\n",
                   encoding="utf-8")
    services.verzuim.importeren(pad, vandaag=date(2026, 11, 23))


def verzuim_invoeren(services, tmp_path):
    services.verzuim.invoeren("1003", d(5, 10), d(9, 10), Reden.ONGEOORLOOFD, vandaag=date(2026, 11, 23))


def drempels(services, tmp_path):
    services.signalen.drempels_opslaan(1.0, 2.0)


def vrije_dagen(services, tmp_path):
    services.kalender.vrije_dagen_toevoegen(d(14, 9), d(17, 9), "Studiedagen")


def vakantie(services, tmp_path):
    services.kalender.vakantie_aanpassen("2026-2027", "herfstvakantie", d(12, 10), d(16, 10))


def vrijstelling(services, tmp_path):
    ll = services.leerlingen.get("1002")
    services.leerlingen.opslaan(replace(ll, vrijstellingen=(Vrijstelling(VrijstellingType.ART_5A, d(1, 5)),)),
                                date(2026, 11, 23))


def uitschrijven(services, tmp_path):
    ll = services.leerlingen.get("1007")
    services.leerlingen.opslaan(replace(ll, uitschrijfdatum=d(18, 9)), date(2026, 11, 23))


def melden(services, tmp_path):
    services.verzuim.melding_registreren("1001", d(18, 9), None, MeldingSoort.ZESTIEN_UUR)


def bespreken(services, tmp_path):
    s = next(s for s in services.signalen.overzicht().signalen if s.leerlingnummer == "1002")
    services.signalen.bespreken("1002", s.soort, s.datum, "Besproken in het zorgteam.")


WIJZIGINGEN = [verzuim_importeren, verzuim_invoeren, drempels, vrije_dagen, vakantie, vrijstelling, uitschrijven,
               melden, bespreken]
# the changes that alter a signal or level themselves (the others what is shown beside them)
ANDERS = {verzuim_importeren, verzuim_invoeren, drempels, vrije_dagen, vakantie, vrijstelling, uitschrijven}


@pytest.mark.parametrize("wijziging", WIJZIGINGEN, ids=lambda f: f.__name__)
def test_every_change_voids_the_kept_result(wijziging, school, db_path, tmp_path):
    eerst = inhoud(school.signalen.overzicht())
    assert bewaard(school) == 1
    wijziging(school, tmp_path)
    assert bewaard(school) == 0
    services = opnieuw(school, db_path)
    try:
        na = inhoud(services.signalen.overzicht())
        assert na == inhoud(services.signalen._overzicht(P, None))  # what the rules say now
        if wijziging in ANDERS:
            assert na[:2] != eerst[:2]
        assert bewaard(services) == 1  # … and kept again
    finally:
        services.close()


def test_a_write_while_computing_keeps_the_result_from_being_stored(school):
    """The result of a computation that a write overtook is shown this once (the in-memory cache is keyed by
    the data version too) but never kept: the write emptied the reserved row."""
    db = school.ctx.store.db
    assert signaal_cache.reserveer(db, "sleutel")
    verzuim_invoeren(school, None)
    o = school.signalen._overzicht(P, None)
    assert not signaal_cache.bewaar(db, "sleutel", o.signalen, o.niveaus)
    assert signaal_cache.lees(db, "sleutel") is None


def test_another_peildatum_is_computed_and_not_kept(school):
    school.signalen.overzicht()
    assert school.signalen.overzicht(d(1, 10)).peildatum == d(1, 10)
    sleutels = [r[0] for r in school.ctx.store.db.execute_sql('SELECT "sleutel" FROM "signaal_cache"').fetchall()]
    assert len(sleutels) == 1 and sleutels[0].endswith(P.isoformat())


def test_keeping_the_result_never_gets_in_the_way_of_a_users_save(school):
    """The background run keeps its result with a commit of its own. Landing between a user's action's read
    and its write, that commit would make the save fail ("database bezig"), so it waits for quiet: while an
    action runs in another thread, the result is not kept, and the action saves."""
    import threading

    from thuiszit_desktop.db import models as m

    klaar = threading.Event()
    with school.ctx.action():
        assert m.Leerling.select().count() > 0  # the user's action has read
        achtergrond = threading.Thread(target=lambda: (school.signalen.overzicht(), klaar.set()))
        achtergrond.start()
        assert klaar.wait(30)
        m.VrijeDag.create(datum=date(2026, 12, 3), omschrijving="Studiedag")  # and now writes: no error
    achtergrond.join()
    assert bewaard(school) == 0  # not kept this time; the next run keeps it
    school.signalen.overzicht()
    assert bewaard(school) == 1


def test_what_is_kept_reads_back_the_same_also_odd_texts_and_none_at_all(school):
    """Line by line (db/signaal_cache.py): an explanation with a line break or quotes, a whole percentage,
    no signals or no levels at all – each comes back as it went in, shared values and all."""
    from thuiszit_desktop.domain.signalen import Niveau, Signaal, SignaalSoort

    db = school.ctx.store.db
    signalen = [Signaal("1001", SignaalSoort.MAZL, d(1, 9), d(9, 9), None, 'Ziek op 1-9\nen "9-9"'),
                Signaal("1002", SignaalSoort.MELDPLICHT_16U, d(1, 9), d(9, 9), d(16, 9), 'Ziek op 1-9\nen "9-9"')]
    niveaus = [Niveau("1001", 2, 5.0), Niveau("1003", 1, 0.0), Niveau("1002", 1, 0, True)]
    for s, n in ((signalen, niveaus), ([], niveaus), (signalen, []), ([], [])):
        assert signaal_cache.reserveer(db, "sleutel") and signaal_cache.bewaar(db, "sleutel", s, n)
        gelezen = signaal_cache.lees(db, "sleutel")
        assert gelezen == (s, n)
        assert [type(x.verzuimpercentage) for x in gelezen[1]] == [type(x.verzuimpercentage) for x in n]
    # A caller's own dict of shared values: it holds the very leerlingnummer objects (services/signalen.py)
    assert signaal_cache.reserveer(db, "sleutel") and signaal_cache.bewaar(db, "sleutel", signalen, niveaus)
    gedeeld: dict = {}
    gelezen = signaal_cache.lees(db, "sleutel", gedeeld)
    assert gelezen == (signalen, niveaus)
    assert all(gedeeld["1001"] is x.leerlingnummer for x in (*gelezen[0], *gelezen[1]) if x.leerlingnummer == "1001")


def test_a_result_kept_in_the_earlier_form_is_not_read(school):
    """One JSON object for everything, before the line-by-line form: not found, so computed anew."""
    db = school.ctx.store.db
    db.execute_sql('INSERT INTO "signaal_cache" ("sleutel", "inhoud") VALUES (?, ?)',
                   ("sleutel", '{"signalen":[],"niveaus":[]}'))
    assert signaal_cache.lees(db, "sleutel") is None
