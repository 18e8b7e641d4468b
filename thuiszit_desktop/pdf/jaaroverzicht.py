"""The jaaroverzicht: the school year's trends (levels, signals, thuiszitters in and out) as charts and
tables, and the table "werkt het?" per type of intervention. Counts only – no names."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cache

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, TableStyle

from ..domain import formaat
from ..domain.effect import EffectPerSoort, verschil_tekst
from ..domain.signalen import SignaalSoort
from ..domain.trends import Trends
from .common import FONT, KLEUR_GRIJS, Document, styles, tekst_xml, tekstbreedte

BREEDTE = tekstbreedte(liggend=False)  # the jaaroverzicht stands: its charts are this wide

# The level colours of the app (ui/vandaag/piramide.py): green, amber, red.
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


def _tekening() -> Drawing:
    """A chart's drawing in the embedded font (reportlab's graphics otherwise start every drawing in Helvetica,
    which is neither embedded nor able to show every name)."""
    d = Drawing(BREEDTE, _HOOGTE)
    d.initialFontName, d.initialFontSize = FONT, 7.5
    return d


def _assen(chart, labels: list[str], reeksen: list[list[int]], eenheid: str, d: Drawing, *, som: bool) -> None:
    """Axes in the embedded font, whole numbers, and the unit above the value axis."""
    chart.x, chart.y, chart.width, chart.height = 30, 24, BREEDTE - 165, _HOOGTE - 44
    chart.data = reeksen
    chart.categoryAxis.categoryNames = labels
    chart.categoryAxis.labels.fontName = chart.valueAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = chart.valueAxis.labels.fontSize = 7.5
    chart.valueAxis.valueMin = 0
    chart.valueAxis.forceZero = 1
    hoogste = max(((sum(x) if som else max(x, default=0)) for x in zip(*reeksen, strict=True)), default=0)
    if hoogste < 5:
        chart.valueAxis.valueMax, chart.valueAxis.valueStep = 5, 1
    d.add(String(chart.x - 6, chart.y + chart.height + 8, eenheid, fontName=FONT, fontSize=7.5,
                 fillColor=KLEUR_GRIJS))


def _legenda(d: Drawing, regels: list[tuple[Callable[[float, float], list], str]]) -> None:
    """The legend at the right: per entry a swatch drawn as the chart draws it, and its name."""
    x, y = BREEDTE - 128, _HOOGTE - 12
    for swatch, naam in regels:
        for vorm in swatch(x, y):
            d.add(vorm)
        d.add(String(x + 24, y - 2.6, naam, fontName=FONT, fontSize=7.5))
        y -= 12


def _vlak(kleur, open_: bool = False) -> Callable[[float, float], list]:
    """A bar's swatch: filled, or an outline (the second series of side-by-side bars)."""
    return lambda x, y: [Rect(x + 4, y - 4, 10, 8, fillColor=colors.white if open_ else kleur, strokeColor=kleur,
                              strokeWidth=1.5 if open_ else 0)]


def _staven(labels: list[str], reeksen: list[list[int]], kleuren: list, namen: list[str], *,
            gestapeld: bool, eenheid: str) -> Drawing:
    """Bars; stacked (the legend lists them top to bottom, as stacked), or side by side, the second one as an
    outline so that the two differ by more than their colour."""
    d = _tekening()
    chart = VerticalBarChart()
    _assen(chart, labels, reeksen, eenheid, d, som=gestapeld)
    if gestapeld:
        chart.categoryAxis.style = "stacked"
    chart.barSpacing = 1
    open_ = [not gestapeld and i % 2 == 1 for i in range(len(kleuren))]
    for i, kleur in enumerate(kleuren):
        chart.bars[i].fillColor = colors.white if open_[i] else kleur
        chart.bars[i].strokeColor = kleur if open_[i] else None
        chart.bars[i].strokeWidth = 1.5
    d.add(chart)
    regels = [(_vlak(kleur, o), naam) for kleur, naam, o in zip(kleuren, namen, open_, strict=True)]
    _legenda(d, regels[::-1] if gestapeld else regels)
    return d


# Per line a marker shape and a dash pattern besides its colour, in the chart and in its legend: the lines
# stay apart in black and white and for colour-blind readers.
LIJNSTIJLEN = (("FilledCircle", None), ("FilledSquare", (4, 2)), ("FilledTriangle", None),
               ("FilledDiamond", (1, 2)), ("Circle", None), ("Square", (4, 2)), ("Cross", (1, 2)))


def _marker(vorm: str, kleur, x: float = 0, y: float = 0):
    m = makeMarker(vorm, size=5, x=x, y=y)
    m.strokeColor, m.strokeWidth = kleur, 1
    m.fillColor = colors.white if not vorm.startswith("Filled") and vorm != "Cross" else kleur
    return m


def _lijnstuk(kleur, vorm: str, streep) -> Callable[[float, float], list]:
    """A line's swatch: a stroke with its dashes and its marker, as in the chart."""
    return lambda x, y: [Line(x, y, x + 18, y, strokeColor=kleur, strokeWidth=1.4, strokeDashArray=streep),
                         _marker(vorm, kleur, x + 9, y)]


def _lijnen(labels: list[str], reeksen: list[list[int]], kleuren: list, namen: list[str], *,
            eenheid: str) -> Drawing:
    d = _tekening()
    chart = HorizontalLineChart()
    _assen(chart, labels, reeksen, eenheid, d, som=False)
    for i, kleur in enumerate(kleuren):
        vorm, streep = LIJNSTIJLEN[i % len(LIJNSTIJLEN)]
        chart.lines[i].strokeColor = kleur
        chart.lines[i].strokeWidth = 1.4
        chart.lines[i].strokeDashArray = streep
        chart.lines[i].symbol = _marker(vorm, kleur)
    d.add(chart)
    _legenda(d, [(_lijnstuk(kleur, *LIJNSTIJLEN[i % len(LIJNSTIJLEN)]), naam)
                 for i, (kleur, naam) in enumerate(zip(kleuren, namen, strict=True))])
    return d


def jaaroverzicht_pdf(j: Jaaroverzicht) -> bytes:
    t = j.trends
    doc = Document(titel=f"Jaaroverzicht {t.label} – {j.school}", auteur=j.school, soort=f"Jaaroverzicht {t.label}",
                   voettekst="alleen aantallen, geen namen", gedrukt=j.datum,
                   onderwerp="Trends in verzuim en signalen, zonder namen")
    story = [doc.titelregel(f"Jaaroverzicht {t.label}"),
             doc.tekst(f"{j.school}. Per maand, gemeten op de laatste dag van de maand (de laatste maand op "
                       f"{formaat.datum(t.tot)}, tot waar het verzuim is bijgewerkt). Alleen aantallen, geen namen.")]
    if not t.maanden:
        story.append(doc.tekst("Er is nog geen maand van dit schooljaar om te tonen."))
    else:
        labels = [m.label for m in t.maanden]
        story += [doc.kop("Leerlingen per niveau"),
                  _staven(labels, [[m.per_niveau[n] for m in t.maanden] for n in (1, 2, 3)],
                          [NIVEAU_KLEUR[n] for n in (1, 2, 3)], ["Niveau 1", "Niveau 2", "Niveau 3"], gestapeld=True,
                          eenheid="aantal leerlingen")]
        soorten = list(SignaalSoort)
        story += [doc.kop("Signalen per maand"),
                  _lijnen(labels, [[m.per_signaal[s] for m in t.maanden] for s in soorten],
                          [SIGNAAL_KLEUR[s] for s in soorten], [s.label.split(":")[0].split(" (")[0] for s in soorten],
                          eenheid="aantal leerlingen met het signaal")]
        story += [doc.kop("Thuiszitters erbij en eraf"),
                  _staven(labels, [[m.thuiszitters_in for m in t.maanden], [m.thuiszitters_uit for m in t.maanden]],
                          [IN_KLEUR, UIT_KLEUR], ["Erbij", "Eraf"], gestapeld=False,
                          eenheid="aantal thuiszitters")]
        # 14 narrow columns: a small font and short headers, explained below the table
        kop = ["Maand", "N1", "N2", "N3", "Erbij", "Eraf", "16u", "Thuis", "3 mnd", "Langd", "M@zl", "Luxe", "Abs"]
        rijen = [kop] + [[f"{m.label} {m.jaar}", *(str(m.per_niveau[n]) for n in (1, 2, 3)),
                          str(m.thuiszitters_in), str(m.thuiszitters_uit),
                          *(str(m.per_signaal[s]) for s in soorten)] for m in t.maanden]
        klein = [[Paragraph(tekst_xml(c), _klein(i == 0)) for c in rij] for i, rij in enumerate(rijen)]
        cijfers = doc.tabel(klein, [0.13] + [0.87 / 12] * 12)
        cijfers.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 2)]))
        story += [doc.kop("In cijfers"), doc.tekst("Aantallen leerlingen per maand.", "klein"), cijfers,
                  doc.tekst("N1–N3: leerlingen per niveau. Erbij/Eraf: thuiszitters. Signalen: 16u = meldplicht 16 "
                            "uur, Thuis = thuiszitter, 3 mnd = thuiszitter langer dan 3 maanden, Langd = langdurig "
                            "afwezig, M@zl = zorgwekkend ziekteverzuim, Luxe = mogelijk luxe verzuim, Abs = "
                            "absoluut verzuim.", "klein")]
    story.append(doc.kop("Werkt het? Verzuim vóór en na interventies"))
    story.append(doc.tekst("Het verzuimpercentage (het deel van de lesuren dat de leerling afwezig was) in de 6 "
                           "lesweken vóór de start van een interventie en in de 6 lesweken vanaf de week van de "
                           "start. Het verschil is na min vóór, in procentpunten: hoger is slechter, want een plus "
                           "betekent meer verzuim na de start."))
    if j.effecten:
        rijen = [["Interventie", "Aantal", "Meegeteld", "Verzuim vóór", "Verzuim na", "Verschil (hoger is slechter)"]]
        rijen += [[e.soort, str(e.aantal), str(e.meegeteld), _pct(e.gemiddeld_voor), _pct(e.gemiddeld_na),
                   verschil_tekst(e.verschil, richting=True)] for e in j.effecten]
        story += [doc.tabel(rijen, [0.25, 0.105, 0.14, 0.12, 0.115, 0.27]), doc.tekst(j.voetnoot, "klein")]
    else:
        story.append(doc.tekst("Er zijn nog geen interventies met een startdatum in de plannen van aanpak."))
    return doc.bouw(story)
