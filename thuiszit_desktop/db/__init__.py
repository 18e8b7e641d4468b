"""Persistence: peewee models on one SQLCipher file – or on a school's PostgreSQL server –, their keys and
their migrations."""

import sys

# peewee imports every database driver it finds as it is imported. psycopg – only for a school's shared
# server (server.py, which brings it in itself) – would add about 0.1 s to every start, also of everyone on
# the encrypted file; so peewee is imported here, once, with psycopg hidden. Only db/ and services/ import
# peewee, and services/__init__.py imports this package first.
if "peewee" not in sys.modules and "psycopg" not in sys.modules:
    sys.modules["psycopg"] = None  # an ImportError for peewee
    try:
        import peewee  # noqa: F401
    finally:
        del sys.modules["psycopg"]
