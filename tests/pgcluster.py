"""A throwaway PostgreSQL cluster for the server tests: initdb in a temporary folder, listening on
127.0.0.1 on a free port only, stopped and removed at the end of the test session – under pytest-xdist one
cluster per worker (each is a session of its own), removed when that worker ends, also when it crashes.

Debian's `postgresql` package puts the server programs in /usr/lib/postgresql/<versie>/bin (not on PATH).
initdb refuses to run as root, so as root the cluster runs as the package's `postgres` user. Without
PostgreSQL the tests that need it are skipped with a reason that says how to install it.

Roles belong to the whole cluster, which the session's tests share: each test file names its users
differently (a second "anna de vries" login would be refused, as on a real server).
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

INSTALLEREN = "apt-get install -y postgresql"  # what ./test runs as root (.ci/setup.sh)
MIN_VERSIE = 15
SUPERUSER = "tzadmin"
AUTH_DELAY_MS = 200  # enough to see it is on, short for the tests that type a wrong password
START_POGINGEN = 5


def _bin_dir() -> Path | None:
    """The newest server programs: Debian's versioned folders first, then PATH."""
    gevonden = []
    for initdb in Path("/usr/lib/postgresql").glob("*/bin/initdb"):
        if (m := re.fullmatch(r"\d+", initdb.parent.parent.name)) and int(m.group()) >= MIN_VERSIE:
            gevonden.append((int(m.group()), initdb.parent))
    if gevonden:
        return max(gevonden)[1]
    initdb = shutil.which("initdb")
    if initdb and shutil.which("pg_ctl"):
        return Path(initdb).resolve().parent
    return None


def _run(map_: Path, als_postgres: bool, *cmd: str) -> subprocess.CompletedProcess:
    kwargs = {"user": "postgres", "group": "postgres"} if als_postgres else {}
    return subprocess.run(cmd, check=True, capture_output=True, text=True, cwd=map_, **kwargs)


def _opruimen(bin_dir: Path, map_: Path, als_postgres: bool) -> None:
    """Stop the cluster in `map_` (if it runs) and remove the folder."""
    if (map_ / "data" / "postmaster.pid").exists():
        with contextlib.suppress(subprocess.CalledProcessError):
            _run(map_, als_postgres, str(bin_dir / "pg_ctl"), "-D", str(map_ / "data"), "-m", "fast", "-w", "stop")
    shutil.rmtree(map_, ignore_errors=True)


def _opruimer(bin_dir: Path, map_: Path, als_postgres: bool) -> subprocess.Popen:
    """A small process that runs `_opruimen` as soon as this one ends, however it ends: it waits for the end of
    its stdin, which only this process holds open. A pytest-xdist worker that crashes (a segfault, a kill) runs
    no `finally`, and its cluster would keep running with 40 MB in the temporary folder. Its own session, so
    Ctrl-C in the terminal does not stop it before it has done its work."""
    return subprocess.Popen([sys.executable, __file__, str(bin_dir), str(map_), str(int(als_postgres))],
                            stdin=subprocess.PIPE, start_new_session=True)


def _vrije_poort() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class PgCluster:
    """A running cluster. `nieuwe_database` gives each test its own database, owned by its own role that
    has CREATEROLE but is no superuser – as the account a school's ICT hands the program."""

    bin_dir: Path
    map: Path
    poort: int
    wachtwoord: str
    als_postgres: bool
    _teller: int = field(default=0)
    tls: bool = False  # ssl = on with a certificate for 127.0.0.1 signed by `ca` (see `_tls_bestanden`)
    ca: Path | None = None
    vreemde_ca: Path | None = None  # a CA that did not sign the server's certificate

    host = "127.0.0.1"

    @property
    def auth_delay(self) -> bool:
        """The contrib module that slows down wrong passwords (Debian's postgresql package has it)."""
        return (self.bin_dir.parent / "lib" / "auth_delay.so").exists()

    def _run(self, *cmd: str) -> subprocess.CompletedProcess:
        return _run(self.map, self.als_postgres, *cmd)

    def start(self) -> None:
        data = self.map / "data"
        pwfile = self.map / "pw"
        pwfile.write_text(self.wachtwoord + "\n")
        self._run(str(self.bin_dir / "initdb"), "-D", str(data), "-A", "scram-sha-256", f"--pwfile={pwfile}",
                  "-U", SUPERUSER, "-E", "UTF8", "--locale=C.UTF-8", "--no-sync")
        pwfile.unlink()
        # A test server: no fsync, nothing but loopback, the socket in our own folder; no autovacuum, whose
        # ANALYZE takes a transaction id and so moves the server's data version under a test that checks a
        # cache (services/signalen.py on ServerStore.versie).
        opties = f"-k {self.map} -c listen_addresses=127.0.0.1 -c fsync=off -c autovacuum=off"
        if self.auth_delay:  # as README asks of a school's server: every wrong password slowed down
            opties += f" -c shared_preload_libraries=auth_delay -c auth_delay.milliseconds={AUTH_DELAY_MS}"
        if self.tls:
            self.ca, self.vreemde_ca = _tls_bestanden(self.map, self.als_postgres)
            opties += f" -c ssl=on -c ssl_cert_file={self.map / 'server.crt'} -c ssl_key_file={self.map / 'server.key'}"
        log = self.map / "log"
        for poging in range(1, START_POGINGEN + 1):
            log.unlink(missing_ok=True)
            try:
                self._run(str(self.bin_dir / "pg_ctl"), "-D", str(data), "-o", f"-p {self.poort} {opties}",
                          "-l", str(log), "-w", "start")
                return
            except subprocess.CalledProcessError:
                # The port was free when asked, but another cluster took it before ours listened (another
                # pytest-xdist worker's, a test run in another checkout): another port.
                if poging == START_POGINGEN or "Address already in use" not in log.read_text(errors="replace"):
                    raise
                self.poort = _vrije_poort()

    def stop(self) -> None:
        """Stop the server and keep its folder (benchmarks/servercluster.py keeps a built cluster between runs)."""
        with contextlib.suppress(subprocess.CalledProcessError):
            self._run(str(self.bin_dir / "pg_ctl"), "-D", str(self.map / "data"), "-m", "fast", "-w", "stop")

    def dsn(self, gebruiker: str, database: str) -> str:
        return f"postgresql://{gebruiker}@{self.host}:{self.poort}/{database}?sslmode=disable"

    def admin(self, database: str = "postgres"):
        """A superuser connection (autocommit) for setting up and inspecting a test database."""
        import psycopg

        return psycopg.connect(host=self.host, port=self.poort, user=SUPERUSER, password=self.wachtwoord,
                               dbname=database, autocommit=True)

    def nieuwe_database(self) -> tuple[str, str, str]:
        """A fresh, empty database and its owner: (database, owner, owner's password)."""
        self._teller += 1
        naam = f"school{self._teller}_{secrets.token_hex(3)}"
        eigenaar, wachtwoord = f"eigenaar_{naam}", secrets.token_urlsafe(12)
        with self.admin() as conn:
            conn.execute(f'CREATE ROLE "{eigenaar}" LOGIN CREATEROLE PASSWORD \'{wachtwoord}\'')
            conn.execute(f'CREATE DATABASE "{naam}" OWNER "{eigenaar}"')
        return naam, eigenaar, wachtwoord


def logins_weg(cluster: PgCluster, namen: list[str]) -> None:
    """Drop these login roles where a test left them (only members of the program's groups, never a superuser
    or a group): the next test's school can use the same fictional names."""
    with cluster.admin() as conn:
        for naam in namen:
            rij = conn.execute("SELECT rolsuper OR NOT rolcanlogin FROM pg_roles WHERE rolname = %s", (naam,)).fetchone()
            if rij is not None and not rij[0]:
                conn.execute(f'DROP ROLE "{naam}"')


def database_weg(cluster: PgCluster, database: str, eigenaar: str) -> None:
    """A test's school database, its owner and the logins of its users, gone."""
    with cluster.admin(database) as conn:
        namen = [r[0] for r in conn.execute('SELECT "naam_sleutel" FROM "gebruiker"')]
    with cluster.admin() as conn:
        conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", (database,))
        conn.execute(f'DROP DATABASE "{database}"')
        conn.execute(f'DROP ROLE "{eigenaar}"')
    logins_weg(cluster, namen)


def _tls_bestanden(map_: Path, als_postgres: bool) -> tuple[Path, Path]:
    """A school's CA and the server's certificate for 127.0.0.1 signed by it (server.crt/server.key in `map_`, the
    key readable by the server only), and a second CA that signed nothing of this server: (ca, vreemde_ca)."""
    import datetime as dt
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    nu = dt.datetime.now(dt.UTC)

    def naam(tekst: str) -> x509.Name:
        return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, tekst)])

    def ca_maken(tekst: str):
        sleutel = ec.generate_private_key(ec.SECP256R1())
        cert = (x509.CertificateBuilder().subject_name(naam(tekst)).issuer_name(naam(tekst))
                .public_key(sleutel.public_key()).serial_number(x509.random_serial_number())
                .not_valid_before(nu - dt.timedelta(days=1)).not_valid_after(nu + dt.timedelta(days=30))
                .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
                .sign(sleutel, hashes.SHA256()))
        return sleutel, cert

    ca_sleutel, ca = ca_maken("Testschool CA")
    _vreemd, vreemd = ca_maken("Andere CA")
    sleutel = ec.generate_private_key(ec.SECP256R1())
    cert = (x509.CertificateBuilder().subject_name(naam("127.0.0.1")).issuer_name(ca.subject)
            .public_key(sleutel.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(nu - dt.timedelta(days=1)).not_valid_after(nu + dt.timedelta(days=30))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                           critical=False)
            .sign(ca_sleutel, hashes.SHA256()))
    pem = serialization.Encoding.PEM
    (map_ / "server.crt").write_bytes(cert.public_bytes(pem))
    sleutel_pad = map_ / "server.key"
    sleutel_pad.write_bytes(sleutel.private_bytes(pem, serialization.PrivateFormat.PKCS8,
                                                  serialization.NoEncryption()))
    sleutel_pad.chmod(0o600)
    if als_postgres:
        for pad in (map_ / "server.crt", sleutel_pad):
            shutil.chown(pad, "postgres", "postgres")
    paden = (map_ / "school-ca.crt", map_ / "andere-ca.crt")
    for pad, c in zip(paden, (ca, vreemd), strict=True):
        pad.write_bytes(c.public_bytes(pem))
    return paden


def pg_cluster_fixture(*, tls: bool = False) -> Iterator[PgCluster]:
    bin_dir = _bin_dir()
    if bin_dir is None:
        pytest.skip(f"PostgreSQL {MIN_VERSIE} of nieuwer is niet geïnstalleerd; de servertests lopen niet. "
                    f"Installeer het met: sudo {INSTALLEREN} (./test doet dat zelf als root).")
    als_postgres = os.geteuid() == 0
    map_ = Path(tempfile.mkdtemp(prefix="thuiszit-pg-"))
    if als_postgres:
        shutil.chown(map_, "postgres", "postgres")
    opruimer = _opruimer(bin_dir, map_, als_postgres)
    try:
        cluster = PgCluster(bin_dir, map_, _vrije_poort(), secrets.token_urlsafe(16), als_postgres, tls=tls)
        try:
            cluster.start()
        except subprocess.CalledProcessError as exc:
            log = map_ / "log"
            details = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            pytest.fail(f"De test-PostgreSQL start niet: {exc.stderr or exc}\n{details}")
        yield cluster
    finally:
        opruimer.stdin.close()
        opruimer.wait()


if __name__ == "__main__":  # the process of `_opruimer`
    sys.stdin.buffer.read()
    _opruimen(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3] == "1")
