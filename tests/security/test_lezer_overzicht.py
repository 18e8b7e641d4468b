"""Alleen-lezen with its own password and the data folder (and the backups) in hand.

The attacker tries their password on every key file they can find – the database's, those inside every backup,
the overview's – and reads everything that opens. None of it may hold a name, a birth date, a leerlingnummer or
per-student verzuim of the (fictional) demo school; their password must unwrap no database key at all.
"""

from __future__ import annotations

import contextlib
import json
import re
import tempfile
import zipfile
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import WACHTWOORD
from thuiszit_desktop import app
from thuiszit_desktop.db import handtekening, keys, overzicht
from thuiszit_desktop.db import models as m
from thuiszit_desktop.db.keys import KeyRing
from thuiszit_desktop.domain.errors import InlogFout
from thuiszit_desktop.domain.gebruiker import Rol
from thuiszit_desktop.domain.leerling import Leerling
from thuiszit_desktop.services import demo, session
from thuiszit_desktop.services.lezersoverzicht import Lezersessie

pytestmark = pytest.mark.usefixtures("cli_omgeving")
VANDAAG = date(2026, 11, 23)


@pytest.fixture(scope="module")
def demoschool(tmp_path_factory):
    """The demo school (fewer students, the same stories), with a backup, closed; and what an attacker must
    not find: every name, birth date and leerlingnummer in it."""
    pad = tmp_path_factory.mktemp("demo") / "data" / "thuiszit.db"
    services = demo.create_demo_school(pad, vandaag=VANDAAG, aantal=120)
    try:
        namen = [r.naam for r in m.Ouder.select()]
        geheim = set()
        for r in m.Leerling.select():
            namen += [r.voornaam, r.achternaam]
            geheim |= {r.leerlingnummer, r.geboortedatum.isoformat(), f"{r.geboortedatum:%d-%m-%Y}"}
        # every part of a name that is a name (a capital), not "van" or "de"
        geheim |= {deel for naam in namen for deel in naam.split() if deel[:1].isupper()}
        services.backups.maken()
    finally:
        services.close()
    return pad, {g for g in geheim if g and len(g) >= 3}


def alles_wat_opengaat(data_dir: Path, naam: str, wachtwoord: str) -> tuple[list[bytes], list[str]]:
    """(database keys, decrypted texts) that `naam`'s password opens in every key file of the folder and of
    every backup in it."""
    sleutels, teksten = [], []

    def probeer(map_: Path) -> None:
        for sleutelbestand in map_.glob("*.sleutels"):
            with contextlib.suppress(InlogFout):
                sleutels.append(KeyRing.load(sleutelbestand).unlock(naam, wachtwoord))
        for bestand in map_.glob("*.overzicht"):
            ov = overzicht.Overzichtbestand.load(bestand)
            with contextlib.suppress(InlogFout):
                teksten.append(json.dumps(ov.lees(ov.unlock(naam, wachtwoord)), ensure_ascii=False))

    probeer(data_dir)
    for backup in data_dir.rglob("*.tzbackup"):
        with tempfile.TemporaryDirectory() as tmp, zipfile.ZipFile(backup) as z:
            z.extractall(tmp)
            probeer(Path(tmp))
            teksten.append(z.read("manifest.json").decode())
    return sleutels, teksten


def test_alleen_lezen_decrypts_no_database_key_and_no_student(demoschool):
    pad, geheim = demoschool
    sleutels, teksten = alles_wat_opengaat(pad.parent, demo.DEMO_LEZER, demo.DEMO_WACHTWOORD)
    assert sleutels == []  # no slot anywhere unwraps the database key
    assert len(teksten) >= 2  # the overview and a backup's manifest: there was something to read
    woorden = set()
    for tekst in teksten:
        woorden |= set(re.findall(r"[\w'-]+", tekst)) | set(re.findall(r"\d{2}-\d{2}-\d{4}|\d{4}-\d{2}-\d{2}", tekst))
    gevonden = sorted(woorden & geheim)
    assert gevonden == [], gevonden
    # The zorgcoördinator's password does open the same database: the test would notice a blind search.
    assert alles_wat_opengaat(pad.parent, demo.DEMO_GEBRUIKER, demo.DEMO_WACHTWOORD)[0]


def test_the_overview_holds_only_aggregated_rows_with_small_counts_hidden(demoschool):
    pad, _geheim = demoschool
    sessie = session.aanmelden(pad, demo.DEMO_LEZER, demo.DEMO_WACHTWOORD)
    assert isinstance(sessie, Lezersessie)
    o = sessie.overzicht()
    assert o.school == "Het Wilgenlanden College"
    for tabel in o.tabellen:
        assert len(tabel.rijen) <= 20  # levels, signals, months, kinds – never a row per student
        for rij in tabel.rijen:
            assert isinstance(rij[0], str)
            for waarde in rij[1:]:
                assert waarde is None or waarde == "–" or (isinstance(waarde, int | float) and (waarde == 0 or
                                                                                                 waarde >= 5)), rij
        assert not any(k.casefold() in ("leerlingnummer", "naam", "id") for k in tabel.kolommen)


def test_a_lezer_login_on_the_cli_shows_the_overview_and_nothing_else(demoschool, monkeypatch, capsys):
    pad, _geheim = demoschool
    monkeypatch.setenv("THUISZIT_WACHTWOORD", demo.DEMO_WACHTWOORD)
    argv = ["--data-dir", str(pad.parent), "--gebruiker", demo.DEMO_LEZER]
    assert app.main(["overzicht", *argv]) == 0
    out = capsys.readouterr().out
    assert "Het Wilgenlanden College" in out and "Niveau 3" in out and "minder dan 5" in out
    for opdracht in (["niveaus", "--json"], ["signalen"], ["trajecten"], ["audit", "lijst"]):
        assert app.main([*opdracht, *argv]) == 1
        out, err = capsys.readouterr()
        assert out == "" and "alleen de aantallen" in err


def test_an_existing_alleen_lezen_user_moves_over_at_the_next_zorgcoordinator_login(services, db_path):
    """A lezer from before this version: a database slot, like every user then."""
    row = m.Gebruiker.create(naam="Lies Lezer", naam_sleutel="lies lezer", rol=Rol.ALLEEN_LEZEN.value)
    handtekening.onderteken_rij(services.ctx.store.sleutels.ondertekenen, row.id)  # as the upgrade signs every row
    services.close()
    ring = KeyRing.load(KeyRing.for_database(db_path))  # the slot the older version gave her
    ring.set_user("Lies Lezer", "Oud-ww-lezer-1", keys.Sleutels(ring.unlock("Anna de Vries", WACHTWOORD)))  # format 1
    ring.save()
    oud = session.aanmelden(db_path, "Lies Lezer", "Oud-ww-lezer-1")  # before: the database, as it was
    assert not isinstance(oud, Lezersessie)
    oud.close()

    zorg = session.login(db_path, "Anna de Vries", WACHTWOORD)
    zorg.close()
    assert not KeyRing.load(KeyRing.for_database(db_path)).has_user("Lies Lezer")  # the slot is gone
    sessie = session.aanmelden(db_path, "lies lezer", "Oud-ww-lezer-1")  # the same password opens the overview
    assert isinstance(sessie, Lezersessie) and sessie.overzicht().tabellen
    with pytest.raises(InlogFout):
        session.login(db_path, "Lies Lezer", "Oud-ww-lezer-1")


def test_user_management_gives_alleen_lezen_an_overview_slot_only(services, db_path):
    services.gebruikers.toevoegen("Lies Lezer", Rol.ALLEEN_LEZEN, [], "Lezer-ww-2026!", "Lezer-ww-2026!")
    assert not services.ctx.store.keyring.has_user("Lies Lezer")
    services.close()
    sessie = session.aanmelden(db_path, "Lies Lezer", "Lezer-ww-2026!")
    assert isinstance(sessie, Lezersessie)
    sessie.wachtwoord_wijzigen("Lezer-ww-2026!", "Nieuw-lezer-2027", "Nieuw-lezer-2027")
    with pytest.raises(InlogFout):
        session.aanmelden(db_path, "Lies Lezer", "Lezer-ww-2026!")
    assert isinstance(session.aanmelden(db_path, "Lies Lezer", "Nieuw-lezer-2027"), Lezersessie)

    zorg = session.login(db_path, "Anna de Vries", WACHTWOORD)
    zorg.gebruikers.wachtwoord_resetten("Lies Lezer", "Reset-lezer-2028", "Reset-lezer-2028")
    assert not zorg.ctx.store.keyring.has_user("Lies Lezer")
    # the overview opens while a zorgcoördinator has the database open: it needs no lock on it
    assert isinstance(session.aanmelden(db_path, "Lies Lezer", "Reset-lezer-2028"), Lezersessie)
    zorg.gebruikers.uitschakelen("Lies Lezer")
    zorg.close()
    with pytest.raises(InlogFout):
        session.aanmelden(db_path, "Lies Lezer", "Reset-lezer-2028")


def test_a_role_change_moves_the_password_to_where_the_role_needs_it(services, db_path):
    services.leerlingen.opslaan(Leerling("1001", "Bakker", date(2012, 3, 5), date(2024, 8, 1), voornaam="Zoë",
                                         klas="3A"), VANDAAG)
    services.gebruikers.toevoegen("Mo Mentor", Rol.MENTOR, ["3A"], "Mentor-ww-2026!", "Mentor-ww-2026!")
    # a mentor made alleen-lezen loses the database key: the keys rotate (issue 12 item 4), and the overview
    # needs a new password (the slot's password-derived part cannot be moved without it)
    assert services.gebruikers.wijzigen("Mo Mentor", rol=Rol.ALLEEN_LEZEN).rotatie is not None
    assert not services.ctx.store.keyring.has_user("Mo Mentor")
    services.gebruikers.wachtwoord_resetten("Mo Mentor", "Mentor-ww-2026!", "Mentor-ww-2026!")
    assert isinstance(session.aanmelden(db_path, "Mo Mentor", "Mentor-ww-2026!"), Lezersessie)
    services.gebruikers.wijzigen("Mo Mentor", rol=Rol.MENTOR, klassen=["3A"])  # back: a new password is needed
    assert not overzicht.Overzichtbestand.load(overzicht.pad(db_path)).has_user("Mo Mentor")
    assert not services.ctx.store.keyring.has_user("Mo Mentor")
    services.gebruikers.wachtwoord_resetten("Mo Mentor", "Weer-mentor-2027", "Weer-mentor-2027")
    assert services.ctx.store.keyring.has_user("Mo Mentor")


def test_a_slot_that_cannot_move_over_is_removed_all_the_same_and_the_reset_is_asked_for(services, db_path,
                                                                                        monkeypatch):
    from thuiszit_desktop.services import lezersoverzicht

    m.Gebruiker.create(naam="Lies Lezer", naam_sleutel="lies lezer", rol=Rol.ALLEEN_LEZEN.value)
    services.ctx.store.keyring.set_user("Lies Lezer", "Oud-ww-lezer-1", services.ctx.store.sleutels.voor(False))
    services.ctx.store.keyring.save()
    monkeypatch.setattr(lezersoverzicht, "_overzetten", lambda *_a: False)  # a slot of a kind it cannot read
    services.lezersoverzicht.bijwerken(vandaag=VANDAAG)
    assert not services.ctx.store.keyring.has_user("Lies Lezer")  # no database key for alleen-lezen, whatever
    assert any("Lies Lezer: geef een nieuw wachtwoord" in r.wat for r in services.audit.lijst())


def test_the_overview_is_written_again_only_when_a_session_changed_something(services, db_path):
    services.gebruikers.toevoegen("Lies Lezer", Rol.ALLEEN_LEZEN, [], "Lezer-ww-2026!", "Lezer-ww-2026!")
    services.close()  # a change: written
    pad = overzicht.pad(db_path)
    eerst = pad.read_bytes()
    kijken = session.login(db_path, "Anna de Vries", WACHTWOORD)
    kijken.leerlingen.lijst()
    kijken.close()
    assert pad.read_bytes() == eerst  # only looked: the same file
    wijzigen = session.login(db_path, "Anna de Vries", WACHTWOORD)
    wijzigen.leerlingen.opslaan(Leerling("1001", "Bakker", date(2012, 3, 5), date(2024, 8, 1), klas="3A"), VANDAAG)
    wijzigen.close()
    assert pad.read_bytes() != eerst
