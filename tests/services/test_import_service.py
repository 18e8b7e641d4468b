"""The student import against a real encrypted database: preview, upsert, all-or-nothing, the CLI."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from tests.conftest import WACHTWOORD
from thuiszit_desktop import app
from thuiszit_desktop.db import models as m
from thuiszit_desktop.domain.errors import GeenToegang, InvoerFout
from thuiszit_desktop.domain.gebruiker import Gebruiker, Rol
from thuiszit_desktop.domain.leerling import Leerling, Ouder, Relatie, Vrijstelling, VrijstellingType
from thuiszit_desktop.services import session
from thuiszit_desktop.services.context import Context
from thuiszit_desktop.services.importing import ImportFout, ImportResultaat, ImportService, RijFout
from thuiszit_desktop.services.toegang import beveilig

pytestmark = pytest.mark.beide_stores  # and on the shared school database (issue 18)

KOP = "leerlingnummer;voornaam;tussenvoegsel;achternaam;geboortedatum;klas;mentor"
KLAS_2 = [
    "1001;Zoë;;Çelik;05-03-2011;2A;J. de Vries",
    "1002;Daniël;van;Dijk;07-03-2011;2B;M. El Amrani",
    "1003;Fatima;;El Idrissi;12-11-2011;2A;J. de Vries",
]


def csv(tmp_path: Path, *regels: str, naam: str = "leerlingen.csv", codering: str = "utf-8") -> Path:
    pad = tmp_path / naam
    pad.write_bytes(("\r\n".join(regels) + "\r\n").encode(codering))
    return pad


def aantal_leerlingen() -> int:
    return m.Leerling.select().count()


def test_first_import_adds_students_and_mentors(services, tmp_path, vandaag):
    resultaat = services.importeren.leerlingen(csv(tmp_path, KOP, *KLAS_2), vandaag=vandaag)
    assert (resultaat.toegevoegd, resultaat.gewijzigd, resultaat.ongewijzigd, resultaat.overgeslagen) == (3, 0, 0, 0)
    assert resultaat.samenvatting == "Import klaar: 3 leerlingen toegevoegd, 0 gewijzigd en 0 ongewijzigd."
    assert sorted(r.naam for r in services.leerlingen.lijst(vandaag)) == ["Daniël van Dijk", "Fatima El Idrissi",
                                                                         "Zoë Çelik"]
    assert services.leerlingen.mentoren() == ["J. de Vries", "M. El Amrani"]
    assert m.Gebruiker.select().count() == 1  # mentors are contacts, not users
    zoe = services.leerlingen.get("1001")
    assert (zoe.mentor, zoe.inschrijfdatum) == ("J. de Vries", date(2026, 8, 1))


def test_importing_the_same_file_twice_changes_nothing(services, tmp_path, vandaag):
    pad = csv(tmp_path, KOP + ";vrijstelling;vrijstelling_van;bsn;startkwalificatie",
              *(r + ";;;;" for r in KLAS_2[:2]), KLAS_2[2] + ";5a;01-08-2026;123456782;nee")
    services.importeren.leerlingen(pad, vandaag=vandaag)
    m.Leerling.update(gewijzigd="2026-01-01 12:00:00").execute()
    voor = list(m.Leerling.select().order_by(m.Leerling.id).dicts())

    voorbeeld = services.importeren.leerlingen_voorbeeld(pad, vandaag=vandaag)
    assert (voorbeeld.nieuw, voorbeeld.gewijzigd, voorbeeld.ongewijzigd) == ([], [], 3)
    resultaat = services.importeren.leerlingen(pad, vandaag=vandaag)
    assert (resultaat.toegevoegd, resultaat.gewijzigd, resultaat.ongewijzigd) == (0, 0, 3)
    assert list(m.Leerling.select().order_by(m.Leerling.id).dicts()) == voor
    assert m.Vrijstelling.select().count() == 1
    assert m.Contact.select().count() == 2


def test_the_preview_describes_changes_and_writes_nothing(services, tmp_path, vandaag):
    services.importeren.leerlingen(csv(tmp_path, KOP, *KLAS_2), vandaag=vandaag)
    pad = csv(tmp_path, KOP, "1001;Zoë;;Çelik;05-03-2011;3A;K. Öztürk", KLAS_2[1],
              "1004;Sem;de;Boer;30-04-2012;1C;J. de Vries", naam="volgend_jaar.csv")
    voorbeeld = services.importeren.leerlingen_voorbeeld(pad, vandaag=vandaag)
    assert [lln.naam for lln in voorbeeld.nieuw] == ["Sem de Boer"]
    [(oud, nieuw, wijzigingen)] = voorbeeld.gewijzigd
    assert (oud.klas, nieuw.klas) == ("2A", "3A")
    assert wijzigingen == ["klas: 2A → 3A", "mentor: J. de Vries → K. Öztürk"]
    assert voorbeeld.ongewijzigd == 1
    assert voorbeeld.te_importeren == 2
    assert aantal_leerlingen() == 3
    assert services.leerlingen.get("1001").klas == "2A"
    assert "K. Öztürk" not in services.leerlingen.mentoren()

    resultaat = services.importeren.leerlingen(pad, vandaag=vandaag)
    assert (resultaat.toegevoegd, resultaat.gewijzigd, resultaat.ongewijzigd) == (1, 1, 1)
    assert services.leerlingen.get("1001").mentor == "K. Öztürk"
    assert services.leerlingen.get("1003").klas == "2A"  # not in the file: untouched


def test_one_bad_row_means_nothing_is_written(services, tmp_path, vandaag):
    services.importeren.leerlingen(csv(tmp_path, KOP, KLAS_2[0]), vandaag=vandaag)
    pad = csv(tmp_path, KOP, "1001;Zoë;;Çelik;05-03-2011;3A;", KLAS_2[1], "1003;Fatima;;El Idrissi;31-02-2011;2A;",
              "1002;Daniël;van;Dijk;07-03-2011;2B;", naam="fout.csv")
    with pytest.raises(ImportFout) as exc:
        services.importeren.leerlingen(pad, vandaag=vandaag)
    fout = exc.value
    assert isinstance(fout, InvoerFout)
    assert [f.regel for f in fout.rijfouten] == [4, 5]
    assert "bestaat niet" in fout.fouten["regel 4"]
    assert "dubbel: staat ook op regel 3" in fout.fouten["regel 5"]
    assert str(fout) == ("Er is niets geïmporteerd: 2 regels hebben een fout. Verbeter het bestand en importeer "
                         "opnieuw, of sla de foute regels over.")
    assert aantal_leerlingen() == 1
    assert services.leerlingen.get("1001").klas == "2A"


def test_skipping_bad_rows_imports_the_good_ones_and_lists_the_bad(services, tmp_path, vandaag):
    pad = csv(tmp_path, KOP + ";hobby", KLAS_2[0] + ";", "1002;Daniël;van;;07-03-2011;2B;;",
              KLAS_2[2] + ";dammen", "1001;Aïcha;;Bakker;01-02-2012;1D;;")
    resultaat = services.importeren.leerlingen(pad, sla_foute_regels_over=True, vandaag=vandaag)
    assert (resultaat.toegevoegd, resultaat.overgeslagen) == (2, 2)
    assert resultaat.fouten == [RijFout(3, "Vul de achternaam in."),
                                RijFout(5, "Leerlingnummer 1001 is dubbel: staat ook op regel 2. "
                                           "Haal een van de twee regels weg.")]
    assert resultaat.onbekende_kolommen == ["hobby"]
    assert resultaat.samenvatting == ("Import klaar: 2 leerlingen toegevoegd, 0 gewijzigd en 0 ongewijzigd; "
                                      "2 regels met een fout overgeslagen; genegeerde kolommen: hobby.")
    assert {r.leerlingnummer for r in services.leerlingen.lijst(vandaag)} == {"1001", "1003"}
    assert services.leerlingen.get("1001").achternaam == "Çelik"


def test_columns_absent_from_the_file_never_wipe_hand_entered_data(services, tmp_path, vandaag):
    services.importeren.leerlingen(csv(tmp_path, KOP, KLAS_2[0]), vandaag=vandaag)
    hand = replace(services.leerlingen.get("1001"), bsn="123456782", onderwijsnummer="101234564",
                   startkwalificatie=True, bestemming="", inschrijfdatum=date(2023, 8, 1),
                   ouders=(Ouder("Ayşe Çelik", Relatie.MOEDER, "06-12345678", "ayse@example.org"),
                           Ouder("Mehmet Çelik", Relatie.VADER)),
                   vrijstellingen=(Vrijstelling(VrijstellingType.ART_5A, date(2025, 8, 1), date(2026, 7, 31)),))
    services.leerlingen.opslaan(hand, vandaag)
    hand = services.leerlingen.get("1001")

    pad = csv(tmp_path, "Stamnummer;Achternaam;Geboortedatum;Klas;BSN;Vrijstelling;Inschrijfdatum",
              "1001;Çelik;05-03-2011;3A;;;", naam="weinig_kolommen.csv")
    resultaat = services.importeren.leerlingen(pad, vandaag=vandaag)
    assert resultaat.gewijzigd == 1
    na = services.leerlingen.get("1001")
    assert na == replace(hand, klas="3A")
    assert (na.voornaam, na.mentor, na.bsn, na.inschrijfdatum) == ("Zoë", "J. de Vries", "123456782", date(2023, 8, 1))
    assert len(na.ouders) == 2 and na.vrijstellingen == hand.vrijstellingen


def test_a_vrijstelling_in_the_file_is_added_then_updated(services, tmp_path, vandaag):
    kop = KOP + ";vrijstelling;vrijstelling_van;vrijstelling_tot"
    services.importeren.leerlingen(csv(tmp_path, kop, KLAS_2[0] + ";5a;01-08-2025;31-07-2026"), vandaag=vandaag)
    pad = csv(tmp_path, kop, KLAS_2[0] + ";5a;01-08-2026;", naam="nieuwe_vrijstelling.csv")
    voorbeeld = services.importeren.leerlingen_voorbeeld(pad, vandaag=vandaag)
    assert voorbeeld.gewijzigd[0].wijzigingen == ["vrijstelling 5a vanaf 01-08-2026 erbij"]
    services.importeren.leerlingen(pad, vandaag=vandaag)
    pad = csv(tmp_path, kop, KLAS_2[0] + ";5a;1-8-2026;31-7-2027", naam="einddatum.csv")
    services.importeren.leerlingen(pad, vandaag=vandaag)
    assert services.leerlingen.get("1001").vrijstellingen == (
        Vrijstelling(VrijstellingType.ART_5A, date(2025, 8, 1), date(2026, 7, 31)),
        Vrijstelling(VrijstellingType.ART_5A, date(2026, 8, 1), date(2027, 7, 31)))
    assert services.importeren.leerlingen(pad, vandaag=vandaag).ongewijzigd == 1


def test_a_row_that_clashes_with_the_register_is_a_row_error(services, tmp_path, vandaag):
    services.importeren.leerlingen(csv(tmp_path, KOP + ";inschrijfdatum", KLAS_2[0] + ";01-08-2026"), vandaag=vandaag)
    pad = csv(tmp_path, "leerlingnummer;achternaam;geboortedatum;uitschrijfdatum", "1001;Çelik;05-03-2011;01-05-2026",
              naam="uitschrijven.csv")
    voorbeeld = services.importeren.leerlingen_voorbeeld(pad, vandaag=vandaag)
    assert voorbeeld.fouten == [RijFout(2, "De uitschrijfdatum moet na de inschrijfdatum liggen.")]
    with pytest.raises(ImportFout):
        services.importeren.leerlingen(pad, vandaag=vandaag)


def test_windows_1252_and_xlsx_files(services, tmp_path, vandaag):
    pad = csv(tmp_path, KOP.replace(";", "\t"), *(r.replace(";", "\t") for r in KLAS_2), codering="cp1252")
    assert services.importeren.leerlingen(pad, vandaag=vandaag).toegevoegd == 3
    werkmap = openpyxl.Workbook()
    werkmap.active.append(["Leerlingnummer", "Achternaam", "Geboortedatum", "Klas"])
    werkmap.active.append([1001, "Çelik", date(2011, 3, 5), "3A"])
    werkmap.active.append([1004, "Nguyễn", date(2012, 6, 1), "1B"])
    werkmap.save(tmp_path / "leerlingen.xlsx")
    resultaat = services.importeren.leerlingen(tmp_path / "leerlingen.xlsx", vandaag=vandaag)
    assert (resultaat.toegevoegd, resultaat.gewijzigd) == (1, 1)
    assert services.leerlingen.get("1004").achternaam == "Nguyễn"


def test_a_file_level_problem_is_an_invoerfout(services, tmp_path, vandaag):
    with pytest.raises(InvoerFout, match="is leeg"):
        services.importeren.leerlingen(csv(tmp_path, "", naam="leeg.csv"), vandaag=vandaag)
    with pytest.raises(InvoerFout, match="ontbreekt de kolom 'geboortedatum'"):
        services.importeren.leerlingen_voorbeeld(csv(tmp_path, "leerlingnummer;achternaam", "1;Çelik"), vandaag=vandaag)


def test_progress_reaches_the_end_and_a_raising_callback_rolls_back(services, tmp_path, vandaag):
    pad = csv(tmp_path, KOP, *(f"{2000 + i};Zoë;;Çelik;05-03-2011;2A;J. de Vries" for i in range(600)))
    stappen: list[tuple[int, int]] = []
    services.importeren.leerlingen_voorbeeld(pad, progress=lambda d, t: stappen.append((d, t)), vandaag=vandaag)
    assert stappen[-1] == (100, 100)
    assert all(a[0] < b[0] for a, b in zip(stappen, stappen[1:], strict=False))

    class Stop(Exception):
        pass

    def afbreken(done: int, total: int) -> None:
        if done > 90:  # while writing
            raise Stop

    with pytest.raises(Stop):
        services.importeren.leerlingen(pad, progress=afbreken, vandaag=vandaag)
    assert aantal_leerlingen() == 0
    assert m.Contact.select().count() == 0


def test_only_the_zorgcoordinator_imports(services, tmp_path, vandaag):
    ctx = Context(services.ctx.store, Gebruiker(99, "Mo El Amrani", Rol.MENTOR))
    mentor = beveilig(ctx, "importeren", ImportService(ctx))  # as Services builds it: with its rules
    pad = csv(tmp_path, KOP, *KLAS_2)
    with pytest.raises(GeenToegang):
        mentor.leerlingen_voorbeeld(pad, vandaag=vandaag)
    with pytest.raises(GeenToegang):
        mentor.leerlingen(pad, vandaag=vandaag)
    assert aantal_leerlingen() == 0


def test_samenvatting_uses_singular_and_plural():
    assert ImportResultaat(1, 2, 0, 1).samenvatting == (
        "Import klaar: 1 leerling toegevoegd, 2 gewijzigd en 0 ongewijzigd; 1 regel met een fout overgeslagen.")


def test_many_students_in_one_go(services, tmp_path, vandaag):
    regels = [f"{10000 + i};Daniël;van;Dijk;{1 + i % 28:02d}-{1 + i % 12:02d}-2011;{1 + i % 4}{'ABC'[i % 3]};"
              f"Mentor {i % 20}" for i in range(2000)]
    pad = csv(tmp_path, KOP, *regels)
    assert services.importeren.leerlingen(pad, vandaag=vandaag).toegevoegd == 2000
    assert len(services.leerlingen.mentoren()) == 20
    pad = csv(tmp_path, KOP, *(r.replace(";van;", ";de;") for r in regels), naam="tussenvoegsel.csv")
    assert services.importeren.leerlingen(pad, vandaag=vandaag).gewijzigd == 2000
    assert services.importeren.leerlingen(pad, vandaag=vandaag).ongewijzigd == 2000


# --- the command line -------------------------------------------------------------------------------

def cli_import(db_path: Path, pad: Path, *extra: str) -> int:
    return app.main(["import", "leerlingen", str(pad), "--data-dir", str(db_path.parent),
                     "--gebruiker", "Anna de Vries", *extra])


def test_cli_import_succeeds(services, db_path, tmp_path, monkeypatch, capsys):
    services.close()  # the CLI opens the database itself
    monkeypatch.setenv("THUISZIT_WACHTWOORD", WACHTWOORD)
    pad = csv(tmp_path, KOP, *KLAS_2)
    assert cli_import(db_path, pad) == 0
    uit = capsys.readouterr()
    assert uit.out.strip() == "Import klaar: 3 leerlingen toegevoegd, 0 gewijzigd en 0 ongewijzigd."
    assert uit.err == ""
    assert cli_import(db_path, pad) == 0
    assert "0 leerlingen toegevoegd, 0 gewijzigd en 3 ongewijzigd" in capsys.readouterr().out
    opnieuw = session.login(db_path, "Anna de Vries", WACHTWOORD)
    try:
        assert len(opnieuw.leerlingen.lijst()) == 3
    finally:
        opnieuw.close()


def test_cli_import_with_a_bad_row_exits_1_and_names_the_line(services, db_path, tmp_path, monkeypatch, capsys):
    services.close()
    monkeypatch.setenv("THUISZIT_WACHTWOORD", WACHTWOORD)
    pad = csv(tmp_path, KOP, KLAS_2[0], "1002;Daniël;van;Dijk;7 maart 2011;2B;", KLAS_2[2])
    assert cli_import(db_path, pad) == 1
    uit = capsys.readouterr()
    regels = uit.err.strip().splitlines()
    assert regels[0].startswith("Er is niets geïmporteerd: 1 regel heeft een fout.")
    assert regels[1].startswith("regel 3: geboortedatum: '7 maart 2011' is geen datum")
    assert uit.out == ""

    assert cli_import(db_path, pad, "--sla-foute-regels-over") == 0
    uit = capsys.readouterr()
    assert uit.err.startswith("regel 3: ")
    assert "2 leerlingen toegevoegd" in uit.out and "1 regel met een fout overgeslagen" in uit.out


def test_cli_import_of_an_empty_file(services, db_path, tmp_path, monkeypatch, capsys):
    services.close()
    monkeypatch.setenv("THUISZIT_WACHTWOORD", WACHTWOORD)
    assert cli_import(db_path, csv(tmp_path, "", naam="leeg.csv")) == 1
    assert "is leeg" in capsys.readouterr().err


def test_preview_result_is_plain_data(services, tmp_path, vandaag):
    voorbeeld = services.importeren.leerlingen_voorbeeld(csv(tmp_path, KOP, KLAS_2[0]), vandaag=vandaag)
    assert isinstance(voorbeeld.nieuw[0], Leerling) and voorbeeld.nieuw[0].id is None
    assert voorbeeld.fouten == [] and voorbeeld.onbekende_kolommen == []
