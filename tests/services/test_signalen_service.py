"""SignalenService on a real database: the whole school's signals and levels, the bulk loading that
reads only the verzuim the rules need, "besproken", and the level thresholds."""

from __future__ import annotations

from datetime import date

import pytest

from thuiszit_desktop.db import models as m
from thuiszit_desktop.domain.errors import InvoerFout, NietGevonden
from thuiszit_desktop.domain.gebruiker import Gebruiker, Rol
from thuiszit_desktop.domain.leerling import Leerling
from thuiszit_desktop.domain.signalen import SignaalSoort, schoolbreed
from thuiszit_desktop.domain.verzuim import Reden, VerzuimRecord
from thuiszit_desktop.services import signalen as signalen_service
from thuiszit_desktop.services.context import Context
from thuiszit_desktop.services.signalen import Bespreking, SignalenService

pytestmark = pytest.mark.beide_stores  # and on the shared school database (issue 18)

VANDAAG = date(2026, 11, 23)
P = date(2026, 10, 30)  # a Friday, the week after the herfstvakantie (regio midden)
S = SignaalSoort

LEERLINGEN = [  # fictional: (leerlingnummer, voornaam, achternaam, uitschrijfdatum)
    ("1001", "Zoë", "Bakker", None),
    ("1002", "Mehmet", "Çelik", None),
    ("1003", "Daniël", "de Jong", None),
    ("1004", "Fatima", "El Idrissi", None),
    ("1005", "Eva", "Janssen", None),
    ("1006", "Noah", "de Vries", date(2026, 9, 1)),
    ("1007", "Sem", "Öztürk", None),
]


def d(dag: int, maand: int, jaar: int = 2026) -> date:
    return date(jaar, maand, dag)


def regels(services, nummer: str, van: date, tot: date, uren: float, reden: str) -> list[str]:
    return [f"{nummer};{x:%d-%m-%Y};{uren};{reden}" for x in services.kalender.calendar().lesdagen(van, tot)]


@pytest.fixture
def school(services, tmp_path):
    """Seven students, each with a story across the summer of 2026, imported as a school would."""
    for nummer, voornaam, achternaam, uit in LEERLINGEN:
        services.leerlingen.opslaan(Leerling(leerlingnummer=nummer, voornaam=voornaam, achternaam=achternaam,
                                             geboortedatum=date(2012, 3, 5), inschrijfdatum=date(2024, 8, 1),
                                             uitschrijfdatum=uit), VANDAAG)
    r = []
    # Zoë: 4 hours ongeoorloofd on four days: the 16-hour meldplicht
    r += regels(services, "1001", d(14, 9), d(17, 9), 4, "ongeoorloofd")
    # Mehmet: every lesdag whole days ongeoorloofd since 1 June, across the summer: a thuiszitter
    r += regels(services, "1002", d(1, 6), P, 6, "ongeoorloofd")
    # Daniël: a ziekmelding that started before the summer, and three short ones after it: not 4 in 12 weeks
    r += regels(services, "1003", d(14, 7), d(31, 8), 1, "ziek")
    r += [f"1003;{x}-09-2026;1;ziek" for x in ("07", "14", "21")]
    # Fatima: ill for 10 lesdagen before the summer and the first day after: long absence, not luxe verzuim
    r += regels(services, "1004", d(6, 7), d(31, 8), 6, "ziek")
    # Eva: absent the whole last day before the herfstvakantie: possibly luxe verzuim; and two hours on the
    # first lesdag of the year, after a whole day before the summer (a run that does not go on)
    r += regels(services, "1005", d(16, 10), d(16, 10), 6, "ongeoorloofd")
    r += ["1005;17-07-2026;6;ongeoorloofd", "1005;31-08-2026;2;ongeoorloofd"]
    # Sem: ill every lesdag since 21 September: M@zl and langdurig afwezig
    r += regels(services, "1007", d(21, 9), P, 6, "ziek")
    pad = tmp_path / "verzuim.csv"
    pad.write_text("\n".join(["leerlingnummer;datum;uren;reden", *r]) + "\n", encoding="utf-8")
    services.verzuim.importeren(pad, vandaag=VANDAAG)
    return services


def als_tupels(signalen) -> list[tuple]:
    return [(s.leerlingnummer, s.soort, s.sinds, s.datum, s.uiterlijk) for s in signalen]


def test_the_whole_school_at_the_default_peildatum(school):
    overzicht = school.signalen.overzicht()
    assert overzicht.peildatum == overzicht.bijgewerkt_tot == P  # the latest date of the import
    assert als_tupels(overzicht.signalen) == [
        ("1001", S.MELDPLICHT_16U, d(14, 9), d(17, 9), d(24, 9)),
        ("1002", S.MELDPLICHT_16U, d(31, 8), d(2, 9), d(9, 9)),
        ("1002", S.THUISZITTER, d(1, 6), d(29, 6), None),
        ("1002", S.THUISZITTER_3MND, d(1, 6), d(2, 9), None),
        ("1005", S.LUXE_VERZUIM, d(16, 10), d(16, 10), None),
        ("1006", S.ABSOLUUT_VERZUIM, d(1, 9), d(1, 9), None),
        ("1007", S.LANGDURIG_AFWEZIG, d(21, 9), d(26, 10), None),
        ("1007", S.MAZL, d(21, 9), d(29, 9), None),
    ]
    niveaus = {n.leerlingnummer: (n.niveau, n.verzuimpercentage) for n in overzicht.niveaus}
    # 40 lesdagen from 31 August through 30 October: Zoë 16 of 240 hours
    assert niveaus["1001"] == (2, 6.7)
    assert niveaus["1002"] == (3, 100.0)
    assert niveaus["1003"] == (1, 1.7)
    assert "1006" not in niveaus  # no longer ingeschreven
    assert overzicht.per_niveau() == {1: 3, 2: 1, 3: 2}
    assert overzicht.per_signaal()[S.MELDPLICHT_16U] == 2
    assert [s.soort for s in overzicht.signalen_van()["1002"]] == [S.MELDPLICHT_16U, S.THUISZITTER,
                                                                   S.THUISZITTER_3MND]
    assert overzicht.niveau_van()["1007"].niveau == 3


def alle_verzuim(nummer: dict[int, str]) -> dict[str, list[VerzuimRecord]]:
    """Every record in the database, read independently of the service: the oracle."""
    per: dict[str, list[VerzuimRecord]] = {}
    for leerling_id, datum, uren, reden in m.Verzuim.select(m.Verzuim.leerling, m.Verzuim.datum, m.Verzuim.uren,
                                                            m.Verzuim.reden).tuples():
        per.setdefault(nummer[leerling_id], []).append(VerzuimRecord(datum, uren, Reden(reden)))
    return per


@pytest.mark.parametrize("peildatum", [d(26, 6), d(17, 7), d(15, 8), d(31, 8), d(1, 9), d(30, 9), P,
                                       d(1, 8, 2027), d(12, 9, 2027)])
def test_reading_only_what_the_rules_need_gives_the_same_answer(school, peildatum):
    """The service reads P's school year plus the history of students absent on its first lesdag;
    the domain rules on all verzuim must say exactly the same."""
    overzicht = school.signalen.overzicht(peildatum)
    leerlingen = signalen_service._leerlingen(None)
    nummer = {ll.id: ll.leerlingnummer for ll in leerlingen}
    cal = school.kalender.calendar()
    signalen, niveaus = schoolbreed(cal, school.signalen.instellingen(), leerlingen, alle_verzuim(nummer),
                                    signalen_service._meldingen(nummer, None), signalen_service._mazl(nummer, None),
                                    peildatum)
    assert overzicht.signalen == signalen
    assert overzicht.niveaus == niveaus


def test_history_is_read_only_for_students_absent_on_the_first_lesdag(school, monkeypatch):
    gelezen: list[str] = []
    echt = m.database.obj.execute_sql

    def spion(sql, params=None, *args, **kw):
        if 'FROM "verzuim"' in sql:
            gelezen.append(sql)
        return echt(sql, params, *args, **kw)

    monkeypatch.setattr(m.database.obj, "execute_sql", spion)
    school.signalen.overzicht(P)
    # whole days (Mehmet, Fatima) or ziek (Daniël) on 31 August; not Eva's two hours
    assert len(gelezen) == 2 and '"leerling_id" IN (?, ?, ?)' in gelezen[1]


def test_one_student(school):
    overzicht = school.signalen.overzicht(P, leerlingnummer="1007")
    assert [s.soort for s in overzicht.signalen] == [S.LANGDURIG_AFWEZIG, S.MAZL]
    assert [n.leerlingnummer for n in overzicht.niveaus] == ["1007"]
    with pytest.raises(NietGevonden, match="4711"):
        school.signalen.overzicht(P, leerlingnummer="4711")


def test_before_any_import_the_peildatum_is_today(services):
    assert services.signalen.bijgewerkt_tot() is None
    assert services.signalen.standaard_peildatum() == date.today()
    assert services.signalen.overzicht().signalen == []


def test_before_any_import_one_students_level_knows_only_whether_that_student_has_verzuim(services):
    for nummer, voornaam in (("1001", "Zoë"), ("1002", "Mehmet")):
        services.leerlingen.opslaan(Leerling(leerlingnummer=nummer, voornaam=voornaam, achternaam="Bakker",
                                             geboortedatum=date(2012, 3, 5), inschrijfdatum=date(2024, 8, 1)),
                                    VANDAAG)
    services.verzuim.invoeren("1001", d(16, 11), None, Reden.ZIEK, vandaag=VANDAAG)
    assert services.signalen.bijgewerkt_tot() is None
    # One student's page reads only that student's verzuim (not the whole school's) for "no level yet".
    assert [n.zonder_verzuim for n in services.signalen.overzicht(VANDAAG, leerlingnummer="1001").niveaus] == [False]
    assert [n.zonder_verzuim for n in services.signalen.overzicht(VANDAAG, leerlingnummer="1002").niveaus] == [True]
    assert {n.leerlingnummer: n.zonder_verzuim for n in services.signalen.overzicht(VANDAAG).niveaus} == {
        "1001": False, "1002": True}


# --- besproken --------------------------------------------------------------------------------------

def test_a_signal_marked_besproken_stays_in_the_counts(school):
    school.signalen.bespreken("1001", S.MELDPLICHT_16U, d(17, 9), " Gesprek met ouders gepland ")
    overzicht = school.signalen.overzicht()
    [zoe] = overzicht.signalen_van()["1001"]
    assert overzicht.besproken(zoe) == Bespreking("Gesprek met ouders gepland", "Anna de Vries", date.today())
    assert overzicht.per_signaal()[S.MELDPLICHT_16U] == 2
    assert overzicht.niveau_van()["1001"].niveau == 2
    [mehmet] = [s for s in overzicht.signalen_van()["1002"] if s.soort is S.MELDPLICHT_16U]
    assert overzicht.besproken(mehmet) is None

    school.signalen.bespreken("1001", "meldplicht_16u", d(17, 9), "Gemeld bij DUO")  # a new note replaces it
    assert school.signalen.besprekingen("1001") == {
        ("meldplicht_16u", d(17, 9)): Bespreking("Gemeld bij DUO", "Anna de Vries", date.today())}
    assert school.signalen.besprekingen("1002") == {}


def test_a_mentor_can_mark_a_signal_besproken(school):
    rij = m.Gebruiker.create(naam="Mo El Amrani", naam_sleutel="mo el amrani", rol=Rol.MENTOR.value)
    mentor = SignalenService(Context(school.ctx.store, Gebruiker(rij.id, rij.naam, Rol.MENTOR)), school.kalender)
    mentor.bespreken("1005", S.LUXE_VERZUIM, d(16, 10), "Navragen bij ouders")
    [eva] = school.signalen.overzicht().signalen_van()["1005"]
    assert school.signalen.overzicht().besproken(eva) == Bespreking("Navragen bij ouders", "Mo El Amrani",
                                                                    date.today())
    with pytest.raises(NietGevonden):
        school.signalen.bespreken("4711", S.MAZL, d(1, 10), "")


# --- level thresholds -------------------------------------------------------------------------------

@pytest.mark.parametrize("niveau2, niveau3, zoe", [(5.0, 10.0, 2), (7.0, 10.0, 1), (2.5, 6.5, 3)])
def test_the_level_thresholds_are_a_school_setting(school, niveau2, niveau3, zoe):
    school.signalen.drempels_opslaan(niveau2, niveau3)
    assert school.signalen.instellingen().niveau2_pct == niveau2
    assert school.signalen.overzicht().niveau_van()["1001"].niveau == zoe


def test_the_thresholds_read_before_a_change_are_not_kept_after_it(school):
    """instellingen() is kept between calls (opening a student asks three times): a write makes it read again."""
    assert school.signalen.instellingen().niveau2_pct == 5.0
    school.signalen.drempels_opslaan(7.0, 12.0)
    assert (school.signalen.instellingen().niveau2_pct, school.signalen.instellingen().niveau3_pct) == (7.0, 12.0)


@pytest.mark.parametrize("niveau2, niveau3", [(10, 5), (0, 10), (5, 101)])
def test_impossible_thresholds(school, niveau2, niveau3):
    with pytest.raises(InvoerFout):
        school.signalen.drempels_opslaan(niveau2, niveau3)


def test_many_students_by_bulk_insert(services):
    """More students than one "IN (...)" batch have a run of absence across the summer: every run is
    read back to its start."""
    cal = services.kalender.calendar()
    eerste = d(31, 8)
    dagen = [*cal.lesdagen(d(15, 6), d(17, 7)), eerste]  # 25 lesdagen before the summer and the first after
    with m.database.atomic():
        for begin in range(0, 1200, 400):
            m.Leerling.insert_many([dict(leerlingnummer=f"{n:05d}", achternaam="Bakker", geboortedatum=d(5, 3, 2012),
                                         inschrijfdatum=d(1, 8, 2024), gewijzigd=m.now())
                                    for n in range(begin, begin + 400)]).execute()
        rijen = [(i, x.isoformat()) for (i,) in m.Leerling.select(m.Leerling.id).tuples() for x in dagen]
        m.database.cursor().executemany("INSERT INTO verzuim (leerling_id, datum, uren, reden, bron, code, opmerking) "
                                        "VALUES (?, ?, 6, 'ongeoorloofd', 'import', 'A', '')", rijen)
    overzicht = services.signalen.overzicht(eerste)
    thuiszitters = [s for s in overzicht.signalen if s.soort is S.THUISZITTER]
    assert len(thuiszitters) == 1200 and {s.sinds for s in thuiszitters} == {d(15, 6)}
    assert not [s for s in overzicht.signalen if s.soort is S.LUXE_VERZUIM]  # long absence, not luxe
    assert {(n.niveau, n.verzuimpercentage) for n in overzicht.niveaus} == {(3, 100.0)}


# --- the cache per data version -------------------------------------------------------------------

def test_the_whole_school_comes_from_the_cache_until_something_is_written(school):
    eerst = school.signalen.overzicht(P)
    assert school.signalen.overzicht(P) is eerst  # nothing written: the same answer, not computed again
    assert school.signalen.overzicht(d(29, 10)) is not eerst  # another peildatum is another answer
    assert not [s for s in eerst.signalen if s.leerlingnummer == "1005" and s.soort is S.LANGDURIG_AFWEZIG]
    school.verzuim.invoeren("1005", d(21, 9), P, Reden.ZIEK, vandaag=VANDAAG)  # 21+ lesdagen ill
    na = school.signalen.overzicht(P)
    assert na is not eerst
    assert [s for s in na.signalen if s.leerlingnummer == "1005" and s.soort is S.LANGDURIG_AFWEZIG]
    school.signalen.drempels_opslaan(1.0, 2.0)  # a setting is data too
    assert school.signalen.overzicht(P).niveau_van()["1005"].niveau == 3


def test_one_students_page_takes_their_part_of_the_cached_school(school):
    """What a student's page shows from the school's cached run is what their own computation gives."""
    school.signalen.bespreken("1001", S.MELDPLICHT_16U, d(17, 9), "Gesprek met ouders gepland")
    heel = school.signalen.overzicht(P)
    for nr in sorted(heel.leerlingnummers):
        assert school.signalen.overzicht(P, leerlingnummer=nr) == school.signalen._overzicht(P, nr), nr
    assert school.signalen.overzicht(P, leerlingnummer="1001").besprekingen  # (a part with everything in it)
    assert school.signalen.overzicht(P, leerlingnummer="1007").signalen


def test_a_reading_action_does_not_empty_the_cache(school):
    eerst = school.signalen.overzicht(P)
    school.verzuim.dagen("1001", d(1, 9), P)  # a view, with its audit entry
    assert school.signalen.overzicht(P) is eerst


def test_inside_a_transaction_the_cache_is_neither_used_nor_filled(school):
    """An action that writes and then asks for the signals sees its own writes; when it is rolled back, what
    it saw is not kept."""
    eerst = school.signalen.overzicht(P)
    with pytest.raises(RuntimeError), school.ctx.action():
        m.Verzuim.delete().execute()
        binnen = school.signalen.overzicht(P)
        assert not [s for s in binnen.signalen if s.soort is S.THUISZITTER]
        raise RuntimeError("terug")
    na = school.signalen.overzicht(P)
    if school.ctx.store.op_server:  # a rolled-back write still moves the server's transaction id: computed again
        assert na.signalen == eerst.signalen
    else:
        assert na is eerst
    assert [s for s in eerst.signalen if s.soort is S.THUISZITTER]


def test_a_write_from_another_thread_is_seen(school):
    import threading

    eerst = school.signalen.overzicht(P)

    def schrijf():
        school.verzuim.invoeren("1005", d(21, 9), P, Reden.ZIEK, vandaag=VANDAAG)
        school.end_thread()

    t = threading.Thread(target=schrijf)
    t.start()
    t.join()
    assert school.signalen.overzicht(P) is not eerst


def test_a_background_run_pauses_between_pieces_and_gives_the_same_answer(school, monkeypatch):
    """`tussendoor` (the window's pause for its own thread) between every few rows read and every few students
    judged: nothing of the answer changes, and an answer at hand is not computed, so nothing pauses."""
    from thuiszit_desktop.domain import signalen as regels_module

    zonder = school.signalen.overzicht(P)
    school.signalen._cache_legen()
    monkeypatch.setattr(signalen_service, "_TUSSENDOOR_RIJEN", 3)
    monkeypatch.setattr(regels_module, "TUSSENDOOR_LEERLINGEN", 2)
    gelezen = m.Verzuim.select().where(m.Verzuim.datum <= P).count()
    pauzes: list[None] = []
    met = school.signalen.overzicht(P, tussendoor=lambda: pauzes.append(None))
    assert als_tupels(met.signalen) == als_tupels(zonder.signalen) and met.niveaus == zonder.niveaus
    # at most every 3 rows (of those the rules need: this school year's, and a few students' before it) and
    # every 2 of the 7 students
    assert len(LEERLINGEN) // 2 + 10 < len(pauzes) <= gelezen // 3 + 2 + (len(LEERLINGEN) + 1) // 2
    pauzes.clear()
    assert school.signalen.overzicht(P, tussendoor=lambda: pauzes.append(None)) is met
    assert pauzes == []
