"""Errors the user can fix: each carries a Dutch message that says what to do."""

from __future__ import annotations

from datetime import datetime

from . import formaat


class GebruikersFout(Exception):
    """The base of every error the user can act on: its text is a Dutch message that says what to do. The GUI,
    the background worker and the command line show it as it is; any other exception is a bug."""


class InvoerFout(GebruikersFout, ValueError):
    """Bad input. `fouten` maps a field name (or "" for the whole form) to a Dutch message."""

    def __init__(self, fouten: dict[str, str] | str):
        self.fouten = {"": fouten} if isinstance(fouten, str) else dict(fouten)
        super().__init__(" ".join(self.fouten.values()))


class NietGevonden(GebruikersFout, LookupError):
    """What the user asked for does not (or no longer) exist."""


class InlogFout(GebruikersFout, PermissionError):
    """Wrong name or password: one neutral message, whichever of the two it was. A login fills in `mislukt`
    (wrong passwords in a row for this name, in every program) and `wachten` (seconds before the next try)."""

    mislukt = 0
    wachten = 0

    def __init__(self) -> None:
        super().__init__("Onbekende naam of verkeerd wachtwoord. Probeer het opnieuw.")


class TeVeelPogingen(InlogFout):
    """Too many wrong passwords for this name in a row, in any program: wait first (the password is not tried)."""

    def __init__(self, mislukt: int, wachten: int) -> None:
        eenheid = "seconde" if wachten == 1 else "seconden"
        PermissionError.__init__(self, f"{mislukt} keer een verkeerde naam of wachtwoord. Wacht nog {wachten} "
                                       f"{eenheid} en probeer het dan opnieuw.")
        self.mislukt, self.wachten = mislukt, wachten


class DatabaseFout(GebruikersFout, RuntimeError):
    """The database cannot be opened; the message says why and what to do."""


class VerbindingWeg(DatabaseFout):
    """The shared school database cannot be reached (now): the network, or the server is down. Nothing of the
    action was saved (its transaction went with the connection); typed text stays as a local draft."""


class DatabaseInGebruik(DatabaseFout):
    def __init__(self) -> None:
        super().__init__("Deze database is al geopend, in een ander venster of door een ander programma. "
                         "Sluit dat eerst en probeer het dan opnieuw.")


class DatabaseBestaatAl(DatabaseFout):
    def __init__(self, map) -> None:
        super().__init__(f"In {map} staat al een database of het sleutelbestand van een database. Kies een lege "
                         "map; zo blijft wat er staat bewaard.")


class SchijfVol(DatabaseFout):
    """The disk (or the share) is full: nothing is damaged, there is no room to write."""

    def __init__(self) -> None:
        super().__init__("De schijf is vol, dus er kon niets worden opgeslagen. Maak ruimte vrij op de schijf "
                         "(bijvoorbeeld door oude bestanden weg te halen) en probeer het opnieuw. Wat al was "
                         "opgeslagen, blijft bewaard.")


class AlleenLezen(DatabaseFout):
    """The program may not write in the data folder (or the file is read-only)."""

    def __init__(self, map=None) -> None:
        waar = f"de map {map}" if map else "de map van de database"
        super().__init__(f"In {waar} mag het programma niet schrijven (alleen-lezen). Vraag de ICT om "
                         "schrijfrechten op die map, of gebruik een andere map.")


class DatabaseBezet(DatabaseFout):
    """Another program holds the database's write lock (SQLite), e.g. a second copy of the program or a
    tool that opened the file."""

    def __init__(self) -> None:
        super().__init__("Een ander programma of venster is op dit moment met de database bezig, zodat er niets "
                         "kon worden opgeslagen. Sluit dat andere programma of venster (of wacht even) en probeer "
                         "het opnieuw.")


class DatabaseTeNieuw(DatabaseFout):
    def __init__(self, versie: int, bekend: int) -> None:
        super().__init__(f"Deze database is gemaakt met een nieuwere versie van Thuiszit Desktop "
                         f"(schema {versie}; deze versie kent tot en met {bekend}). "
                         "Installeer de nieuwste versie van het programma.")


class DatabaseOnleesbaar(DatabaseFout):
    def __init__(self, detail: str = "") -> None:
        super().__init__("Het databasebestand is beschadigd of geen database van Thuiszit Desktop. "
                         "Kies een ander bestand of zet een reservekopie terug." + (f" ({detail})" if detail else ""))


class SleutelbestandWeg(DatabaseOnleesbaar):
    """The key file beside the database is gone: the database itself may be whole."""

    def __init__(self, naam: str = "thuiszit.sleutels") -> None:
        DatabaseFout.__init__(self, f"Het sleutelbestand {naam} naast de database ontbreekt; zonder dat bestand gaat "
                                    "de database niet open. Haal het terug uit een back-up, of zet het terug als u het "
                                    "nog ergens anders heeft.")


class DatabaseBeschadigd(DatabaseOnleesbaar):
    """The right key, but the integrity check at opening found damage: offer the last good backup."""

    def __init__(self) -> None:
        DatabaseFout.__init__(self, "De database is beschadigd: de controle bij het openen vond fouten. "
                                    "Zet de laatste goede back-up terug, of kies een ander bestand.")


class GeenToegang(GebruikersFout, PermissionError):
    """The acting user's role does not allow this action."""

    vastgelegd: bool  # set once the refusal is in the audit trail (services/toegang.py)


class Conflict(GebruikersFout):
    """Someone else saved a change to what the user was editing after they opened it (optimistic locking,
    services/versies.py). Nothing of theirs is saved; `anders` holds what is there now, field by field, so the
    screen can show the other change beside the user's own text (which it keeps)."""

    def __init__(self, wat: str, anders: dict[str, object], mijn: dict[str, object] | None = None, *,
                 wie: str | None = None, wanneer: datetime | None = None) -> None:
        # mijn: what this user tried to save, the same fields – shown beside theirs (ui/common/form.py);
        # wie/wanneer: who saved the version now there, and when (None: not known, e.g. a row saved before
        # schema step 14)
        self.wat, self.anders, self.mijn, self.wie, self.wanneer = wat, dict(anders), dict(mijn or {}), wie, wanneer
        door = f" ({wie}{', ' + formaat.tijdstip(wanneer) if wanneer else ''})" if wie else ""
        super().__init__(f"Iemand anders heeft {wat} gewijzigd nadat u het opende{door}. Uw wijziging is "
                         "niet opgeslagen, zodat niets verloren gaat: bekijk de andere wijziging, neem over wat u "
                         "wilt houden en sla opnieuw op.")
