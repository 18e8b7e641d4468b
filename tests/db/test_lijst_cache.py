"""The triggers that void the list's rows kept in the file (db/lijst_cache.py): on every table the list reads,
for every kind of change – a list that reads another table without them fails here."""

from __future__ import annotations

import re
import zlib
from datetime import date

from thuiszit_desktop.db import connection, keys, lijst_cache, migrations
from thuiszit_desktop.db import models as m


def test_every_table_the_list_reads_empties_the_kept_rows_on_every_change(tmp_path):
    db = connection._connect(tmp_path / "t.db", keys.new_database_key())
    try:
        migrations.migrate(db)
        triggers = {(tabel, sql.split(" AFTER ")[1].split()[0])
                    for tabel, sql in db.execute_sql("SELECT tbl_name, sql FROM sqlite_master WHERE type = 'trigger' "
                                                     "AND name LIKE '%lijst_cache'").fetchall()}
        assert triggers == {(t, w) for t in lijst_cache.GEVOLGD for w in ("INSERT", "UPDATE", "DELETE")}

        db.execute_sql('INSERT INTO "lijst_cache" VALUES (?, ?)', ("k", zlib.compress(b"0")))  # (no columns, kept so)
        db.execute_sql('''INSERT INTO "vrije_dag" ("datum", "omschrijving") VALUES ('2026-10-05', 'Studiedag')''')
        assert lijst_cache.lees(db, "k") == []  # not read by the list: kept
        assert db.execute_sql('SELECT count(*) FROM "signaal_cache"').fetchone()[0] == 0
        db.execute_sql('''INSERT INTO "contact" ("naam", "rol", "organisatie", "telefoon", "email") VALUES ('Tim Dekker', 'mentor', '', '', '')''')
        assert lijst_cache.lees(db, "k") is None
    finally:
        db.close()


def test_the_list_reads_only_the_tables_whose_changes_void_it(services, monkeypatch):
    gelezen: list[str] = []
    db = m.database.obj  # (the proxy takes no attributes)
    echte = db.execute_sql

    def volgen(sql, params=None, *args, **kwargs):
        gelezen.extend(re.findall(r'(?:FROM|JOIN)\s+"(\w+)"', sql))
        return echte(sql, params, *args, **kwargs)

    monkeypatch.setattr(db, "execute_sql", volgen)
    services.leerlingen._lijst_lezen(date.today())
    assert gelezen and set(gelezen) <= set(lijst_cache.GEVOLGD)
