"""The tables. The schema itself is created by migrations.py; a test keeps the two in step."""

from __future__ import annotations

import datetime as dt

import peewee as pw
from playhouse.sqlite_ext import AutoIncrementField

from ..domain import formaat
from .vertrouwelijk import VertrouwelijkField

# Late-bound: the composition root (or a test) opens a database file and initialises this proxy.
database = pw.DatabaseProxy()


def now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


class BaseModel(pw.Model):
    class Meta:
        database = database
        legacy_table_names = False


class School(BaseModel):
    """One row: the school this database belongs to."""

    naam = pw.TextField()
    brin = pw.TextField()
    regio = pw.TextField()
    schooltype = pw.TextField()
    uren_per_lesdag = pw.FloatField(default=6.0)


class Instelling(BaseModel):
    """Further school settings as JSON values, by key."""

    sleutel = pw.TextField(primary_key=True)
    waarde = pw.TextField()


class Gebruiker(BaseModel):
    naam = pw.TextField()
    naam_sleutel = pw.TextField(unique=True)  # casefolded: "Anna" and "anna" are one user
    rol = pw.TextField()
    klassen = pw.TextField(default="")  # comma-separated, for mentors
    actief = pw.BooleanField(default=True)
    aangemaakt = pw.DateTimeField(default=now)
    # Ed25519 signature over id, name, role, klassen and actief by the zorgcoördinators' key (db/handtekening.py)
    handtekening = pw.TextField(default="", constraints=[pw.SQL("DEFAULT ''")])


class Profiel(BaseModel):
    """What a user is called on paper and how to reach them: the school signs the plan with it, and the
    casusregisseur and contacts are reachable through it. Kept apart from the gebruiker row, whose fields
    are security-relevant."""

    gebruiker = pw.ForeignKeyField(Gebruiker, primary_key=True, on_delete="CASCADE", backref="+")
    volledige_naam = pw.TextField(default="")
    functie = pw.TextField(default="")
    telefoon = pw.TextField(default="")
    email = pw.TextField(default="")


class Contact(BaseModel):
    """A person the school works with who does not log in: a mentor from an import, later partners."""

    naam = pw.TextField()
    rol = pw.TextField(default="mentor")
    organisatie = pw.TextField(default="")
    telefoon = pw.TextField(default="")
    email = pw.TextField(default="")

    class Meta:
        indexes = ((("naam", "rol"), True),)


class Leerling(BaseModel):
    leerlingnummer = pw.TextField(unique=True)
    voornaam = pw.TextField(default="")
    tussenvoegsel = pw.TextField(default="")
    achternaam = pw.TextField()
    geboortedatum = pw.DateField()
    klas = pw.TextField(default="", index=True)
    mentor = pw.ForeignKeyField(Contact, null=True, on_delete="SET NULL", backref="leerlingen")
    inschrijfdatum = pw.DateField()
    uitschrijfdatum = pw.DateField(null=True)
    bestemming = pw.TextField(default="")
    startkwalificatie = pw.BooleanField(default=False)
    bsn = pw.TextField(default="")
    onderwijsnummer = pw.TextField(default="")
    gewijzigd = pw.DateTimeField(default=now)
    rijversie = pw.IntegerField(default=1, constraints=[pw.SQL("DEFAULT 1")])  # optimistic locking: services/versies.py
    versie_door = pw.IntegerField(null=True)  # who saved this version (a gebruiker id): services/versies.py
    versie_op = pw.DateTimeField(null=True)  # and when

    @property
    def naam(self) -> str:
        """The full name, as domain.leerling.Leerling.naam gives it."""
        return formaat.naam(self.voornaam, self.tussenvoegsel, self.achternaam)


# On a server, row-level security keeps a mentor to the students whose lower(klas) is one of theirs, in every
# query that reaches a student (db/server_rechten.py): with this index that is a lookup, not a scan of every
# student per query (schema step 12; on the file it is only kept the same).
Leerling.add_index(pw.ModelIndex(Leerling, (pw.fn.lower(Leerling.klas),), name="leerling_klas_lower"))


class Ouder(BaseModel):
    leerling = pw.ForeignKeyField(Leerling, on_delete="CASCADE", backref="ouders")
    volgorde = pw.IntegerField(default=0)
    naam = pw.TextField()
    relatie = pw.TextField(default="ouder")
    telefoon = pw.TextField(default="")
    email = pw.TextField(default="")
    adres = pw.TextField(default="")
    gezag = pw.BooleanField(default=True)
    contactvoorkeur = pw.TextField(default="telefoon")


class Vrijstelling(BaseModel):
    leerling = pw.ForeignKeyField(Leerling, on_delete="CASCADE", backref="vrijstellingen")
    type = pw.TextField()
    van = pw.DateField()
    tot = pw.DateField(null=True)


class VrijeDag(BaseModel):
    """A day the school is closed besides vacations and public holidays (studiedag …)."""

    datum = pw.DateField(unique=True)
    omschrijving = pw.TextField(default="")


class Verzuim(BaseModel):
    """Hours of absence of one student on one day with one reden; imported or entered by hand."""

    leerling = pw.ForeignKeyField(Leerling, on_delete="CASCADE", backref="verzuim")
    datum = pw.DateField()
    uren = pw.FloatField()
    reden = pw.TextField()
    bron = pw.TextField(default="import")  # "import": replaced by a later import of that day; "hand": kept
    code = pw.TextField(default="")  # the administration's own code, as imported
    opmerking = pw.TextField(default="")

    class Meta:
        indexes = ((("leerling", "datum"), False),)


class Verzuimmelding(BaseModel):
    """A melding in DUO's verzuimregister."""

    leerling = pw.ForeignKeyField(Leerling, on_delete="CASCADE", backref="meldingen")
    datum = pw.DateField()
    einddatum = pw.DateField()
    soort = pw.TextField()
    kenmerk = pw.TextField(default="")
    door = pw.ForeignKeyField(Gebruiker, null=True, on_delete="SET NULL")
    aangemaakt = pw.DateTimeField(default=now)


class MazlActie(BaseModel):
    """The jeugdarts was brought in (M@zl)."""

    leerling = pw.ForeignKeyField(Leerling, on_delete="CASCADE", backref="mazl_acties")
    datum = pw.DateField()
    opmerking = pw.TextField(default="")
    door = pw.ForeignKeyField(Gebruiker, null=True, on_delete="SET NULL")
    aangemaakt = pw.DateTimeField(default=now)


class SignaalBespreking(BaseModel):
    """A signal marked "besproken", with a note; the signal stays in the counts."""

    leerling = pw.ForeignKeyField(Leerling, on_delete="CASCADE", backref="besprekingen")
    signaal = pw.TextField()
    datum = pw.DateField()  # the signal's own `datum`: identifies which occurrence was discussed
    notitie = pw.TextField(default="")
    door = pw.ForeignKeyField(Gebruiker, null=True, on_delete="SET NULL")
    aangemaakt = pw.DateTimeField(default=now)

    class Meta:
        indexes = ((("leerling", "signaal", "datum"), True),)


# --- 3: the praktijkkaart per student: trajecten, checklist, gesprekken, MDO's, actiepunten -------------

class Traject(BaseModel):
    """One student's route back to school along the five steps of the praktijkkaart.

    Opened from a signal (`signaal`, `signaal_datum`) or by hand (`aanleiding`); at most one open per
    student at a time (a partial unique index). The owner (casusregisseur) is a user or a contact.
    """

    leerling = pw.ForeignKeyField(Leerling, on_delete="CASCADE", backref="trajecten")
    categorie = pw.TextField()
    aanleiding = pw.TextField(default="")
    signaal = pw.TextField(null=True)  # SignaalSoort value when opened from a signal
    signaal_datum = pw.DateField(null=True)
    geopend = pw.DateField()
    eigenaar_gebruiker = pw.ForeignKeyField(Gebruiker, null=True, on_delete="SET NULL", backref="+")
    eigenaar_contact = pw.ForeignKeyField(Contact, null=True, on_delete="SET NULL", backref="+")
    status = pw.TextField(default="open")
    stap = pw.IntegerField(default=1)
    evaluatiedatum = pw.DateField(null=True)
    gesloten = pw.DateField(null=True)
    sluitreden = pw.TextField(default="")
    sluittoelichting = pw.TextField(default="")
    door = pw.ForeignKeyField(Gebruiker, null=True, on_delete="SET NULL", backref="+")
    aangemaakt = pw.DateTimeField(default=now)
    rijversie = pw.IntegerField(default=1, constraints=[pw.SQL("DEFAULT 1")])  # optimistic locking: services/versies.py
    versie_door = pw.IntegerField(null=True)  # who saved this version (a gebruiker id): services/versies.py
    versie_op = pw.DateTimeField(null=True)  # and when


Traject.add_index(pw.ModelIndex(Traject, (Traject.leerling,), unique=True, name="traject_een_open_per_leerling",
                                where=(Traject.status == "open")))


class StapWissel(BaseModel):
    """The current step of a traject changed (for the timeline)."""

    traject = pw.ForeignKeyField(Traject, on_delete="CASCADE", backref="stapwissels")
    van_stap = pw.IntegerField()
    naar_stap = pw.IntegerField()
    datum = pw.DateField()
    door = pw.ForeignKeyField(Gebruiker, null=True, on_delete="SET NULL", backref="+")
    aangemaakt = pw.DateTimeField(default=now)


class ChecklistAfvinking(BaseModel):
    """One item of the praktijkkaart's checklist done (domain/traject.py CHECKLIST, by key)."""

    traject = pw.ForeignKeyField(Traject, on_delete="CASCADE", backref="afvinkingen")
    item = pw.TextField()
    datum = pw.DateField()
    notitie = pw.TextField(default="")
    door = pw.ForeignKeyField(Gebruiker, null=True, on_delete="SET NULL", backref="+")
    aangemaakt = pw.DateTimeField(default=now)

    class Meta:
        indexes = ((("traject", "item"), True),)


class TrajectAnalyse(BaseModel):
    """Step 4: risk and protective factors per domain, the verzuimtype and (optionally) Kearney's function."""

    traject = pw.ForeignKeyField(Traject, unique=True, on_delete="CASCADE", backref="+")
    leerling_risico = VertrouwelijkField(default="")
    leerling_beschermend = VertrouwelijkField(default="")
    thuis_risico = VertrouwelijkField(default="")
    thuis_beschermend = VertrouwelijkField(default="")
    school_risico = VertrouwelijkField(default="")
    school_beschermend = VertrouwelijkField(default="")
    buurt_risico = VertrouwelijkField(default="")
    buurt_beschermend = VertrouwelijkField(default="")
    verzuimtype = VertrouwelijkField(default="")
    kearney_functie = VertrouwelijkField(default="")
    door = pw.ForeignKeyField(Gebruiker, null=True, on_delete="SET NULL", backref="+")
    gewijzigd = pw.DateTimeField(default=now)
    rijversie = pw.IntegerField(default=1, constraints=[pw.SQL("DEFAULT 1")])  # optimistic locking: services/versies.py
    versie_door = pw.IntegerField(null=True)  # who saved this version (a gebruiker id): services/versies.py
    versie_op = pw.DateTimeField(null=True)  # and when


class NazorgMoment(BaseModel):
    """A follow-up moment after a traject closed (default 6 weeks, 3 months and 1 year)."""

    traject = pw.ForeignKeyField(Traject, on_delete="CASCADE", backref="nazorg")
    datum = pw.DateField()
    omschrijving = pw.TextField(default="")
    gedaan = pw.DateField(null=True)
    notitie = pw.TextField(default="")
    door = pw.ForeignKeyField(Gebruiker, null=True, on_delete="SET NULL", backref="+")


class Gesprek(BaseModel):
    """A gesprek or contactmoment with or about a student; linked to the traject open at the time."""

    leerling = pw.ForeignKeyField(Leerling, on_delete="CASCADE", backref="gesprekken")
    traject = pw.ForeignKeyField(Traject, null=True, on_delete="SET NULL", backref="gesprekken")
    type = pw.TextField()
    datum = pw.DateField()
    deelnemers = VertrouwelijkField(default="")
    samenvatting = VertrouwelijkField(default="")
    vertrouwelijk = pw.BooleanField(default=False)
    door = pw.ForeignKeyField(Gebruiker, null=True, on_delete="SET NULL", backref="+")
    aangemaakt = pw.DateTimeField(default=now)
    rijversie = pw.IntegerField(default=1, constraints=[pw.SQL("DEFAULT 1")])  # optimistic locking: services/versies.py
    versie_door = pw.IntegerField(null=True)  # who saved this version (a gebruiker id): services/versies.py
    versie_op = pw.DateTimeField(null=True)  # and when


class Mdo(BaseModel):
    """A multidisciplinair overleg within a traject."""

    traject = pw.ForeignKeyField(Traject, on_delete="CASCADE", backref="mdos")
    datum = pw.DateField()
    agenda = VertrouwelijkField(default="")
    verslag = VertrouwelijkField(default="")
    vertrouwelijk = pw.BooleanField(default=False)
    door = pw.ForeignKeyField(Gebruiker, null=True, on_delete="SET NULL", backref="+")
    aangemaakt = pw.DateTimeField(default=now)
    verslaglegger = pw.TextField(default="", constraints=[pw.SQL("DEFAULT ''")])
    volgend_overleg = pw.DateField(null=True)
    verzenden_aan = pw.TextField(default="", constraints=[pw.SQL("DEFAULT ''")])  # one recipient per line
    rijversie = pw.IntegerField(default=1, constraints=[pw.SQL("DEFAULT 1")])  # optimistic locking: services/versies.py
    versie_door = pw.IntegerField(null=True)  # who saved this version (a gebruiker id): services/versies.py
    versie_op = pw.DateTimeField(null=True)  # and when


class MdoDeelnemer(BaseModel):
    mdo = pw.ForeignKeyField(Mdo, on_delete="CASCADE", backref="deelnemers")
    volgorde = pw.IntegerField(default=0)
    naam = pw.TextField()
    rol = pw.TextField()
    organisatie = pw.TextField(default="")
    gebruiker = pw.ForeignKeyField(Gebruiker, null=True, on_delete="SET NULL", backref="+")
    contact = pw.ForeignKeyField(Contact, null=True, on_delete="SET NULL", backref="+")
    afgemeld = pw.BooleanField(default=False, constraints=[pw.SQL("DEFAULT 0")])  # invited, absent with notice
    krijgt_verslag = pw.BooleanField(default=True, constraints=[pw.SQL("DEFAULT 1")])


class Besluit(BaseModel):
    """A decision of an MDO, numbered 1, 2, 3 … per MDO."""

    mdo = pw.ForeignKeyField(Mdo, on_delete="CASCADE", backref="besluiten")
    nummer = pw.IntegerField()
    tekst = VertrouwelijkField()

    class Meta:
        indexes = ((("mdo", "nummer"), True),)


class Toestemming(BaseModel):
    """The ouders' consent for sharing with one partner organisation (the latest per organisation counts)."""

    traject = pw.ForeignKeyField(Traject, on_delete="CASCADE", backref="toestemmingen")
    mdo = pw.ForeignKeyField(Mdo, null=True, on_delete="SET NULL", backref="toestemmingen")
    organisatie = pw.TextField()
    gegeven = pw.BooleanField()
    datum = pw.DateField()
    door = pw.ForeignKeyField(Gebruiker, null=True, on_delete="SET NULL", backref="+")
    aangemaakt = pw.DateTimeField(default=now)


class Actiepunt(BaseModel):
    """Who does what before when: from an MDO, an afspraak of a gesprek, or on its own."""

    leerling = pw.ForeignKeyField(Leerling, on_delete="CASCADE", backref="actiepunten")
    traject = pw.ForeignKeyField(Traject, null=True, on_delete="SET NULL", backref="actiepunten")
    mdo = pw.ForeignKeyField(Mdo, null=True, on_delete="CASCADE", backref="actiepunten")
    gesprek = pw.ForeignKeyField(Gesprek, null=True, on_delete="SET NULL", backref="actiepunten")
    wat = pw.TextField()
    eigenaar_gebruiker = pw.ForeignKeyField(Gebruiker, null=True, on_delete="SET NULL", backref="+")
    eigenaar_contact = pw.ForeignKeyField(Contact, null=True, on_delete="SET NULL", backref="+")
    datum = pw.DateField()  # the day it was agreed
    uiterlijk = pw.DateField(index=True)
    status = pw.TextField(default="open", index=True)
    afgerond = pw.DateField(null=True)
    door = pw.ForeignKeyField(Gebruiker, null=True, on_delete="SET NULL", backref="+")
    aangemaakt = pw.DateTimeField(default=now)
    rijversie = pw.IntegerField(default=1, constraints=[pw.SQL("DEFAULT 1")])  # optimistic locking: services/versies.py
    versie_door = pw.IntegerField(null=True)  # who saved this version (a gebruiker id): services/versies.py
    versie_op = pw.DateTimeField(null=True)  # and when


class Afspraak(BaseModel):
    """An afspraak made in a gesprek; it can become an actiepunt."""

    gesprek = pw.ForeignKeyField(Gesprek, on_delete="CASCADE", backref="afspraken")
    volgorde = pw.IntegerField(default=0)
    tekst = VertrouwelijkField()
    actiepunt = pw.ForeignKeyField(Actiepunt, null=True, on_delete="SET NULL", backref="+")


class Concept(BaseModel):
    """A draft of a long text a user has not saved yet (inside the encrypted file, never beside it)."""

    gebruiker = pw.ForeignKeyField(Gebruiker, on_delete="CASCADE", backref="+")
    soort = pw.TextField()
    sleutel = pw.TextField()
    velden = VertrouwelijkField()  # JSON: field name → text
    bijgewerkt = pw.DateTimeField(default=now)

    class Meta:
        indexes = ((("gebruiker", "soort", "sleutel"), True),)


# --- 5: the plan van aanpak per traject, in versions, with doelen and their evaluations ----------------

class PlanVanAanpak(BaseModel):
    """One version of a traject's plan van aanpak; a vastgesteld version is read-only.

    The lists without their own identity (interventies, afspraken, evaluatiemomenten, contactpersonen)
    are JSON; doelen are rows because evaluations refer to them.
    """

    traject = pw.ForeignKeyField(Traject, on_delete="CASCADE", backref="plannen")
    versie = pw.IntegerField()
    status = pw.TextField(default="concept")
    aanleiding = pw.TextField(default="")
    analyse = pw.TextField(default="")
    leerling_wil = pw.TextField(default="")
    ouders_willen = pw.TextField(default="")
    interventies = pw.TextField(default="[]")
    afspraken = pw.TextField(default="[]")
    evaluatiemomenten = pw.TextField(default="[]")
    contactpersonen = pw.TextField(default="[]")
    overleg_datum = pw.DateField(null=True)
    akkoord_naam = pw.TextField(default="")
    akkoord_datum = pw.DateField(null=True)
    akkoord_rol = pw.TextField(default="")
    vastgesteld_op = pw.DateField(null=True)
    door = pw.ForeignKeyField(Gebruiker, null=True, on_delete="SET NULL", backref="+")
    gewijzigd = pw.DateTimeField(default=now)
    # The analysis for ouders: domein → [wat het moeilijk maakt, wat helpt] (JSON). Versions from before it
    # have only the free text `analyse`.
    factoren = pw.TextField(default="{}", constraints=[pw.SQL("DEFAULT '{}'")])
    rijversie = pw.IntegerField(default=1, constraints=[pw.SQL("DEFAULT 1")])  # optimistic locking: services/versies.py
    versie_door = pw.IntegerField(null=True)  # who saved this version (a gebruiker id): services/versies.py
    versie_op = pw.DateTimeField(null=True)  # and when

    class Meta:
        indexes = ((("traject", "versie"), True),)


class PlanDoel(BaseModel):
    plan = pw.ForeignKeyField(PlanVanAanpak, on_delete="CASCADE", backref="doelen")
    volgorde = pw.IntegerField(default=0)
    omschrijving = pw.TextField()
    datum = pw.DateField(null=True)
    hoe_merken = pw.TextField(default="")
    herkomst = pw.ForeignKeyField("self", null=True, on_delete="SET NULL", backref="+")  # the doel it continues


class PlanEvaluatie(BaseModel):
    """How one doel went: behaald / deels / niet, with a note."""

    doel = pw.ForeignKeyField(PlanDoel, on_delete="CASCADE", backref="evaluaties")
    datum = pw.DateField()
    uitkomst = pw.TextField()
    notitie = pw.TextField(default="")
    door = pw.ForeignKeyField(Gebruiker, null=True, on_delete="SET NULL", backref="+")
    aangemaakt = pw.DateTimeField(default=now)


# --- 6: the audit trail ---------------------------------------------------------------------------------

class AuditRegel(BaseModel):
    """Who viewed, changed, printed or exported what, and when: append-only and hash-chained.

    No foreign keys on purpose: an audit row outlives the user or student it names (a cascade or SET NULL
    would have to change it), and triggers refuse every UPDATE and DELETE. The student is an id only; the
    name is looked up when the log is shown. `wat` is a short kind ("gesprek", "plan-pdf"), never content.
    AUTOINCREMENT keeps ids from being reused, so a deleted last row is noticed by domain/audit.py.
    """

    id = AutoIncrementField()
    tijd = pw.DateTimeField(index=True)
    gebruiker_id = pw.IntegerField(null=True, index=True)
    gebruiker_naam = pw.TextField()
    actie = pw.TextField()
    leerling_id = pw.IntegerField(null=True, index=True)
    wat = pw.TextField(default="")
    vorige_hash = pw.TextField()
    hash = pw.TextField()


class SignaalCache(BaseModel):
    """The last whole-school signals and levels, between sessions (db/signaal_cache.py: emptied by triggers on
    every other table's changes)."""

    sleutel = pw.TextField(primary_key=True)
    inhoud = pw.TextField(null=True)  # JSON; NULL while the result is being computed


class LijstCache(BaseModel):
    """The student list's rows, between sessions (db/lijst_cache.py: emptied by triggers on the tables it reads)."""

    sleutel = pw.TextField(primary_key=True)
    inhoud = pw.TextField(null=True)  # JSON; NULL while the rows are being read


MODELS = [School, Instelling, Gebruiker, Profiel, Contact, Leerling, Ouder, Vrijstelling,
          VrijeDag, Verzuim, Verzuimmelding, MazlActie, SignaalBespreking,
          Traject, StapWissel, ChecklistAfvinking, TrajectAnalyse, NazorgMoment, Gesprek, Mdo, MdoDeelnemer,
          Besluit, Toestemming, Actiepunt, Afspraak, Concept, PlanVanAanpak, PlanDoel, PlanEvaluatie,
          AuditRegel, SignaalCache, LijstCache]
