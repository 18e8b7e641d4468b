"""The connection to the shared school database (issue 18): the server, the database, your own name and password,
and the school's CA certificate; TLS that checks the server's certificate (verify-full) unless it is a server on
this computer itself. "Verbinding testen" and "Verbinden" run in the background: a server may take seconds to
answer, or not answer at all.

What is remembered (ui/shell/onthouden.py) is everything but the password."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialogButtonBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from ...domain.errors import InvoerFout
from ...domain.gebruiker import naam_sleutel
from ..common import bestanden, theme
from ..common.form import FormDialog
from ..common.widgets import ErrorLabel, WrapLabel, hint
from ..common.worker import Loader

STANDAARD_POORT = 5432  # PostgreSQL's (db/server.py STANDAARD_POORT; not imported: psycopg loads with it)
CA_FILTER = "CA-certificaat (*.crt *.pem *.cer);;Alle bestanden (*)"


def inloggen_op_server(adres, naam: str, wachtwoord: str):
    """Log in on the school database (on a worker thread): the services."""
    from ...services import session

    services = session.login_server(adres.dsn, naam, wachtwoord)
    services.end_thread()  # this worker thread's connection: the window opens its own
    return services


def adres_uit(velden: dict[str, str], naam: str = ""):
    """The remembered school database (onthouden.server_velden) as the address `naam` logs in with."""
    from ...services import schoolserver

    return schoolserver.ServerAdres(naam_sleutel(naam or velden.get("naam", "")), velden["host"],
                                    velden["database"], int(velden.get("poort") or STANDAARD_POORT),
                                    velden.get("sslmode") or "verify-full", velden.get("sslrootcert", ""))


def velden_uit(dsn: str) -> dict[str, str]:
    """`thuiszit-desktop --server DSN` (or THUISZIT_SERVER): the school database the window logs in on, as the
    remembered fields; InvoerFout with a Dutch reason for an address that is not one."""
    from ...services import schoolserver

    adres = schoolserver.lees_adres(dsn, gebruiker="-")  # the name is asked at the login
    return {"host": adres.host, "poort": str(adres.poort), "database": adres.database, "sslmode": adres.sslmode,
            "sslrootcert": adres.sslrootcert, "naam": "" if adres.gebruiker == "-" else adres.gebruiker}


def beschrijving(velden: dict[str, str]) -> str:
    """Which school database, in one line: "thuiszit op db.school.nl:5432, versleuteld"."""
    tls = ("zonder versleuteling (deze computer)" if velden.get("sslmode") == "disable"
           else "versleuteld, certificaat gecontroleerd")
    return f"{velden.get('database', '')} op {velden.get('host', '')}:{velden.get('poort') or STANDAARD_POORT}, {tls}"


class VerbindingDialog(FormDialog):
    """After `exec()` == Accepted: `velden` (what to remember) and, with `inloggen`, `services` logged in on the
    school database; without it the connection was tested (as `naam`) and nothing more."""

    def __init__(self, parent: QWidget | None = None, *, velden: dict[str, str] | None = None,
                 inloggen: bool = True, titel: str = "Verbinden met de schooldatabase"):
        super().__init__(titel, parent, save_text="Verbinden" if inloggen else "Deze schooldatabase kiezen")
        velden = velden or {}
        self.inloggen = inloggen
        self.services = None
        self.velden: dict[str, str] = {}
        self.waarde = None  # what the test (the school's name) or, without `inloggen`, the main button gave
        self._doel = ""  # what the background job does: "testen", "kiezen" or "inloggen"
        self._afgebroken = False
        self.add_above(hint("Vul in wat u van de ICT van school heeft gekregen. Uw naam en wachtwoord zijn die "
                            "van uw eigen account in Thuiszit Desktop."))

        self.host = QLineEdit(velden.get("host", ""))
        self.host.setPlaceholderText("bijvoorbeeld db.school.nl")
        self.poort = QSpinBox()
        self.poort.setRange(1, 65535)
        self.poort.setValue(int(velden.get("poort") or STANDAARD_POORT))
        self.poort.setGroupSeparatorShown(False)
        self.poort.setFixedWidth(self.poort.fontMetrics().horizontalAdvance("655350") + 40)
        self.database = QLineEdit(velden.get("database", ""))
        self.database.setPlaceholderText("bijvoorbeeld thuiszit")
        self.naam = QLineEdit(velden.get("naam", ""))
        self.naam.setPlaceholderText("bijvoorbeeld Anna de Vries")
        self.wachtwoord = QLineEdit()
        self.wachtwoord.setEchoMode(QLineEdit.EchoMode.Password)
        self.ca = QLineEdit(velden.get("sslrootcert", ""))
        self.ca.setPlaceholderText("het CA-certificaat van de school (.crt of .pem)")
        bladeren = QPushButton("Bladeren…")
        bladeren.clicked.connect(self.kies_ca)
        ca_rij = QWidget()
        rij = QHBoxLayout(ca_rij)
        rij.setContentsMargins(0, 0, 0, 0)
        rij.addWidget(self.ca, 1)
        rij.addWidget(bladeren)
        ca_rij.setFocusProxy(self.ca)
        self.zonder_tls = QCheckBox("Zonder versleuteling (alleen voor een server op deze computer zelf)")
        self.zonder_tls.setChecked(velden.get("sslmode") == "disable")
        self.tls_waarschuwing = WrapLabel("Let op: zonder versleuteling gaan namen, wachtwoorden en gegevens "
                                          "leesbaar over de verbinding. Dat mag alleen met een server op deze "
                                          "computer zelf, om te testen.")
        theme.style(self.tls_waarschuwing, "color: {danger};")
        self.zonder_tls.toggled.connect(self._tls_changed)

        self.field("Server:", "host", self.host)
        self.field("Poort:", "poort", self.poort)
        self.field("Database:", "database", self.database)
        self.field("Uw naam:", "naam", self.naam)
        self.field("Wachtwoord:", "wachtwoord", self.wachtwoord)
        self._extra_velden()
        self.field("CA-certificaat:", "ca", ca_rij,
                   hint("Hiermee controleert het programma dat het echt met de server van school praat "
                        "(TLS, verify-full)."))
        self.field("Geavanceerd:", "tls", self.zonder_tls, self.tls_waarschuwing)

        self.uitkomst = ErrorLabel()  # the test's outcome: green when it worked, red when not
        self.uitkomst.setObjectName("verbinding_uitkomst")
        self.form.addRow(self.uitkomst)
        self.test_button = QPushButton("Verbinding testen")
        self.test_button.clicked.connect(self.testen)
        self.buttons.addButton(self.test_button, QDialogButtonBox.ButtonRole.ActionRole)

        self.loader = Loader(None, self)
        self.loader.finished.connect(self._finished)
        self.loader.failed.connect(self._failed)
        self.loader.crashed.connect(lambda _exc: self._failed("Er ging iets mis bij het verbinden."))
        for edit in (self.host, self.database, self.naam, self.wachtwoord, self.ca):
            edit.textEdited.connect(lambda _t: self.uitkomst.set_error(""))
        self._tls_changed(self.zonder_tls.isChecked())
        self.finish(600)
        (self.wachtwoord if self.host.text() and self.naam.text() else self.host).setFocus()

    def _snapshot(self):
        return (self.host.text(), self.poort.value(), self.database.text(), self.naam.text(), self.ca.text(),
                self.zonder_tls.isChecked())

    def _tls_changed(self, zonder: bool) -> None:
        self.tls_waarschuwing.setVisible(zonder)
        self.ca.setEnabled(not zonder)

    def kies_ca(self) -> None:
        start = Path(self.ca.text()).parent if self.ca.text() else None
        pad = bestanden.bestand_openen(self, "CA-certificaat van de school kiezen", CA_FILTER, "certificaat",
                                       start=start)
        if pad is not None:
            self.ca.setText(str(pad))
            self.field_errors.labels["ca"].set_error("")

    def adres(self):
        """The address typed in, checked (field errors shown); None when something is missing or wrong."""
        from ...services import schoolserver  # psycopg only once a server is asked for

        self.field_errors.clear()
        fouten = {}
        try:
            adres = schoolserver.adres_van(self.host.text(), self.poort.value(), self.database.text(),
                                           self.naam.text(), self.ca.text(), zonder_tls=self.zonder_tls.isChecked())
        except InvoerFout as exc:
            fouten, adres = dict(exc.fouten), None
        if not self.wachtwoord.text():
            fouten["wachtwoord"] = "Vul uw wachtwoord in."
        if fouten:
            first = self.field_errors.show(fouten)
            if first is not None:
                first.setFocus(Qt.FocusReason.OtherFocusReason)
            return None
        return adres

    def testen(self) -> None:
        """"Verbinding testen": log in on the server and look whether it is a school database; nothing is written."""

        adres = self.adres()
        if adres is not None:
            naam, wachtwoord = " ".join(self.naam.text().split()), self.wachtwoord.text()
            self._start("testen", self._test(adres, naam, wachtwoord))

    def save(self) -> bool:
        """"Verbinden": log in (or, without `inloggen`, test); the dialog closes when that has worked."""

        adres = self.adres()
        if adres is None:
            return False
        naam, wachtwoord = " ".join(self.naam.text().split()), self.wachtwoord.text()  # the key slot's own spelling
        self.velden = {"host": adres.host, "poort": str(adres.poort), "database": adres.database,
                       "sslmode": adres.sslmode, "sslrootcert": adres.sslrootcert, "naam": naam}
        if self.inloggen:
            self._start("inloggen", lambda _p: inloggen_op_server(adres, naam, wachtwoord))
        else:
            self._start("kiezen", self._opdracht(adres, naam, wachtwoord))
        return False  # accepted when the answer is in (`_finished`)

    # --- what a dialog built on this one does differently (opslag_tab.OverzettenDialog) -------------------

    def _extra_velden(self) -> None:
        """More fields after the password."""

    def _test(self, adres, naam: str, wachtwoord: str):
        from ...services import schoolserver

        return lambda _p: schoolserver.verbinding_testen(adres, naam, wachtwoord)

    def _opdracht(self, adres, naam: str, wachtwoord: str):
        """The job of the main button without `inloggen`; its outcome lands in `self.waarde`."""
        return self._test(adres, naam, wachtwoord)

    def _gelukt(self, uitkomst) -> str:
        return f"✓ De verbinding werkt: de schooldatabase van {uitkomst}."

    def _start(self, doel: str, fn) -> None:
        self._doel = doel
        self._bezig(True)
        self.uitkomst.setText("Bezig met verbinden…")
        theme.style(self.uitkomst, "color: {muted};")
        self.uitkomst.show()
        self.loader.start(fn)

    def _bezig(self, bezig: bool) -> None:
        self.test_button.setEnabled(not bezig)
        self.save_button.setEnabled(not bezig)

    def _finished(self, uitkomst) -> None:
        self._bezig(False)
        if self._afgebroken:  # closed while the server answered: a login that arrives anyway ends at once
            if self._doel == "inloggen":
                uitkomst.close()
            return
        if self._doel == "inloggen":
            self.services = uitkomst
            self.uitkomst.set_error("")
            self._initial = self._snapshot()
            self.accept()
            return
        self.waarde = uitkomst
        theme.style(self.uitkomst, "color: {success};")
        self.uitkomst.set_error(self._gelukt(uitkomst))
        if self._doel == "kiezen":
            self._initial = self._snapshot()
            self.accept()

    def _failed(self, melding: str) -> None:
        self._bezig(False)
        theme.style(self.uitkomst, "color: {danger};")
        self.uitkomst.set_error(melding)
        if "wachtwoord" in melding:  # a wrong name or password: type it again
            self.wachtwoord.clear()
            self.wachtwoord.setFocus()

    def reject(self) -> None:
        super().reject()
        if self.result() == self.DialogCode.Rejected and self.loader.busy:
            self._afgebroken = True
