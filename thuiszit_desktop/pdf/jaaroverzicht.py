"""The jaaroverzicht: the school year's trends (levels, signals, thuiszitters in and out) as charts and
tables, and the table "werkt het?" per type of intervention. Counts only – no names."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, TableStyle

from ..domain.effect import EffectPerSoort
from ..domain.signals import SignaalSoort
from ..domain.trends import Trends
from .common import BREEDTE, FONT, Document, styles, tekst_xml

# The level colours of the app (ui/piramide.py): green, amber, red.
NIVEAU_KLEUR = {1: colors.HexColor("#2e7d32"), 2: colors.HexColor("#f2b705"), 3: colors.HexColor("#b3261e")}
SIGNAAL_KLEUR = {
    SignaalSoort.MELDPLICHT_16U: colors.HexColor("#b3261e"),
    SignaalSoort.THUISZITTER: colors.HexColor("#6a1b9a"),
    SignaalSoort.THUISZITTER_3MND: colors.HexColor("#311b92"),
    SignaalSoort.LANGDURIG_AFWEZIG: colors.HexColor("#e65100"),
    SignaalSoort.MAZL: colors.HexColor("#1565c0"),
    SignaalSoort.LUXE_VERZUIM: colors.HexColor("#00897b"),
    SignaalSoort.ABSOLUUT_VERZUIM: colors.HexColor("#424242"),
}
IN_KLEUR, UIT_KLEUR = colors.HexColor("#b3261e"), colors.HexColor("#2e7d32")
_HOOGTE = 62 * mm


@cache
def _klein(kop: bool) -> ParagraphStyle:
    basis = styles()["celkop" if kop else "cel"]
    return ParagraphStyle(f"{basis.name}-klein", parent=basis, fontSize=8, leading=10)


@dataclass(frozen=True)
class Jaaroverzicht:
    school: str
    trends: Trends
    effecten: list[EffectPerSoort]
    voetnoot: str
    datum: date  # made on


def _pct(x: float | None) -> str:
    return "–" if x is None else f"{x:.1f}%".replace(".", ",")


def _legenda(d: Drawing, items: list[tuple[colors.Color, str]], x: float, y: float, kolommen: int = 1) -> None:
    legend = Legend()
    legend.x, legend.y = x, y
    legend.fontName, legend.fontSize = FONT, 7.5
    legend.alignment = "right"
    legend.columnMaximum = max(1, -(-len(items) // kolommen))
    legend.deltax = 110
    legend.colorNamePairs = items
    d.add(legend)


def _staven(labels: list[str], reeksen: list[list[int]], kleuren: list, namen: list[str], *,
            gestapeld: bool) -> Drawing:
    d = Drawing(BREEDTE, _HOOGTE)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 30, 30, BREEDTE - 150, _HOOGTE - 45
    chart.data = reeksen
    chart.categoryAxis.categoryNames = labels
    chart.categoryAxis.labels.fontName = chart.valueAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = chart.valueAxis.labels.fontSize = 7.5
    if gestapeld:
        chart.categoryAxis.style = "stacked"
    chart.valueAxis.valueMin = 0
    chart.valueAxis.forceZero = 1
    if max((sum(x) if gestapeld else max(x, default=0)) for x in zip(*reeksen, strict=True)) < 5:
        chart.valueAxis.valueMax, chart.valueAxis.valueStep = 5, 1
    chart.barSpacing = 1
    for i, kleur in enumerate(kleuren):
        chart.bars[i].fillColor = kleur
        chart.bars[i].strokeColor = None
    d.add(chart)
    _legenda(d, list(zip(kleuren, namen, strict=True)), BREEDTE - 110, _HOOGTE - 15)
    return d


def _lijnen(labels: list[str], reeksen: list[list[int]], kleuren: list, namen: list[str]) -> Drawing:
    d = Drawing(BREEDTE, _HOOGTE)
    chart = HorizontalLineChart()
    chart.x, chart.y, chart.width, chart.height = 30, 30, BREEDTE - 150, _HOOGTE - 45
    chart.data = reeksen
    chart.categoryAxis.categoryNames = labels
    chart.categoryAxis.labels.fontName = chart.valueAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = chart.valueAxis.labels.fontSize = 7.5
    chart.valueAxis.valueMin = 0
    if max((max(r, default=0) for r in reeksen), default=0) < 5:
        chart.valueAxis.valueMax, chart.valueAxis.valueStep = 5, 1
    for i, kleur in enumerate(kleuren):
        chart.lines[i].strokeColor = kleur
        chart.lines[i].strokeWidth = 1.6
    d.add(chart)
    _legenda(d, list(zip(kleuren, namen, strict=True)), BREEDTE - 110, _HOOGTE - 15)
    return d


def jaaroverzicht(j: Jaaroverzicht) -> bytes:
    t = j.trends
    doc = Document(titel=f"Jaaroverzicht {t.label} – {j.school}", auteur=j.school, soort=f"Jaaroverzicht {t.label}",
                   voettekst="alleen aantallen, geen namen", gedrukt=j.datum,
                   onderwerp="Trends in verzuim en signalen, zonder namen")
    story = [doc.titelregel(f"Jaaroverzicht {t.label}"),
             doc.tekst(f"{j.school}. Per maand, gemeten op de laatste dag van de maand (de laatste maand op "
                       f"{t.tot:%d-%m-%Y}, tot waar het verzuim is bijgewerkt). Alleen aantallen, geen namen.")]
    if not t.maanden:
        story.append(doc.tekst("Er is nog geen maand van dit schooljaar om te tonen."))
    else:
        labels = [m.label for m in t.maanden]
        story += [doc.kop("Leerlingen per niveau"),
                  _staven(labels, [[m.per_niveau[n] for m in t.maanden] for n in (1, 2, 3)],
                          [NIVEAU_KLEUR[n] for n in (1, 2, 3)], ["Niveau 1", "Niveau 2", "Niveau 3"], gestapeld=True)]
        soorten = list(SignaalSoort)
        story += [doc.kop("Signalen per maand"),
                  _lijnen(labels, [[m.per_signaal[s] for m in t.maanden] for s in soorten],
                          [SIGNAAL_KLEUR[s] for s in soorten], [s.label.split(":")[0].split(" (")[0] for s in soorten])]
        story += [doc.kop("Thuiszitters erbij en eraf"),
                  _staven(labels, [[m.thuiszitters_in for m in t.maanden], [m.thuiszitters_uit for m in t.maanden]],
                          [IN_KLEUR, UIT_KLEUR], ["Erbij", "Eraf"], gestapeld=False)]
        # 14 narrow columns: a small font and short headers, explained below the table
        kop = ["Maand", "N1", "N2", "N3", "Erbij", "Eraf", "16u", "Thuis", "3 mnd", "Langd", "M@zl", "Luxe", "Abs"]
        rijen = [kop] + [[f"{m.label} {m.jaar}", *(str(m.per_niveau[n]) for n in (1, 2, 3)),
                          str(m.thuiszitters_in), str(m.thuiszitters_uit),
                          *(str(m.per_signaal[s]) for s in soorten)] for m in t.maanden]
        klein = [[Paragraph(tekst_xml(c), _klein(i == 0)) for c in rij] for i, rij in enumerate(rijen)]
        cijfers = doc.tabel(klein, [0.13] + [0.87 / 12] * 12)
        cijfers.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 2)]))
        story += [doc.kop("In cijfers"), cijfers,
                  doc.tekst("N1–N3: leerlingen per niveau. Erbij/Eraf: thuiszitters. Signalen: 16u = meldplicht 16 "
                            "uur, Thuis = thuiszitter, 3 mnd = thuiszitter langer dan 3 maanden, Langd = langdurig "
                            "afwezig, M@zl = zorgwekkend ziekteverzuim, Luxe = mogelijk luxe verzuim, Abs = "
                            "absoluut verzuim.", "klein")]
    story.append(doc.kop("Werkt het? Verzuim vóór en na interventies"))
    story.append(doc.tekst("Het verzuimpercentage in de 6 lesweken vóór de start van een interventie en in de "
                           "6 lesweken vanaf de week van de start."))
    if j.effecten:
        rijen = [["Interventie", "Aantal", "Meegeteld", "Gemiddeld vóór", "Gemiddeld na", "Verschil"]]
        rijen += [[e.soort, str(e.aantal), str(e.meegeteld), _pct(e.gemiddeld_voor), _pct(e.gemiddeld_na),
                   "–" if e.verschil is None else f"{e.verschil:+.1f}".replace(".", ",")] for e in j.effecten]
        story += [doc.tabel(rijen, [0.31, 0.1, 0.15, 0.16, 0.15, 0.13]), doc.tekst(j.voetnoot, "klein")]
    else:
        story.append(doc.tekst("Er zijn nog geen interventies met een startdatum in de plannen van aanpak."))
    return doc.bouw(story)
