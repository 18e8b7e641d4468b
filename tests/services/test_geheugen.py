"""services/geheugen.py: Python's collector of reference cycles off while a long piece of work runs (a verzuim
import, issue 16) – and always on again afterwards when it was on, however the pieces end, nest or overlap."""

from __future__ import annotations

import gc
import threading

import pytest

from thuiszit_desktop.services import geheugen


@pytest.fixture(autouse=True)
def collector_on():
    gc.enable()
    yield
    gc.enable()


def test_off_inside_and_on_again_after_also_when_the_work_fails():
    with geheugen.zonder():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ValueError), geheugen.zonder():
        raise ValueError("de import faalt")
    assert gc.isenabled()


def test_nested_pieces_turn_it_on_only_when_the_outer_one_ends():
    with geheugen.zonder():
        with geheugen.zonder():
            pass
        assert not gc.isenabled()
    assert gc.isenabled()


def test_it_stays_off_when_it_was_off_before_as_at_the_start_of_the_program():
    gc.disable()  # (__main__.py, until the first window)
    with geheugen.zonder():
        pass
    assert not gc.isenabled()


def test_overlapping_pieces_in_two_threads_keep_it_off_until_the_last_ends():
    binnen, klaar = threading.Event(), threading.Event()

    def import_in_de_achtergrond():
        with geheugen.zonder():
            binnen.set()
            assert klaar.wait(10)

    draad = threading.Thread(target=import_in_de_achtergrond)
    draad.start()
    assert binnen.wait(10)
    with geheugen.zonder():
        pass
    assert not gc.isenabled()  # the other import still runs
    klaar.set()
    draad.join()
    assert gc.isenabled()
