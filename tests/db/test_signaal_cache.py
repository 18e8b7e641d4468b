"""The triggers that void the signals kept in the file (db/signaal_cache.py): on every table whose rows could
change a signal or level, for every kind of change – a table a later step adds without them fails here."""

from __future__ import annotations

from thuiszit_desktop.db import connection, keys, migrations, signaal_cache


def test_every_table_but_the_audit_trail_drafts_and_cache_empties_the_cache_on_every_change(tmp_path):
    db = connection._connect(tmp_path / "t.db", keys.new_database_key())
    try:
        migrations.migrate(db)
        tabellen = {r[0] for r in db.execute_sql("SELECT name FROM sqlite_master WHERE type = 'table' "
                                                 "AND name NOT LIKE 'sqlite_%'").fetchall()}
        triggers = {(tabel, sql.split(" AFTER ")[1].split()[0])
                    for tabel, sql in db.execute_sql("SELECT tbl_name, sql FROM sqlite_master WHERE type = 'trigger' "
                                                     "AND name LIKE '%signaal_cache'").fetchall()}
        gevolgd = tabellen - signaal_cache.NIET_GEVOLGD
        assert {"verzuim", "leerling", "vrijstelling", "instelling", "vrije_dag", "school"} <= gevolgd
        assert triggers == {(t, w) for t in gevolgd for w in ("INSERT", "UPDATE", "DELETE")}

        db.execute_sql('INSERT INTO "signaal_cache" VALUES (?, ?)', ("k", "{}"))
        db.execute_sql('UPDATE "instelling" SET "waarde" = "waarde"')  # no rows: nothing changed
        assert db.execute_sql('SELECT count(*) FROM "signaal_cache"').fetchone()[0] == 1
        db.execute_sql('''INSERT INTO "vrije_dag" ("datum", "omschrijving") VALUES ('2026-10-05', 'Studiedag')''')
        assert db.execute_sql('SELECT count(*) FROM "signaal_cache"').fetchone()[0] == 0
    finally:
        db.close()
