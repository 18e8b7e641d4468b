"""One search key and one sort order for every name in the app.

`zoeksleutel` folds a text for searching: lower case, accents off, and the letters that Unicode does not
decompose spelled the way a Dutch keyboard types them (ı → i, ø → o, ß → ss, ł → l, æ → ae …), so "omer
kilic" finds Ömer Kılıç. `zoek_in` is the one test of a search against a text.

`sorteersleutel` and `naam_sorteersleutel` sort the way a Dutch reader expects (the root collation of the
Unicode Collation Algorithm, which Dutch uses unchanged): first on the letters alone (Ömer between Olga and
Peter, not after Z), then on accents, then lower case before upper case. A list that sorts by achternaam
ignores the tussenvoegsel at first: "van der Berg" sorts under B, "de Vries" after "Dekker". The keys are
plain strings, so a Qt model can use them as its sort role and Python's `sorted` needs no collator.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

# Letters without a Unicode decomposition, as they are written without the mark (DIN 5007-2 / ICU's Latin-ASCII
# transliteration). Upper case maps to upper case, so the tertiary level of the sort key still sees the case.
_LETTERS = str.maketrans({
    "ı": "i", "ȷ": "j", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D",
    "þ": "th", "Þ": "Th", "ß": "ss", "ẞ": "SS", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ħ": "h", "Ħ": "H",
    "ŧ": "t", "Ŧ": "T", "ĸ": "k", "ŋ": "ng", "Ŋ": "NG", "ſ": "s", "ƒ": "f", "ɨ": "i", "ʉ": "u", "ƀ": "b",
    "ƚ": "l", "ɗ": "d", "ɓ": "b", "ƙ": "k", "ƴ": "y",
    # apostrophes and dashes that keyboards and administrations mix up
    "’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'", "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-",
})
_CIJFERS = re.compile(r"(\d+)")
_GEEN_LETTER = re.compile(r"[^\w ]|_")  # what the primary level of the sort key leaves out
_STUUR_NAAR_SPATIE = {i: " " for i in (*range(0x20), 0x7F)}

# Dutch tussenvoegsels that may have ended up at the start of an achternaam (an import without a separate
# column): written in lower case they are not part of the name to sort on. A capital ("De Smet", Flemish)
# is part of the name and stays.
_TUSSENVOEGSELS = frozenset({
    "van", "de", "der", "den", "het", "'t", "te", "ter", "ten", "in", "op", "aan", "bij", "uit", "onder",
    "voor", "over", "tot", "d'", "l'", "la", "le", "les", "du", "des", "da", "di", "dos", "el", "al", "'s",
})


@lru_cache(maxsize=1 << 16)  # names repeat (voornamen, achternamen, klassen): fold each once
def zoeksleutel(tekst: str) -> str:
    """`tekst` folded for searching: "Ömer  KILIÇ" → "omer kilic", "Øyvind" → "oyvind", "Straße" → "strasse"."""
    return _plat(tekst).casefold()


def zoektekst(tekst: str) -> str:
    """`zoeksleutel(tekst)` without its cache, made word by word: a list of 20,000 students folds one text per
    student at start (issue 16); their names repeat, so each non-ASCII word is folded once (cached)."""
    if tekst.isascii():
        return _plat(tekst).casefold()
    # (an ASCII word in a text with accents gets the letter table too, as in the whole text: ` → ')
    return " ".join(w for w in (zoeksleutel(woord) if not woord.isascii() else
                                _plat(woord.translate(_LETTERS)).casefold() for woord in tekst.split()) if w)


def zoekteksten(teksten: Sequence[str]) -> list[str]:
    """`zoektekst` of each text, made over all of them at once with str methods that run in C: a list of 20,000
    students folds its search texts in a few milliseconds instead of a tenth of a second (issue 16)."""
    uit = list(teksten)
    plain: list[int] = []
    andere: list[int] = []
    for i, tekst in enumerate(uit):
        if _SCHEIDER in tekst:  # (never in a name; then the way of one text)
            uit[i] = zoektekst(tekst)
        else:
            (plain if tekst.isascii() else andere).append(i)
    if plain:
        for i, tekst in zip(plain, _ascii_samen(_SCHEIDER.join([uit[i] for i in plain])).split(_SCHEIDER),
                            strict=True):
            uit[i] = tekst
    if andere:  # word by word, as zoektekst does: each different word folded once
        woorden = f" {_SCHEIDER} ".join([uit[i] for i in andere]).split()
        uniek = set(woorden)
        uniek.discard(_SCHEIDER)
        los = [w for w in uniek if w.isascii()]
        # (in a text with other letters, an ASCII word gets the letter table too; ` is its only ASCII letter)
        gevouwen = dict(zip(los, _ascii_samen(_SCHEIDER.join(los).replace("`", "'")).split(_SCHEIDER), strict=False))
        gevouwen.update((w, zoeksleutel(w)) for w in uniek if not w.isascii())
        gevouwen[_SCHEIDER] = _SCHEIDER
        stukken = " ".join(filter(None, map(gevouwen.__getitem__, woorden))).split(_SCHEIDER)
        for i, tekst in zip(andere, map(str.strip, stukken), strict=True):
            uit[i] = tekst
    return uit


def _ascii_samen(samen: str) -> str:
    """`zoektekst` of each ASCII text in `samen` (joined by _SCHEIDER), over the whole: control characters to
    spaces, runs of spaces to one, none at either end, lower case."""
    samen = _SPATIES.sub(" ", samen.translate(_STUUR_BEHALVE_SCHEIDER))
    return samen.replace(" " + _SCHEIDER, _SCHEIDER).replace(_SCHEIDER + " ", _SCHEIDER).strip(" ").lower()


_SCHEIDER = "\x00"
_STUUR_BEHALVE_SCHEIDER = {i: " " for i in (*range(1, 0x20), 0x7F)}
_SPATIES = re.compile(" {2,}")


def zoektermen(zoekopdracht: str) -> tuple[str, ...]:
    """The words of what someone typed, each folded: every one of them must occur (`zoek_in`)."""
    return tuple(zoeksleutel(zoekopdracht).split())


def zoek_in(termen: tuple[str, ...] | str, sleutel: str) -> bool:
    """True when every term occurs in `sleutel` (a text folded by `zoeksleutel`); no terms: always."""
    if isinstance(termen, str):
        termen = zoektermen(termen)
    return all(t in sleutel for t in termen)


def sorteersleutel(tekst: str) -> str:
    """A string key that puts texts (names of partners, mentors, organisations …) in Dutch order."""
    return _SCHEIDING.join((_primair(tekst), *_verfijning(tekst)))


def naam_sorteersleutel(achternaam: str, voornaam: str = "", tussenvoegsel: str = "") -> str:
    """The key of a person in a list that sorts by achternaam: achternaam (without tussenvoegsel), then
    voornaam, then tussenvoegsel – "Berg, Anna van den" before "Bergen, Anna" before "Dekker, Tim" before
    "Vries, Eva de"."""
    kern, los = _zonder_tussenvoegsel(achternaam)
    tussen = " ".join(p for p in (tussenvoegsel, los) if p)
    # _verfijning(f"{kern} {voornaam} {tussen}"), made from its parts: a name's parts repeat over a school (a
    # list of 20,000 makes one key per student at start), so each is normalised once
    delen = [d for d in (_verfijning_deel(kern), _verfijning_deel(voornaam), _verfijning_deel(tussen)) if d[0]]
    return _SCHEIDING.join((_primair(kern), _primair(voornaam), _primair(tussen),
                            " ".join(d[0] for d in delen), " ".join(d[1] for d in delen)))


def natuurlijke_sleutel(tekst: str) -> str:
    """For klassen and numbers: "1A", "2B", "10A" (and "h4a" before "h10a") in plain string order."""
    if tekst.isdigit() and tekst.isascii():  # most leerlingnummers: one group of digits
        return tekst.zfill(8)
    return _CIJFERS.sub(lambda m: m.group(1).zfill(8), zoeksleutel(tekst))


# Between the parts of a key: below every character a part can contain (control characters are removed),
# so "Berg" + next part sorts before "Bergen".
_SCHEIDING = "\x01"


def _plat(tekst: str) -> str:
    """Accents off, undecomposable letters spelled out, whitespace as single spaces; case kept."""
    if not tekst.isascii():  # (most names are plain ASCII: then there is nothing to take off)
        tekst = unicodedata.normalize("NFKD", tekst.translate(_LETTERS))
        tekst = "".join(ch for ch in tekst if not unicodedata.combining(ch)).translate(_LETTERS)
    return " ".join(tekst.translate(_STUUR_NAAR_SPATIE).split())


@lru_cache(maxsize=1 << 16)
def _primair(tekst: str) -> str:
    """The letters and digits only, lower case: what counts first when sorting."""
    return _GEEN_LETTER.sub("", zoeksleutel(tekst))


def _verfijning(tekst: str) -> tuple[str, str]:
    """Ties broken the Unicode way: unaccented before accented, then lower case before upper case."""
    schoon = " ".join(unicodedata.normalize("NFC", tekst).translate(_STUUR_NAAR_SPATIE).split())
    return schoon.casefold(), schoon.swapcase()


@lru_cache(maxsize=1 << 14)
def _verfijning_deel(tekst: str) -> tuple[str, str]:
    """`_verfijning` of one part of a name. (Joined with spaces, the parts' give the whole name's: NFC does not
    compose across a space, and case folding and swapping go character by character.)"""
    return _verfijning(tekst)


@lru_cache(maxsize=1 << 14)
def _zonder_tussenvoegsel(achternaam: str) -> tuple[str, str]:
    """("Berg", "van der") for "van der Berg"; the achternaam itself when it has no lower-case prefix."""
    woorden = achternaam.split()
    i = 0
    while i < len(woorden) - 1 and woorden[i] in _TUSSENVOEGSELS:
        i += 1
    return " ".join(woorden[i:]), " ".join(woorden[:i])


__all__ = ["naam_sorteersleutel", "natuurlijke_sleutel", "sorteersleutel", "zoek_in", "zoeksleutel", "zoektekst",
           "zoekteksten", "zoektermen"]
