"""Reading import files (CSV/XLSX) into domain rows plus row errors. Pure Python: no Qt, no peewee.

`tabular` reads any import file into header → value rows and has the shared value parsers; `kolommen` knows
which column feeds which field (the headers Magister and Somtoday write); `leerlingen`, `verzuim` and
`vrije_dagen` turn those rows into domain objects.
"""

from .tabular import RijFout, Tabel, TabelRij, lees_tabel

__all__ = ["RijFout", "Tabel", "TabelRij", "lees_tabel"]
