"""The heat map of a student's school year (the Verzuim tab): each day coloured by its main reden, lighter for
fewer hours, with a tooltip that says what was registered."""

from __future__ import annotations

from collections.abc import Callable
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


_VOLGORDE = {r: i for i, r in enumerate(Reden)}  # Reden's order (its place, without a list's .index per day)


def hoofdreden(uren: dict[Reden, float]) -> Reden:
    """The reden with the most hours (on a tie the first in Reden's order: ongeoorloofd first)."""
    return max(uren, key=lambda r: (uren[r], -_VOLGORDE[r]))


def uren_per_reden(uren: dict[Reden, float]) -> str:
    """"3 uur ongeoorloofd, 1 uur ziek" (most hours first)."""
    delen = sorted((r for r, u in uren.items() if u > 0), key=lambda r: (-uren[r], _VOLGORDE[r]))
    return ", ".join(f"{uren_tekst(uren[r])} uur {reden_tekst(r)}" for r in delen)


def heatmap_stijlen(jaar: Jaaroverzicht, dagen: list[VerzuimDag], dagduur: float,
                    bijgewerkt_tot: date | None) -> dict[date, DagStijl]:
    """How each day of the school year looks in the heat map. Days that look alike share one DagStijl, and the
    tooltips are made when asked for (`heatmap_tooltips`): this runs for every day of the year when a student is
    opened."""
    per_dag = {d.datum: d.uren for d in dagen}
    kleur = theme.kalender_color
    weekend = DagStijl(kleur("weekend"), "", gedimd=True)
    geen_lesdag = DagStijl(kleur("geen_lesdag"), "", gedimd=True)
    onbekend = DagStijl(kleur("onbekend"), "", rand=kleur("rand_sterk"), gestippeld=True)
    aanwezig = DagStijl(kleur("aanwezig"), "", rand=kleur("rand"))
    stijlen: dict[date, DagStijl] = {}
    verzuimd: dict[tuple[Reden, float], DagStijl] = {}  # (main reden, hours): a few looks for the whole year
    for dag in jaar.dagen:
        d = dag.datum
        if dag.soort != "lesdag":
            stijlen[d] = weekend if dag.soort == "weekend" else geen_lesdag
        elif d in per_dag and (uren := {r: u for r, u in per_dag[d].items() if u > 0}):
            soort = (hoofdreden(uren), sum(uren.values()))
            if (stijl := verzuimd.get(soort)) is None:
                stijl = verzuimd[soort] = DagStijl(tint(REDEN_KLEUR[soort[0]], soort[1] / dagduur), "")
            stijlen[d] = stijl
        elif bijgewerkt_tot is None or d > bijgewerkt_tot:
            stijlen[d] = onbekend
        else:
            stijlen[d] = aanwezig
    return stijlen


def heatmap_tooltips(jaar: Jaaroverzicht, dagen: list[VerzuimDag],
                     bijgewerkt_tot: date | None) -> Callable[[date], str]:
    """What a day of the heat map says when pointed at (what was registered, or why it does not count)."""
    per_dag = {d.datum: d.uren for d in dagen}
    kalender = {dag.datum: dag for dag in jaar.dagen}

    def tooltip(d: date) -> str:
        kop = dag_tekst(d)
        dag = kalender.get(d)
        if dag is None:
            return kop
        uren = {r: u for r, u in per_dag.get(d, {}).items() if u > 0}
        if dag.soort != "lesdag":
            wat = {"weekend": "weekend", "feestdag": dag.omschrijving, "vakantie": dag.omschrijving.lower(),
                   "vrije_dag": f"vrije dag ({dag.omschrijving})"}.get(dag.soort, dag.omschrijving)
            tekst = f"{kop}: {wat}, geen lesdag"
            if uren:
                tekst += f" – {uren_per_reden(uren)} geregistreerd; telt niet mee"
            return tekst
        if uren:
            tekst = f"{kop}: {uren_per_reden(uren)}"
            if bijgewerkt_tot is not None and d > bijgewerkt_tot:
                tekst += " (na 'verzuim bijgewerkt t/m'; telt nog niet mee in de signalen)"
            return tekst
        if bijgewerkt_tot is None:
            return f"{kop}: geen verzuim bekend (er is nog geen verzuim geïmporteerd)"
        if d > bijgewerkt_tot:
            return f"{kop}: nog niet bijgewerkt (verzuim bijgewerkt t/m {format_date(bijgewerkt_tot)})"
        return f"{kop}: geen verzuim"

    return tooltip
