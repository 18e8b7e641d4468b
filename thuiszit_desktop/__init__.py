"""Thuiszit Desktop: de zorgcoördinator houdt elke (dreigende) thuiszitter in beeld."""

import sys

__version__ = "0.1.0"

# peewee imports every database driver it finds as it is imported. psycopg – only for a school's shared
# server (db/server.py, which brings it in itself) – would add about 0.1 s to every start, also of everyone
# on the encrypted file; so peewee is imported here once with psycopg hidden.
if "peewee" not in sys.modules and "psycopg" not in sys.modules:
    sys.modules["psycopg"] = None  # type: ignore[assignment]  # an ImportError for peewee
    try:
        import peewee  # noqa: F401
    finally:
        del sys.modules["psycopg"]
