"""The tables. The schema itself is created by migrations.py; a test keeps the two in step."""

from __future__ import annotations

import datetime as dt

import peewee as pw

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


MODELS = [School, Instelling, Gebruiker, Contact, Leerling, Ouder, Vrijstelling,
          VrijeDag, Verzuim, Verzuimmelding, MazlActie, SignaalBespreking]
