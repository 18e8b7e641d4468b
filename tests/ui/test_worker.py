"""The background worker hands every GebruikersFout to the screen as its Dutch message – InlogFout too."""

import pytest

from thuiszit_desktop.domain.errors import GeenToegang, InlogFout, InvoerFout
from thuiszit_desktop.ui.common.worker import Job


@pytest.mark.parametrize("fout", [InlogFout(), InvoerFout("Vul een datum in."), GeenToegang("Alleen voor de zorg.")],
                         ids=lambda e: type(e).__name__)
def test_a_user_error_becomes_the_failed_message(fout):
    def werk(progress):
        raise fout

    job = Job(werk)
    gemeld, gecrasht = [], []
    job.signals.failed.connect(gemeld.append)
    job.signals.crashed.connect(gecrasht.append)
    job.run()  # on this thread: the signals are delivered directly
    assert gemeld == [str(fout)] and not gecrasht


def test_a_bug_is_not_a_user_error():
    def werk(progress):
        raise KeyError("bug")

    job = Job(werk)
    gemeld, gecrasht = [], []
    job.signals.failed.connect(gemeld.append)
    job.signals.crashed.connect(gecrasht.append)
    job.run()
    assert not gemeld and isinstance(gecrasht[0], KeyError)
