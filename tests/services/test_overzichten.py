"""OverzichtenService on a real encrypted database: trends, "werkt het?" and the lijstbespreking.

Calendar: region midden 2026-2027 (herfstvakantie 17..25-10). An intervention starting Wednesday
04-11-2026: before = the lesweken of 14-09 … 12-10 and 26-10 (30 lesdagen, 180 hours at 6 hours a day),
after = the weeks of 02-11 … 07-12 (30 lesdagen, last lesdag 11-12).
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

import pytest

from tests.pdfhulp import lettertypen, lezer, pdf_tekst
from thuiszit_desktop.domain.errors import GeenToegang
from thuiszit_desktop.domain.gebruiker import Profiel, Rol
from thuiszit_desktop.domain.leerling import Leerling
from thuiszit_desktop.domain.mdo import Partner
from thuiszit_desktop.domain.plan import Interventie
from thuiszit_desktop.domain.signalen import SignaalSoort
from thuiszit_desktop.domain.traject import Categorie, GesprekType, MdoRol, Persoon, Stap
from thuiszit_desktop.domain.verzuim import Reden

D = date.fromisoformat
VANDAAG = D("2026-12-14")


def leerling(services, nr: str, voornaam: str, achternaam: str, klas: str = "3B") -> None:
    services.leerlingen.opslaan(Leerling(leerlingnummer=nr, voornaam=voornaam, achternaam=achternaam,
                                         geboortedatum=D("2012-03-05"), inschrijfdatum=D("2024-08-01"),
                                         klas=klas), VANDAAG)


def plan_met(services, traject_id: int, *interventies: Interventie) -> None:
    plan = services.plannen.nieuw(traject_id, vandaag=VANDAAG)
    services.plannen.opslaan(replace(plan, interventies=interventies), vandaag=VANDAAG)


@pytest.fixture
def school(services):
    leerling(services, "1001", "Zoë", "Bakker")
    leerling(services, "1002", "Daniël", "Çelik", "2A")
    leerling(services, "1003", "Fleur", "de Wit")
    v = services.verzuim
    for dag in ("2026-09-15", "2026-09-16", "2026-10-26", "2026-11-02"):
        v.invoeren("1001", D(dag), None, Reden.ONGEOORLOOFD, vandaag=VANDAAG)
    v.invoeren("1001", D("2026-10-13"), None, Reden.ZIEK, uren=3, vandaag=VANDAAG)
    v.invoeren("1001", D("2026-11-05"), None, Reden.ONGEOORLOOFD, uren=2, vandaag=VANDAAG)
    # 1002: a thuiszitter from October, back at school from 16-11
    v.invoeren("1002", D("2026-09-14"), D("2026-11-13"), Reden.ONGEOORLOOFD, vandaag=VANDAAG)
    t1 = services.trajecten.openen("1001", Categorie.DREIGEND_THUISZITTER, "Komt vaak niet.", geopend=D("2026-10-01"),
                                   vandaag=VANDAAG)
    plan_met(services, t1.id, Interventie("Time-out", "mentor", D("2026-11-04"), D("2026-12-18")),
             Interventie("Verzuimcoach", "coach", D("2026-12-01"), None))
    t2 = services.trajecten.openen("1002", Categorie.THUISZITTER, "Thuis sinds september.", geopend=D("2026-10-15"),
                                   vandaag=VANDAAG)
    plan_met(services, t2.id, Interventie("time-out", "mentor", D("2026-11-04"), None))
    services.trajecten.stap_wijzigen(t2.id, Stap.SAMENWERKEN, datum=D("2026-11-01"), vandaag=VANDAAG)
    services.trajecten.gesprek_vastleggen("1002", GesprekType.HUISBEZOEK, D("2026-11-20"), "Huisbezoek.",
                                          vandaag=VANDAAG)
    services.trajecten.gesprek_vastleggen("1002", GesprekType.TELEFONISCH, D("2026-10-20"), "Gebeld.",
                                          vandaag=VANDAAG)
    services.trajecten.actiepunt_toevoegen("1002", "Leerplicht bellen", "Anna de Vries", D("2026-12-01"),
                                           datum=D("2026-11-20"), vandaag=D("2026-11-20"))
    services.trajecten.actiepunt_toevoegen("1002", "Rooster maken", "Anna de Vries", D("2026-12-20"),
                                           datum=D("2026-11-20"), vandaag=D("2026-11-20"))
    services.trajecten.bijwerken(t2.id, evaluatiedatum=D("2027-01-15"))
    # Daniël: an MDO before the huisbezoek (the huisbezoek stays the last contact); his casusregisseur is the
    # zorgcoördinator, by the full name of her profile. Zoë: only an MDO, with a partner as casusregisseur.
    services.trajecten.mdo_vastleggen(t2.id, D("2026-11-10"), verslag="Eerste MDO.", vandaag=VANDAAG)
    services.profielen.opslaan(Profiel("Anna de Vries-Smit", "zorgcoördinator"))
    services.trajecten.bijwerken(t2.id, eigenaar=Persoon("Anna de Vries", gebruiker_id=services.gebruiker.id))
    services.trajecten.mdo_vastleggen(t1.id, D("2026-11-25"), verslag="MDO over Zoë.", vandaag=VANDAAG)
    coach = services.trajecten.partner_opslaan(Partner("Yvonne Stam", MdoRol.VERZUIMCOACH, "SWV"))
    services.trajecten.bijwerken(t1.id, eigenaar=Persoon(coach.naam, contact_id=coach.id))
    return services


def test_effect_per_student_by_hand(school):
    e = school.overzichten.effect_per_leerling("1001", vandaag=VANDAAG)
    timeout, coach = e.effecten
    # before: 6 + 6 + 3 + 6 = 21 of 180 hours; after: 6 (02-11, start week) + 2 = 8 of 180 hours
    assert (timeout.soort, timeout.voor.percentage, timeout.na.percentage) == ("Time-out", 11.7, 4.4)
    assert coach.na.percentage is None and coach.na.reden == "nog te kort"
    # per lesweek through VANDAAG: the week of 14-09 has 12 of 30 hours
    week = {w.maandag: w for w in e.weken}
    assert week[D("2026-09-14")].percentage == 40.0 and week[D("2026-09-14")].lesdagen == 5
    assert D("2026-10-19") not in week  # herfstvakantie


def test_effecten_per_type(school):
    e = school.overzichten.effecten(vandaag=VANDAAG)
    rijen = {r.soort: r for r in e.per_soort}
    assert set(rijen) == {"Time-out", "Verzuimcoach"}
    # Time-out: 1001 11.7 → 4.4; 1002 (whole days 14-09..13-11): before 29 of 30 lesdagen (not 14-09? yes: all 30)
    timeout = rijen["Time-out"]
    assert (timeout.aantal, timeout.meegeteld) == (2, 2)
    # 1002: before 30/30 days = 100 %, after 2-11..13-11 = 10 of 30 lesdagen = 33.3 %
    assert (timeout.gemiddeld_voor, timeout.gemiddeld_na) == (round((11.7 + 100.0) / 2 + 1e-9, 1), 18.9)
    assert (rijen["Verzuimcoach"].aantal, rijen["Verzuimcoach"].meegeteld, rijen["Verzuimcoach"].gemiddeld_na) == (
        1, 0, None)
    assert "6 volledige lesweken" in e.voetnoot
    assert school.overzichten.effecten(2025, vandaag=VANDAAG).per_soort == []  # none started in 2025-2026
    vorig = school.overzichten.effecten(2026, vandaag=VANDAAG)
    assert vorig.per_soort == e.per_soort and "schooljaar 2026-2027" in vorig.voetnoot


def test_trends_match_the_signals_at_each_month_end(school):
    t = school.overzichten.trends(2026, vandaag=D("2026-11-30"))
    assert [m.label for m in t.maanden] == ["aug", "sep", "okt", "nov"]
    okt, nov = t.maanden[2], t.maanden[3]
    assert (okt.thuiszitters_in, okt.thuiszitters_uit, nov.thuiszitters_in, nov.thuiszitters_uit) == (1, 0, 0, 1)
    for maand in t.maanden:
        o = school.signalen.overzicht(maand.peildatum)
        assert maand.per_niveau == {k: o.per_niveau().get(k, 0) for k in (1, 2, 3)}
        assert maand.per_signaal[SignaalSoort.THUISZITTER] == o.per_signaal().get(SignaalSoort.THUISZITTER, 0)
    assert 2026 in school.overzichten.schooljaren(vandaag=D("2026-11-30"))


def test_lijstbespreking_rows(school):
    rijen = school.overzichten.lijstbespreking(vandaag=VANDAAG)
    assert [r.naam for r in rijen] == ["Zoë Bakker", "Daniël Çelik"]  # by achternaam
    daniel = rijen[1]
    assert (daniel.klas, daniel.stap, daniel.laatste_contact) == ("2A", Stap.SAMENWERKEN, D("2026-11-20"))
    assert (daniel.open_actiepunten, daniel.eerste_deadline, daniel.actiepunten_over_tijd) == (2, D("2026-12-01"), 1)
    assert (daniel.volgende_evaluatie, daniel.evaluatie_over_tijd) == (D("2027-01-15"), False)
    assert daniel.actiepunten_tekst == "2, eerste uiterlijk 01-12-2026 (1 over tijd)"
    assert (daniel.leerlingnummer, daniel.categorie, daniel.sinds, daniel.casusregisseur) == (
        "1002", Categorie.THUISZITTER, D("2026-10-15"), "Anna de Vries-Smit")
    assert daniel.contact_tekst == "20-11-2026 (huisbezoek)"
    zoe = rijen[0]
    assert (zoe.laatste_contact, zoe.contact_tekst) == (D("2026-11-25"), "25-11-2026 (MDO)")  # an MDO counts
    assert zoe.casusregisseur == "Yvonne Stam" and zoe.open_actiepunten == 0
    assert zoe.cellen()[:7] == ["Zoë Bakker", "1001", "3B", "Dreigend thuiszitter", "1", "01-10-2026", "Yvonne Stam"]


def test_pdfs(school):
    rijen = school.overzichten.lijstbespreking(vandaag=VANDAAG)
    data = school.overzichten.lijstbespreking_pdf(rijen[::-1], "klas 2A", vandaag=VANDAAG)
    reader = lezer(data)
    tekst = pdf_tekst(reader)
    assert reader.pages[0].mediabox.width > reader.pages[0].mediabox.height  # landscape
    assert "Vertrouwelijk" in tekst and "pagina 1 van 1" in tekst and "Gefilterd: klas 2A" in tekst
    assert tekst.index("Daniël Çelik") < tekst.index("Zoë Bakker")  # the order given
    assert "(1 over tijd)" in tekst and "15-01-2027" in tekst
    for kop in ("Leerling", "Traject", "Casusregisseur", "Signalen", "Laatste contact", "Open actiepunten",
                "Volgende evaluatie", "Notities"):
        assert kop in tekst
    assert "nr. 1001 · klas 3B" in tekst and "nr. 1002 · klas 2A" in tekst
    assert "Dreigend thuiszitter stap 1, sinds 01-10-2026" in tekst and "Thuiszitter stap 3, sinds 15-10-2026" in tekst
    assert "Yvonne Stam" in tekst and "Anna de Vries-Smit" in tekst
    assert "25-11-2026 (MDO)" in tekst and "20-11-2026 (huisbezoek)" in tekst
    assert all(lettertypen(reader).values())  # every font embedded

    data = school.overzichten.jaaroverzicht_pdf(2026, vandaag=VANDAAG)
    tekst = pdf_tekst(data)
    for kop in ("Jaaroverzicht 2026-2027", "Leerlingen per niveau", "Signalen per maand",
                "Thuiszitters erbij en eraf", "Werkt het?", "Time-out", "Verzuimcoach", "volledige lesweken",
                "gestart"):
        assert kop in tekst
    assert "Zoë" not in tekst and "Bakker" not in tekst  # counts only


def test_jaaroverzicht_units_direction_and_embedded_fonts(school):
    reader = lezer(school.overzichten.jaaroverzicht_pdf(2026, vandaag=VANDAAG))
    tekst = pdf_tekst(reader)
    # every chart names its unit; the difference has its unit and says which way is worse
    for eenheid in ("aantal leerlingen", "aantal leerlingen met het signaal", "aantal thuiszitters",
                    "Aantallen leerlingen per maand", "Verschil (hoger is slechter)", "hoger is slechter"):
        assert eenheid in tekst
    assert "55,9% 18,9% -37,0 procentpunt: minder verzuim" in tekst  # Time-out
    assert not re.search(r"[+-]\d+,\d(?! procentpunt)(?!%)", tekst)  # no bare signed figure
    fonts = lettertypen(reader)
    assert fonts and all(fonts.values()), fonts  # the charts too: no Helvetica that is not embedded
    assert not any("Helvetica" in f for f in fonts)


def test_the_signal_lines_differ_by_more_than_colour():
    """Each of the seven lines has its own marker and dash pattern, in the chart and in its legend."""
    from reportlab.graphics.charts.linecharts import HorizontalLineChart
    from reportlab.graphics.widgets.markers import Marker

    from thuiszit_desktop.pdf.jaaroverzicht import LIJNSTIJLEN, SIGNAAL_KLEUR, _lijnen

    soorten = list(SignaalSoort)
    d = _lijnen(["aug", "sep"], [[1, 2]] * len(soorten), [SIGNAAL_KLEUR[s] for s in soorten],
                [s.value for s in soorten], eenheid="aantal leerlingen")
    chart = next(c for c in d.contents if isinstance(c, HorizontalLineChart))
    stijlen = [(chart.lines[i].symbol.kind, chart.lines[i].strokeDashArray) for i in range(len(soorten))]
    assert len(set(stijlen)) == len(soorten) == len(LIJNSTIJLEN)
    assert sum(isinstance(c, Marker) for c in d.contents) == len(soorten)  # one in the legend per line
    assert d.initialFontName == "DejaVuSans"


def test_roles(school, monkeypatch):
    monkeypatch.setattr(school.ctx, "gebruiker", replace(school.gebruiker, rol=Rol.ALLEEN_LEZEN))
    assert school.overzichten.trends(2026, vandaag=D("2026-11-30")).maanden
    assert school.overzichten.effecten(vandaag=VANDAAG).per_soort
    for naam in ("lijstbespreking", "lijstbespreking_pdf"):
        with pytest.raises(GeenToegang):
            getattr(school.overzichten, naam)()
    with pytest.raises(GeenToegang):
        school.overzichten.effect_per_leerling("1001")
    monkeypatch.setattr(school.ctx, "gebruiker", replace(school.gebruiker, rol=Rol.MENTOR))
    with pytest.raises(GeenToegang):
        school.overzichten.trends(2026)
