"""School settings beyond the School row, stored as JSON by key. Call inside a service method."""

from __future__ import annotations

import json
from typing import Any

from ..db import models as m


def lees(sleutel: str, standaard: Any = None) -> Any:
    row = m.Instelling.get_or_none(m.Instelling.sleutel == sleutel)
    return standaard if row is None else json.loads(row.waarde)


def schrijf(sleutel: str, waarde: Any) -> None:
    tekst = json.dumps(waarde, ensure_ascii=False)
    (m.Instelling.insert(sleutel=sleutel, waarde=tekst)  # an upsert both stores speak (not SQLite's REPLACE)
     .on_conflict(conflict_target=[m.Instelling.sleutel], update={m.Instelling.waarde: tekst}).execute())
