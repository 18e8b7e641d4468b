"""Use cases: the only door to the database for the GUI and the command line.

Each public method is one thing a user does, runs in one transaction and knows the acting user.
"""

from .. import db  # noqa: F401  # first: it imports peewee without psycopg (db/__init__.py)
