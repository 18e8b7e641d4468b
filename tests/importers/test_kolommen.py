"""Which column is which field (importers/kolommen.py): the headers of Magister and Somtoday, the choice of
the user and of the school laid over them, what a file must have."""

from __future__ import annotations

import pytest

from thuiszit_desktop.domain.errors import InvoerFout
from thuiszit_desktop.importers.kolommen import (
    NIET,
    SOORTEN,
    controleer,
    herken,
    koppel,
    te_onthouden,
    veld_naam,
    vergelijkbaar,
)
from thuiszit_desktop.importers.tabular import normaliseer_kop


def kolommen(*koppen: str) -> list[str]:
    return [normaliseer_kop(k) for k in koppen]


@pytest.mark.parametrize("soort, kop, veld", [
    *(("leerlingen", k, "leerlingnummer") for k in ("Stamnr", "Stamnr.", "Stamnummer", "Leerlingnummer",
                                                     "leerlingnummer", "Leerling-nummer", "LLNR")),
    *(("leerlingen", k, "voornaam") for k in ("Roepnaam", "Voornaam", "ROEPNAAM ")),
    ("leerlingen", "Voornamen", "voornamen"),
    *(("leerlingen", k, "tussenvoegsel") for k in ("Tussenv.", "Tussenvoegsel", "Voorvoegsel", "tussenv")),
    ("leerlingen", "Achternaam", "achternaam"),
    *(("leerlingen", k, "geboortedatum") for k in ("Geb.datum", "Geboortedatum", "Geb. datum", "Geboren")),
    *(("leerlingen", k, "klas") for k in ("Stamgroep", "Klas", "Groep", "Stamklas")),
    ("leerlingen", "Mentor", "mentor"),
    *(("leerlingen", k, "inschrijfdatum") for k in ("Datum in", "Inschrijfdatum", "Datum inschrijving")),
    *(("leerlingen", k, "uitschrijfdatum") for k in ("Datum uit", "Uitschrijfdatum", "Datum uitschrijving")),
    ("leerlingen", "Vrijstelling van", "vrijstelling_van"),
    ("leerlingen", "vrijstelling_tot", "vrijstelling_tot"),
    ("leerlingen", "BSN", "bsn"),
    ("leerlingen", "Burgerservicenummer", "bsn"),
    ("leerlingen", "Onderwijsnummer", "onderwijsnummer"),
    *(("verzuim", k, "leerlingnummer") for k in ("Stamnr", "Stamnummer", "Leerlingnummer")),
    ("verzuim", "Datum", "datum"),
    *(("verzuim", k, "lesuur") for k in ("Lesuur", "Uur")),
    ("verzuim", "Uren", "uren"),
    *(("verzuim", k, "code") for k in ("Code", "Absentiecode", "Verzuimcode")),
    *(("verzuim", k, "reden") for k in ("Reden", "Absentiereden")),
    *(("verzuim", k, "geoorloofd") for k in ("Geoorloofd", "Geoorloofd J/N", "geoorloofd (j/n)")),
    *(("verzuim", k, "begindatum") for k in ("Begindatum", "Begin datum", "Van")),
    ("verzuim", "Begintijd", "begintijd"),
    *(("verzuim", k, "einddatum") for k in ("Einddatum", "Tot", "Eind")),
    ("verzuim", "Eindtijd", "eindtijd"),
    # not a field: used for nothing
    ("leerlingen", "Geslacht", NIET), ("leerlingen", "Studie", NIET), ("verzuim", "Omschrijving", NIET),
    ("verzuim", "Naam", NIET),
])
def test_the_headers_of_magister_and_somtoday_are_recognised(soort, kop, veld):
    assert herken(kolommen(kop), soort) == {normaliseer_kop(kop): veld}


@pytest.mark.parametrize("soort", SOORTEN)
def test_a_name_means_one_field(soort):
    namen = [vergelijkbaar(n) for v in SOORTEN[soort] for n in dict.fromkeys(vergelijkbaar(x) for x in v.namen)]
    assert len(namen) == len(set(namen))


def test_roepnaam_wins_over_voornaam_and_one_column_per_field():
    k = kolommen("Stamnr", "Leerlingnummer", "Voornaam", "Roepnaam", "Voornamen", "Achternaam")
    assert herken(k, "leerlingen") == {"stamnr": NIET, "leerlingnummer": "leerlingnummer", "voornaam": NIET,
                                       "roepnaam": "voornaam", "voornamen": "voornamen",
                                       "achternaam": "achternaam"}


def test_a_choice_now_beats_a_remembered_one_which_beats_the_header():
    k = kolommen("Nr", "Naam kind", "Roepnaam", "Achternaam", "Klas", "Stamgroep")
    opgeslagen = {"nr": "leerlingnummer", "naam_kind": "voornaam", "stamgroep": "klas"}
    assert koppel(k, "leerlingen", opgeslagen=opgeslagen) == {
        "nr": "leerlingnummer", "naam_kind": "voornaam", "roepnaam": NIET, "achternaam": "achternaam",
        "klas": NIET, "stamgroep": "klas"}
    # now the user wants the Roepnaam after all: the remembered Naam kind yields
    assert koppel(k, "leerlingen", opgeslagen=opgeslagen, gekozen={"roepnaam": "voornaam"}) == {
        "nr": "leerlingnummer", "naam_kind": NIET, "roepnaam": "voornaam", "achternaam": "achternaam",
        "klas": NIET, "stamgroep": "klas"}
    # "niet gebruiken" remembered for the Roepnaam: the Voornamen feed the first name instead of nothing
    assert koppel(kolommen("Roepnaam", "Voornamen"), "leerlingen", opgeslagen={"roepnaam": NIET}) == {
        "roepnaam": NIET, "voornamen": "voornamen"}


def test_a_remembered_field_that_no_longer_exists_is_ignored():
    assert koppel(kolommen("Klas"), "leerlingen", opgeslagen={"klas": "lievelingsvak"}) == {"klas": "klas"}


def test_only_what_differs_from_the_headers_is_remembered():
    koppeling = {"stamnr": "leerlingnummer", "naam_kind": "voornaam", "stamgroep": NIET}
    assert te_onthouden(koppeling, "leerlingen", {"oud": "klas", "stamgroep": "klas"}) == {
        "oud": "klas", "naam_kind": "voornaam", "stamgroep": NIET}
    # back to what the header says: forgotten
    assert te_onthouden({"stamgroep": "klas"}, "leerlingen", {"stamgroep": NIET}) == {}


@pytest.mark.parametrize("gekozen, melding", [
    ({"bestaat_niet": "klas"}, "De kolom 'bestaat_niet' staat niet in de eerste regel van het bestand."),
    ({"nr": "klas", "klas": "klas"}, "'klas' is gekozen voor twee kolommen ('nr' en 'klas')."),
])
def test_a_choice_that_cannot_be_is_named(gekozen, melding):
    with pytest.raises(InvoerFout, match=melding.replace("(", r"\(").replace(")", r"\)")):
        koppel(kolommen("Nr", "Klas"), "leerlingen", gekozen=gekozen)


@pytest.mark.parametrize("tekst, veld", [("voornaam", "voornaam"), ("Roepnaam", "voornaam"), ("Geb.datum", "geboortedatum"),
                                         ("niet", NIET), ("niet gebruiken", NIET), ("", NIET)])
def test_a_field_as_typed_on_the_command_line(tekst, veld):
    assert veld_naam(tekst, "leerlingen") == veld


def test_an_unknown_field_lists_the_fields():
    with pytest.raises(InvoerFout, match="'lievelingsvak' is geen veld van de import van leerlingen. Kies uit: "
                                         "leerlingnummer, voornaam, voornamen"):
        veld_naam("lievelingsvak", "leerlingen")


@pytest.mark.parametrize("soort, velden, ontbreekt, waarschuwt", [
    ("leerlingen", {"leerlingnummer", "achternaam", "geboortedatum", "voornaam"}, [], False),
    ("leerlingen", {"leerlingnummer", "achternaam", "geboortedatum", "voornamen"}, [], False),
    ("leerlingen", {"leerlingnummer", "achternaam", "geboortedatum"}, [], True),
    ("leerlingen", {"achternaam"}, ["'leerlingnummer'", "'geboortedatum'"], True),
    ("verzuim", {"leerlingnummer", "datum", "lesuur", "code"}, [], False),
    ("verzuim", {"leerlingnummer", "begindatum", "einddatum", "reden"}, [], False),
    ("verzuim", {"leerlingnummer", "begindatum", "reden"}, ["'einddatum' (bij een begindatum)"], False),
    ("verzuim", {"leerlingnummer", "datum", "code"},
     ["'uren' (of 'lesuur', of een periode: 'begindatum' en 'einddatum')"], False),
])
def test_what_a_file_must_have(soort, velden, ontbreekt, waarschuwt):
    controle = controleer({v: v for v in velden}, soort)
    assert controle.ontbreekt == ontbreekt
    assert bool(controle.waarschuwingen) == waarschuwt
