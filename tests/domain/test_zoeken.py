"""One search key and one Dutch sort order for every name (domain/zoeken.py)."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thuiszit_desktop.domain.zoeken import (
    naam_sorteersleutel,
    natuurlijke_sleutel,
    sorteersleutel,
    zoek_in,
    zoeksleutel,
    zoektekst,
    zoekteksten,
    zoektermen,
)


@pytest.mark.parametrize(("tekst", "sleutel"), [
    ("Ömer Kılıç", "omer kilic"),
    ("KILIÇ", "kilic"),
    ("Çelik", "celik"),
    ("Øyvind Ødegård", "oyvind odegard"),
    ("Łukasz Wałęsa", "lukasz walesa"),
    ("Straße", "strasse"),
    ("Ærøskøbing", "aeroskobing"),
    ("Œdipe", "oedipe"),
    ("Đorđe", "dorde"),
    ("Þórunn", "thorunn"),
    ("İlkay", "ilkay"),
    ("Zoë  de\tJong", "zoe de jong"),
    ("Ĳsselmuiden", "ijsselmuiden"),
    ("’t Hart", "'t hart"),
    ("Jansen–Bakker", "jansen-bakker"),
])
def test_zoeksleutel(tekst, sleutel):
    assert zoeksleutel(tekst) == sleutel


@pytest.mark.parametrize(("zoek", "in_", "gevonden"), [
    ("omer", "Ömer Kılıç", True),
    ("kilic", "Ömer Kılıç", True),
    ("KILIÇ", "Ömer Kılıç", True),
    ("ömer kıl", "Ömer Kılıç", True),
    ("kilic omer", "Ömer Kılıç (2B, 1004)", True),
    ("celik", "Mehmet Çelik", True),
    ("oyvind", "Øyvind Berg", True),
    ("lukasz", "Łukasz Nowak", True),
    ("strasse", "Anna Straße", True),
    ("", "wie dan ook", True),
    ("omar", "Ömer Kılıç", False),
])
def test_zoek_in(zoek, in_, gevonden):
    assert zoek_in(zoek, zoeksleutel(in_)) is gevonden
    assert zoek_in(zoektermen(zoek), zoeksleutel(in_)) is gevonden


def test_names_sort_the_dutch_way_by_achternaam():
    leerlingen = [("Zwart", "Zoë", ""), ("Kılıç", "Ömer", ""), ("Vries", "Eva", "de"), ("Dekker", "Tim", ""),
                  ("Berg", "Jan", "van der"), ("Bergen", "Anna", ""), ("Çelik", "Mehmet", ""),
                  ("Celik", "Aylin", ""), ("Øyvind", "Lars", ""), ("Oosterhout", "Olga", ""), ("Łukasz", "Piotr", ""),
                  ("Lukas", "Piet", ""), ("van den Akker", "Sem", "")]
    assert [a for a, *_ in sorted(leerlingen, key=lambda x: naam_sorteersleutel(*x))] == [
        "van den Akker", "Berg", "Bergen", "Celik", "Çelik", "Dekker", "Kılıç", "Lukas", "Łukasz", "Oosterhout",
        "Øyvind", "Vries", "Zwart"]


@pytest.mark.parametrize(("eerst", "dan"), [
    (("Berg", "Jan", "van der"), ("Bergen", "Anna", "")),  # "van der Berg" under B
    (("Dekker", "Tim", ""), ("Vries", "Eva", "de")),  # "de Vries" under V, after Dekker
    (("van der Berg", "Anna", ""), ("Berg", "Jan", "van der")),  # tussenvoegsel in the achternaam field
    (("De Smet", "Lotte", ""), ("Dekker", "Tim", "")),  # a capital "De" is part of the name (Flemish)
    (("Kılıç", "Ömer", ""), ("Kok", "Anna", "")),
    (("Jansen", "Eva", ""), ("Jansen", "Ömer", "")),
    (("Celik", "Mehmet", ""), ("Çelik", "Mehmet", "")),  # only the accent differs: unaccented first
    (("jansen", "Eva", ""), ("Jansen", "Eva", "")),  # only the case differs: lower case first
])
def test_naam_sorteersleutel_pairs(eerst, dan):
    assert naam_sorteersleutel(*eerst) < naam_sorteersleutel(*dan)


def test_plain_names_sort_by_their_letters_not_their_code_points():
    namen = ["Zeynep", "Ömer", "Olga", "Peter", "Øyvind", "Émile", "Eva", "ärztin", "Anna"]
    assert sorted(namen, key=sorteersleutel) == ["Anna", "ärztin", "Émile", "Eva", "Olga", "Ömer", "Øyvind",
                                                 "Peter", "Zeynep"]


@given(st.text(max_size=30))
def test_the_keys_are_folded_and_stable(tekst):
    sleutel = zoeksleutel(tekst)
    assert zoeksleutel(sleutel) == sleutel  # folding twice changes nothing
    assert sleutel == sleutel.casefold()
    assert zoek_in(tekst, sleutel)  # a text always finds itself
    assert sorteersleutel(tekst) == sorteersleutel(tekst)


@given(st.lists(st.sampled_from(["Ömer", "kılıç", "d`Arc", "van", "a¨b", "¨", "\x01", "Straße", "2B", " ", "\u00a0",
                                   "ﬁ", "Ⅻ", "e\u0301"]), max_size=8) | st.text(max_size=30))
def test_the_text_folded_word_by_word_is_the_text_folded_whole(delen):
    tekst = "".join(delen) if isinstance(delen, list) else delen
    assert zoektekst(tekst) == zoeksleutel(tekst)


@given(st.lists(st.lists(st.sampled_from(["Ömer", "kılıç", "d`Arc", "van", "a¨b", "¨", "\x01", "\x00", "Straße", "2B", " ",
                                          "  ", "\u00a0", "\u2028", "\x85", "ﬁ", "Ⅻ", "e\u0301", "İ", "`"]),
                         max_size=6).map("".join) | st.text(max_size=20), max_size=12))
def test_the_texts_folded_together_are_each_text_folded(teksten):
    """(issue 16) zoekteksten – all texts of a list at once – gives what zoektekst gives for each."""
    assert zoekteksten(teksten) == [zoektekst(t) for t in teksten]


_NAAMDEEL = st.lists(st.sampled_from(["van", "de", " ", "Berg", "Öz", "e\u0301", "\u0301", "ß", "\x01", "\u00a0", "ﬁ",
                                       "Ǆ", "ı", "'t"]), max_size=5).map("".join) | st.text(max_size=12)


@given(_NAAMDEEL, _NAAMDEEL, _NAAMDEEL)
def test_a_name_key_made_from_its_parts_is_the_key_of_the_whole_name(achternaam, voornaam, tussenvoegsel):
    from thuiszit_desktop.domain import zoeken

    kern, los = zoeken._zonder_tussenvoegsel(achternaam)
    tussen = " ".join(p for p in (tussenvoegsel, los) if p)
    heel = f"{kern} {voornaam} {tussen}"
    verwacht = zoeken._SCHEIDING.join((zoeken._primair(kern), zoeken._primair(voornaam), zoeken._primair(tussen),
                                       *zoeken._verfijning(heel)))  # (how the key was made before issue 16)
    assert naam_sorteersleutel(achternaam, voornaam, tussenvoegsel) == verwacht


@given(st.text(alphabet="0123456789", min_size=1, max_size=12))
def test_a_number_sorts_as_its_digits_padded(nummer):
    assert natuurlijke_sleutel(nummer) == re.sub(r"(\d+)", lambda m: m.group(1).zfill(8), nummer)


_LETTERS = st.text(alphabet="aAbeEéÉiıIİoOöÖøØlłŁsßzZçÇ", max_size=8)


@given(_LETTERS, _LETTERS)
def test_the_letters_decide_before_accents_and_case(a, b):
    if zoeksleutel(a) < zoeksleutel(b):
        assert sorteersleutel(a) < sorteersleutel(b)
