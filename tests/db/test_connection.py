"""db/connection.py: the page cache of the session's connections."""

import threading

from thuiszit_desktop.db import connection, keys


def test_background_connections_get_the_small_job_cache(tmp_path):
    """A background job's connection lives for one job: its cache is JOB_CACHE, the main thread's is SQLCipher's
    own (issue 16: whole-table reads in jobs filled 8 MB each, the peak memory of a large school's window)."""
    db = connection._connect(tmp_path / "t.db", keys.new_database_key())
    try:
        hoofd = db.execute_sql("PRAGMA cache_size").fetchone()[0]
        gezien = []

        def job():
            gezien.append(db.execute_sql("PRAGMA cache_size").fetchone()[0])
            db.close()  # what a job's thread does when it ends (ui/common/worker.py)

        thread = threading.Thread(target=job)
        thread.start()
        thread.join()
        assert gezien == [connection.JOB_CACHE]
        assert hoofd != connection.JOB_CACHE
        assert db.execute_sql("PRAGMA cache_size").fetchone()[0] == hoofd  # the main thread's own, unchanged
    finally:
        db.close()
