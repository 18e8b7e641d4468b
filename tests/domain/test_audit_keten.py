"""The audit hash chain: a valid chain passes; an edited, removed, inserted or reordered entry is caught
at the first entry that no longer fits."""

from __future__ import annotations

import dataclasses
import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from thuiszit_desktop.domain.audit import BEGIN_HASH, Actie, AuditInvoer, bereken_hash, controleer


def keten(velden: list[tuple]) -> list[AuditInvoer]:
    regels, vorige = [], BEGIN_HASH
    for i, (gebruiker_id, actie, leerling_id, wat) in enumerate(velden, start=1):
        invoer = AuditInvoer(i, dt.datetime(2026, 11, 23, 9, 0) + dt.timedelta(minutes=i), gebruiker_id,
                             f"Gebruiker {gebruiker_id}", actie, leerling_id, wat)
        invoer = dataclasses.replace(invoer, vorige_hash=vorige, hash=bereken_hash(vorige, invoer))
        regels.append(invoer)
        vorige = invoer.hash
    return regels


VIJF = keten([(1, Actie.INGELOGD, None, ""), (1, Actie.BEKEKEN, 7, "dossier"), (1, Actie.GEWIJZIGD, 7, "gesprek"),
              (2, Actie.AFGEDRUKT, 7, "plan-pdf"), (2, Actie.GEEXPORTEERD, None, "kwartaaloverzicht")])

velden = st.tuples(st.integers(1, 5), st.sampled_from(list(Actie)), st.none() | st.integers(1, 999),
                   st.text(max_size=20))


def test_a_valid_chain_is_ok():
    uitslag = controleer(VIJF, hoogste_id=5)
    assert uitslag.ok and uitslag.aantal == 5
    assert uitslag.melding == "Het auditlog is in orde (5 regels)."
    assert controleer([]).ok


@given(st.lists(velden, max_size=30))
def test_every_generated_chain_is_ok(rijen):
    regels = keten(rijen)
    assert controleer(regels, hoogste_id=len(regels) or None).aantal == len(regels)
    assert controleer(regels, hoogste_id=len(regels) or None).ok


@given(st.lists(velden, min_size=1, max_size=20), st.data())
def test_editing_any_field_of_any_entry_is_caught_there(rijen, data):
    regels = keten(rijen)
    i = data.draw(st.integers(0, len(regels) - 1))
    veld = data.draw(st.sampled_from(["tijd", "gebruiker_id", "gebruiker_naam", "actie", "leerling_id", "wat"]))
    oud = getattr(regels[i], veld)
    nieuw = {"tijd": lambda: oud + dt.timedelta(seconds=1), "gebruiker_id": lambda: oud + 1,
             "gebruiker_naam": lambda: oud + "x",
             "actie": lambda: "verwijderd" if oud != "verwijderd" else "bekeken",
             "leerling_id": lambda: None if oud else 1, "wat": lambda: oud + "!"}[veld]()
    regels[i] = dataclasses.replace(regels[i], **{veld: nieuw})
    uitslag = controleer(regels, hoogste_id=len(regels))
    assert not uitslag.ok and uitslag.eerste_fout == i + 1 and uitslag.aantal == i


def test_an_edited_entry_with_a_recomputed_own_hash_breaks_the_next_link():
    regels = list(VIJF)
    regels[1] = dataclasses.replace(regels[1], wat="ander")
    regels[1] = dataclasses.replace(regels[1], hash=bereken_hash(regels[1].vorige_hash, regels[1]))
    uitslag = controleer(regels, hoogste_id=5)
    assert not uitslag.ok and uitslag.eerste_fout == 3
    assert "sluit niet aan" in uitslag.melding


def test_a_removed_entry_is_caught():
    uitslag = controleer(VIJF[:2] + VIJF[3:], hoogste_id=5)
    assert not uitslag.ok and uitslag.eerste_fout == 3
    assert uitslag.melding.startswith("Het auditlog is niet in orde: regel 3 ontbreekt.")


def test_removing_the_last_entries_is_caught_by_the_highest_id():
    assert controleer(VIJF[:3], hoogste_id=3).ok
    uitslag = controleer(VIJF[:3], hoogste_id=5)
    assert not uitslag.ok and uitslag.eerste_fout == 4


def test_reordered_or_inserted_entries_are_caught():
    uitslag = controleer([VIJF[0], VIJF[2], VIJF[1], *VIJF[3:]], hoogste_id=5)
    assert not uitslag.ok and uitslag.eerste_fout == 2
    # an entry inserted with the next free id but linked in the middle
    nep = dataclasses.replace(VIJF[2], id=3, wat="nep")
    nep = dataclasses.replace(nep, hash=bereken_hash(nep.vorige_hash, nep))
    renumbered = [dataclasses.replace(r, id=r.id + 1) for r in VIJF[2:]]
    uitslag = controleer([*VIJF[:2], nep, *renumbered], hoogste_id=6)
    assert not uitslag.ok and uitslag.eerste_fout == 4


def test_the_hash_depends_on_the_previous_hash():
    assert bereken_hash(BEGIN_HASH, VIJF[0]) != bereken_hash("1" * 64, VIJF[0])
