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


MODELS = [School, Instelling, Gebruiker, Contact, Leerling, Ouder, Vrijstelling]
