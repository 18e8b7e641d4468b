"""Persistence: peewee models on one SQLCipher file, its keys and its migrations."""
