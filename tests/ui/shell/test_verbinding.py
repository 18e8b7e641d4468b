"""The connection dialog for the shared school database (issue 18), on the real test cluster: every field checked
before anything is tried, "Verbinding testen" in the background with a Dutch message that says what to fix, and
"Verbinden" logging in. Fictional people only."""

from __future__ import annotations

from datetime import date
from urllib.parse import unquote, urlsplit

import pytest
from PySide6.QtCore import Qt

from tests.conftest import WACHTWOORD
from tests.pgcluster import PgCluster
from thuiszit_desktop.domain.leerling import Leerling
from thuiszit_desktop.services import session
from thuiszit_desktop.ui.common import bestanden
from thuiszit_desktop.ui.shell.verbinding_dialog import VerbindingDialog


def velden(pg_cluster: PgCluster, dsn: str, **anders) -> dict[str, str]:
    """The dialog's fields for the school database of `dsn` on the test cluster (no TLS: it runs on this computer)."""
    return {"host": pg_cluster.host, "poort": str(pg_cluster.poort), "database": unquote(urlsplit(dsn).path[1:]),
            "naam": "Anna de Vries", "sslmode": "disable", **anders}


@pytest.fixture
def maak(qtbot):
    gemaakt = []

    def maak(**kwargs) -> VerbindingDialog:
        dialog = VerbindingDialog(**kwargs)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        gemaakt.append(dialog)
        return dialog

    yield maak
    for dialog in gemaakt:
        if dialog.services is not None:
            dialog.services.close()


def test_every_missing_field_is_named_before_anything_is_tried(qtbot, maak):
    dialog = maak()
    assert dialog.poort.value() == 5432
    assert not dialog.zonder_tls.isChecked() and dialog.tls_waarschuwing.isHidden()
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    assert "naam van de server" in dialog.error_text("host")
    assert "naam van de database" in dialog.error_text("database")
    assert dialog.error_text("naam") == "Vul uw naam in."
    assert dialog.error_text("wachtwoord") == "Vul uw wachtwoord in."
    assert "CA-certificaat van de school" in dialog.error_text("ca")
    assert not dialog.loader.busy and dialog.focusWidget() is dialog.host


def test_tls_goes_off_only_for_a_server_on_this_computer_and_says_so(qtbot, maak, tmp_path):
    dialog = maak(velden={"host": "db.school.nl", "database": "thuiszit", "naam": "Anna de Vries"})
    dialog.wachtwoord.setText(WACHTWOORD)
    dialog.zonder_tls.setChecked(True)
    assert dialog.tls_waarschuwing.isVisible() and "leesbaar" in dialog.tls_waarschuwing.text()
    assert not dialog.ca.isEnabled()
    dialog.testen()
    assert "alleen een server op deze computer" in dialog.error_text("tls")
    dialog.zonder_tls.setChecked(False)
    dialog.ca.setText(str(tmp_path / "weg.crt"))
    dialog.testen()
    assert "is er niet" in dialog.error_text("ca")
    assert not dialog.loader.busy


def test_the_ca_certificate_is_chosen_with_a_file_dialog(qtbot, maak, tmp_path, monkeypatch):
    ca = tmp_path / "school-ca.crt"
    ca.write_text("-----BEGIN CERTIFICATE-----\n")
    monkeypatch.setattr(bestanden, "bestand_openen", lambda *a, **kw: ca)
    dialog = maak()
    dialog.kies_ca()
    assert dialog.ca.text() == str(ca)


def _test(qtbot, dialog: VerbindingDialog) -> str:
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    assert dialog.loader.busy and not dialog.save_button.isEnabled()
    qtbot.waitUntil(lambda: not dialog.loader.busy, timeout=20_000)
    assert dialog.save_button.isEnabled()
    return dialog.uitkomst.text()


def test_testing_the_connection_names_the_school(qtbot, maak, pg_cluster, server_school):
    dialog = maak(velden=velden(pg_cluster, server_school[0]))
    dialog.wachtwoord.setText(WACHTWOORD)
    assert _test(qtbot, dialog) == "✓ De verbinding werkt: de schooldatabase van Het Baken."
    assert dialog.isVisible() and dialog.services is None  # a test only: nothing more


def test_a_wrong_password_is_one_neutral_message_and_empties_the_field(qtbot, maak, pg_cluster, server_school):
    dialog = maak(velden=velden(pg_cluster, server_school[0]))
    dialog.wachtwoord.setText("niet-het-goede-1")
    assert _test(qtbot, dialog) == "Onbekende naam of verkeerd wachtwoord. Probeer het opnieuw."
    assert dialog.wachtwoord.text() == "" and dialog.focusWidget() is dialog.wachtwoord


def test_what_to_fix_when_the_server_database_or_certificate_is_wrong(qtbot, maak, pg_cluster, server_school, tmp_path):
    goed = velden(pg_cluster, server_school[0])
    dialog = maak(velden={**goed, "database": "bestaat_niet"})
    dialog.wachtwoord.setText(WACHTWOORD)
    assert "geen database 'bestaat_niet'" in _test(qtbot, dialog)

    leeg, eigenaar, _ww = pg_cluster.nieuwe_database()  # a database that is no school database
    dialog.database.setText(leeg)
    dialog.wachtwoord.setText(WACHTWOORD)
    assert "geen schooldatabase van Thuiszit Desktop" in _test(qtbot, dialog)

    dialog.database.setText(goed["database"])
    dialog.poort.setValue(1 if pg_cluster.poort != 1 else 2)  # nobody listens there
    assert "niet bereikbaar" in _test(qtbot, dialog)

    # verify-full against a server that has no certificate (the test cluster runs without TLS)
    ca = tmp_path / "school-ca.crt"
    ca.write_text("-----BEGIN CERTIFICATE-----\n")
    dialog.poort.setValue(pg_cluster.poort)
    dialog.zonder_tls.setChecked(False)
    dialog.ca.setText(str(ca))
    assert "geen beveiligde verbinding (TLS)" in _test(qtbot, dialog)


def test_connecting_logs_in_and_remembers_everything_but_the_password(qtbot, maak, pg_cluster, server_school):
    s = session.login_server(server_school[0], "Anna de Vries", WACHTWOORD)
    s.leerlingen.opslaan(Leerling(leerlingnummer="5001", voornaam="Mila", tussenvoegsel="", achternaam="Visser",
                                  geboortedatum=date(2012, 3, 5), inschrijfdatum=date(2024, 8, 1), klas="2B"),
                         date(2026, 11, 23))
    s.close()
    dialog = maak(velden=velden(pg_cluster, server_school[0], naam=""))
    qtbot.keyClicks(dialog.naam, "anna  de vries")
    qtbot.keyClicks(dialog.wachtwoord, WACHTWOORD)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.loader.busy, timeout=20_000)
    assert dialog.uitkomst.text() == "" and dialog.result() == dialog.DialogCode.Accepted
    assert dialog.services.gebruiker.naam == "Anna de Vries"
    assert [le.leerlingnummer for le in dialog.services.leerlingen.lijst()] == ["5001"]
    assert dialog.velden["naam"] == "anna de vries" and dialog.velden["sslmode"] == "disable"
    assert WACHTWOORD not in str(dialog.velden)


# --- TLS: the server's certificate checked against the school's CA (verify-full) ------------------------------

@pytest.fixture
def tls_school(pg_cluster_tls):
    """A school database on the cluster with TLS, set up over TLS; the dialog's fields (verify-full, the school's CA)."""
    from tests import pgcluster
    from tests.conftest import SCHOOL
    from thuiszit_desktop.services import schoolserver

    cluster = pg_cluster_tls
    naam, eigenaar, eigenaar_ww = cluster.nieuwe_database()
    pgcluster.logins_weg(cluster, ["anna de vries"])
    tls = f"sslmode=verify-full&sslrootcert={cluster.ca}"
    schoolserver.inrichten(f"postgresql://{eigenaar}@{cluster.host}:{cluster.poort}/{naam}?{tls}", eigenaar_ww,
                           SCHOOL, "Anna de Vries", WACHTWOORD)
    yield {"host": cluster.host, "poort": str(cluster.poort), "database": naam, "naam": "Anna de Vries",
           "sslmode": "verify-full", "sslrootcert": str(cluster.ca)}
    pgcluster.database_weg(cluster, naam, eigenaar)


def test_verify_full_with_the_schools_ca_logs_in_over_tls(qtbot, maak, tls_school):
    dialog = maak(velden=tls_school)
    assert not dialog.zonder_tls.isChecked() and dialog.ca.text() == tls_school["sslrootcert"]
    dialog.wachtwoord.setText(WACHTWOORD)
    assert _test(qtbot, dialog) == "✓ De verbinding werkt: de schooldatabase van Het Baken."
    dialog.save()
    qtbot.waitUntil(lambda: not dialog.loader.busy, timeout=20_000)
    assert dialog.result() == dialog.DialogCode.Accepted
    store = dialog.services.ctx.store
    assert store.adres.sslmode == "verify-full"
    assert store.db.execute_sql("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()").fetchone()[0] is True


def test_a_certificate_the_schools_ca_did_not_sign_or_for_another_name_is_refused(qtbot, maak, tls_school,
                                                                                   pg_cluster_tls):
    dialog = maak(velden={**tls_school, "sslrootcert": str(pg_cluster_tls.vreemde_ca)})
    dialog.wachtwoord.setText(WACHTWOORD)
    assert "niet ondertekend door het CA-certificaat van de school" in _test(qtbot, dialog)
    dialog.ca.setText(tls_school["sslrootcert"])
    dialog.host.setText("localhost")  # the certificate names 127.0.0.1 only
    dialog.wachtwoord.setText(WACHTWOORD)
    assert "hoort niet bij deze servernaam" in _test(qtbot, dialog)
