"""Vandaag's lines made only when asked for (signalen_model.Regels, issue 16): the same lines, in the same order,
with the same data in the model as a SignaalRegel made up front for every signal."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from thuiszit_desktop.domain.afhandeling import TrajectStand
from thuiszit_desktop.domain.signalen import Niveau, Signaal
from thuiszit_desktop.domain.signalen import SignaalSoort as S
from thuiszit_desktop.domain.verzuim import MeldingSoort, Verzuimmelding
from thuiszit_desktop.services.leerlingen import LeerlingRij
from thuiszit_desktop.services.signalen import Bespreking, Overzicht
from thuiszit_desktop.ui.models.signalen_model import (
    GROEPEN,
    KIND_ROLE,
    TERMIJN_KLEUR_ROLE,
    SignaalRegel,
    SignalenModel,
    signaal_regels,
)

VANDAAG = date(2026, 11, 20)


def _school() -> tuple[Overzicht, dict[str, LeerlingRij]]:
    """Fictional students: overdue and open meldplichten, a handled one (gemeld), a besproken one, a traject, a
    thuiszitter with its "> 3 maanden", equal dates sorted by name, and a signal of a student not in the list."""
    namen = {"1001": "Bakker, Zoë", "1002": "Aydın, Mehmet", "1003": "Jansen, Sem", "1004": "de Vries, Lotte",
             "1005": "Aydın, Ela"}
    leerlingen = {nr: LeerlingRij(i, nr, naam.split(", ")[1] + " " + naam.split(", ")[0], naam, "2B", "", date(2012, 1, 1),
                                  True) for i, (nr, naam) in enumerate(namen.items())}
    signalen = [
        Signaal("1001", S.MELDPLICHT_16U, date(2026, 11, 2), date(2026, 11, 9), date(2026, 11, 16), "16 uur"),
        Signaal("1002", S.MELDPLICHT_16U, date(2026, 11, 10), date(2026, 11, 17), date(2026, 11, 24), "17 uur"),
        Signaal("1003", S.MELDPLICHT_16U, date(2026, 11, 10), date(2026, 11, 17), date(2026, 11, 24), "18 uur"),
        Signaal("1004", S.THUISZITTER, date(2026, 7, 1), date(2026, 8, 1), None, "4 weken"),
        Signaal("1004", S.THUISZITTER_3MND, date(2026, 7, 1), date(2026, 10, 1), None, "3 maanden"),
        Signaal("1005", S.MAZL, date(2026, 9, 1), date(2026, 11, 1), None, "4 keer ziek"),
        Signaal("1002", S.MAZL, date(2026, 9, 1), date(2026, 11, 1), None, "4 keer ziek"),
        Signaal("1003", S.LUXE_VERZUIM, date(2026, 10, 16), date(2026, 10, 16), None, "voor de herfstvakantie"),
        Signaal("9999", S.LANGDURIG_AFWEZIG, date(2026, 10, 1), date(2026, 10, 29), None, "5 weken"),
    ]
    niveaus = [Niveau("1001", 3, 12.5), Niveau("1002", 2, 6.0), Niveau("1003", 1, 1.0), Niveau("1004", 3, 80.0),
               Niveau("1005", 1, 0.0, zonder_verzuim=True)]
    o = Overzicht(VANDAAG, VANDAAG, signalen, niveaus,
                  besprekingen={("1005", "mazl", date(2026, 11, 1)): Bespreking("Gebeld", "M. Mentor", VANDAAG)},
                  meldingen={"1001": [Verzuimmelding(date(2026, 11, 18), date(2026, 11, 14), MeldingSoort.ZESTIEN_UUR)]},
                  trajecten={"1004": TrajectStand(7, 2, date(2026, 10, 5), S.THUISZITTER, date(2026, 8, 1))})
    return o, leerlingen


def _vooraf(o: Overzicht, leerlingen: dict[str, LeerlingRij]) -> list[list[SignaalRegel]]:
    """Every line made up front, as before issue 16 (the reference)."""
    from thuiszit_desktop.domain.signalen import SIGNAAL_VOLGORDE
    from thuiszit_desktop.domain.zoeken import sorteersleutel
    from thuiszit_desktop.ui.models.signalen_model import _GROEP_VAN

    niveau = o.niveau_van()
    lang = {s.leerlingnummer for s in o.signalen if s.soort == S.THUISZITTER_3MND}
    groepen: list[list[SignaalRegel]] = [[] for _ in GROEPEN]
    for s in o.signalen:
        if s.soort == S.THUISZITTER and s.leerlingnummer in lang:
            continue
        rij, n = leerlingen.get(s.leerlingnummer), niveau.get(s.leerlingnummer)
        groepen[_GROEP_VAN[s.soort]].append(SignaalRegel(
            s.leerlingnummer, rij.naam if rij else f"Leerling {s.leerlingnummer}", rij.klas if rij else "",
            n.niveau if n else 0, s, o.besproken(s), s.uiterlijk is not None and s.uiterlijk < VANDAAG,
            o.afhandeling(s)))
    volgorde = {soort: i for i, soort in enumerate(SIGNAAL_VOLGORDE)}
    for groep in groepen:
        groep.sort(key=lambda r: (volgorde[r.soort], r.signaal.uiterlijk or r.signaal.sinds, r.signaal.sinds,
                                  leerlingen[r.leerlingnummer].sorteer if r.leerlingnummer in leerlingen
                                  else sorteersleutel(r.naam)))
    return groepen


def _beeld(model: SignalenModel) -> list[tuple]:
    rollen = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole,
              KIND_ROLE, TERMIJN_KLEUR_ROLE)
    return [(model.flags(model.index(r, 0)), *(model.data(model.index(r, 0), rol) for rol in rollen))
            for r in range(model.rowCount())] + [tuple(model.koppen())]


def test_lines_made_when_asked_for_are_the_lines_made_up_front(qapp):
    o, leerlingen = _school()
    lui, vooraf = signaal_regels(o, leerlingen, VANDAAG), _vooraf(o, leerlingen)
    assert [list(g) for g in lui] == vooraf
    assert sum(map(len, vooraf)) == 8 and any(r.afhandeling.afgehandeld for g in vooraf for r in g)
    assert any(r.te_laat for g in vooraf for r in g) and any(r.bespreking for g in vooraf for r in g)

    for verberg in (False, True):
        model, referentie = SignalenModel(), SignalenModel()
        model.set_regels(signaal_regels(o, leerlingen, VANDAAG), verberg_afgehandeld=verberg)
        referentie.set_regels(vooraf, verberg_afgehandeld=verberg)
        assert _beeld(model) == _beeld(referentie)
        assert model.regels() == referentie.regels()
        for r in range(model.rowCount()):
            regel = model.regel(model.index(r, 0))
            assert regel == referentie.regel(referentie.index(r, 0))
            if regel is not None:
                assert model.regel(model.index(r, 0)) is regel  # made once: the same line every time
                assert model.index_of(regel.leerlingnummer, regel.soort).row() == r
        assert model.eerste_signaal().row() == referentie.eerste_signaal().row() == 1


def test_a_walk_over_every_line_keeps_none_of_them(qapp):
    o, leerlingen = _school()
    groep = signaal_regels(o, leerlingen, VANDAAG)[0]  # the meldplichten
    eerste = groep[0]
    alle = list(groep)
    assert alle[0] is eerste and alle[1] is not groep[1]  # only what was asked for by place is kept
    assert groep[-1] == alle[-1] and groep[0:2] == alle[0:2]
