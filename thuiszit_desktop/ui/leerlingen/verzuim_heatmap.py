"""The heat map of a student's school year (the Verzuim tab): each day coloured by its main reden, lighter for
fewer hours, with a tooltip that says what was registered."""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QColor

from ...domain.verzuim import Reden
from ...services.kalender import Jaaroverzicht
from ...services.verzuim import VerzuimDag
from ..common import theme
from ..common.widgets import format_date
from ..kalender.jaar_raster import DagStijl, dag_tekst
from .verzuim_dialogs import uren_tekst

# One colour per reden (distinct for colour-blind eyes too; from `theme`, light or dark); a lighter shade
# means fewer hours that day.
REDEN_KLEUR = theme.REDEN_KLEUR


def dagen_tekst(dagen: float) -> str:
    """13.83 → "13,8 lesdagen", 1 → "1 lesdag"."""
    tekst = f"{dagen:.1f}".rstrip("0").rstrip(".").replace(".", ",")
    return f"{tekst} {'lesdag' if tekst == '1' else 'lesdagen'}"


def reden_tekst(reden: Reden) -> str:
    """"ongeoorloofd", "overig geoorloofd"."""
    return reden.label.lower()


def tint(kleur: QColor, fractie: float) -> QColor:
    """The reden's colour for a day with `fractie` of a whole day absent: light for an hour, full for a day."""
    return theme.mix(kleur, theme.kalender_color("aanwezig"), 0.3 + 0.7 * max(0.0, min(fractie, 1.0)))


def hoofdreden(uren: dict[Reden, float]) -> Reden:
    """The reden with the most hours (on a tie the first in Reden's order: ongeoorloofd first)."""
    volgorde = list(Reden)
    return max(uren, key=lambda r: (uren[r], -volgorde.index(r)))


def uren_per_reden(uren: dict[Reden, float]) -> str:
    """"3 uur ongeoorloofd, 1 uur ziek" (most hours first)."""
    volgorde = list(Reden)
    delen = sorted((r for r, u in uren.items() if u > 0), key=lambda r: (-uren[r], volgorde.index(r)))
    return ", ".join(f"{uren_tekst(uren[r])} uur {reden_tekst(r)}" for r in delen)


def heatmap_stijlen(jaar: Jaaroverzicht, dagen: list[VerzuimDag], dagduur: float,
                    bijgewerkt_tot: date | None) -> dict[date, DagStijl]:
    """How each day of the school year looks in the heat map, with its tooltip."""
    per_dag = {d.datum: d.uren for d in dagen}
    kleur = theme.kalender_color  # looked up once: this runs for every day of the year when a student is opened
    weekend, geen_lesdag, aanwezig = kleur("weekend"), kleur("geen_lesdag"), kleur("aanwezig")
    onbekend, rand, rand_sterk = kleur("onbekend"), kleur("rand"), kleur("rand_sterk")
    nog_niet = f"nog niet bijgewerkt (verzuim bijgewerkt t/m {format_date(bijgewerkt_tot)})" if bijgewerkt_tot else ""
    stijlen: dict[date, DagStijl] = {}
    for dag in jaar.dagen:
        d = dag.datum
        uren = {r: u for r, u in per_dag[d].items() if u > 0} if d in per_dag else {}
        kop = dag_tekst(d)
        if dag.soort != "lesdag":
            wat = {"weekend": "weekend", "feestdag": dag.omschrijving, "vakantie": dag.omschrijving.lower(),
                   "vrije_dag": f"vrije dag ({dag.omschrijving})"}.get(dag.soort, dag.omschrijving)
            tekst = f"{kop}: {wat}, geen lesdag"
            if uren:
                tekst += f" – {uren_per_reden(uren)} geregistreerd; telt niet mee"
            stijlen[d] = DagStijl(weekend if dag.soort == "weekend" else geen_lesdag, tekst, gedimd=True)
        elif uren:
            reden = hoofdreden(uren)
            tekst = f"{kop}: {uren_per_reden(uren)}"
            if bijgewerkt_tot is not None and d > bijgewerkt_tot:
                tekst += " (na 'verzuim bijgewerkt t/m'; telt nog niet mee in de signalen)"
            stijlen[d] = DagStijl(tint(REDEN_KLEUR[reden], sum(uren.values()) / dagduur), tekst)
        elif bijgewerkt_tot is None or d > bijgewerkt_tot:
            if bijgewerkt_tot is None:
                tekst = f"{kop}: geen verzuim bekend (er is nog geen verzuim geïmporteerd)"
            else:
                tekst = f"{kop}: {nog_niet}"
            stijlen[d] = DagStijl(onbekend, tekst, rand=rand_sterk, gestippeld=True)
        else:
            stijlen[d] = DagStijl(aanwezig, f"{kop}: geen verzuim", rand=rand)
    return stijlen
