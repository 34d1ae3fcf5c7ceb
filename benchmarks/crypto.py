"""What encryption costs: open, search and backup with and without it, medians, the plain
database as the baseline measured in the same run.

`make bench` runs it after the other figures; `python -m benchmarks.crypto` runs it alone
(BENCH_CASES as for run.py: the same bench-data/ database). The SQLCipher copy is made with
`sqlcipher_export` into a temporary folder each run (the conversion is timed once).
"""

from __future__ import annotations

import statistics
import tempfile
import time
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

from app.bootstrap import Services, open_services
from app.config import AppConfig
from app.db import connect_file
from app.services.cases.dto import CaseQuery
from app.services.security.db_crypto import export_encrypted
from benchmarks.run import CASES, SEARCHES, median_ms, prepare, report

KEY = "bench-db-key-2026"
PASSPHRASE = "bench-passphrase-1"
SLOW_REPEAT = 5


def _median_s(fn: Callable[[], object], repeat: int = SLOW_REPEAT) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _opened(config: AppConfig) -> Callable[[], object]:
    def run() -> object:
        services = open_services(config, today=lambda: date(2026, 11, 23))
        try:  # open and show the first page of the case list, as the window does
            return services.cases.list_cases(CaseQuery(limit=200)).total
        finally:
            services.close()

    return run


def _plain_zip(services: Services, target: Path) -> Callable[[], object]:
    """The backup as it was before encryption: the online copy deflated into a plain zip."""
    def run() -> object:
        snapshot = target.with_suffix(".sqlite3")
        src, dst = connect_file(services.ctx.config.db_path), connect_file(snapshot)
        try:
            src.backup(dst)
        finally:
            dst.close()
            src.close()
        with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            zf.write(snapshot, "database.sqlite3")
        snapshot.unlink()
        return target.stat().st_size

    return run


def bench_encryption(services: Services, tmp: Path) -> None:
    print(f"--- encryption at rest ({services.cases.count():,} cases; baseline: no encryption) ---")
    plain = services.ctx.config
    with services.ctx.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    encrypted = AppConfig(data_dir=tmp / "encrypted", db_key=KEY)
    encrypted.data_dir.mkdir()
    start = time.perf_counter()
    export_encrypted(plain.db_path, encrypted.db_path, KEY)
    print(f"{'db-encrypt (sqlcipher_export), once':<42} {(time.perf_counter() - start) * 1000:9.2f} ms"
          f"   ({plain.db_path.stat().st_size / 2**20:.1f} MB)")
    report("open + first page, SQLCipher", _median_s(_opened(encrypted)),
           "plain SQLite", _median_s(_opened(plain)))
    locked = open_services(encrypted, today=lambda: date(2026, 11, 23))
    try:
        for label, term, _budget in SEARCHES:
            report(f"search {label}, SQLCipher",
                   median_ms(lambda t=term: locked.cases.list_cases(CaseQuery(search=t, limit=200))),
                   "plain SQLite",
                   median_ms(lambda t=term: services.cases.list_cases(CaseQuery(search=t, limit=200))))
        sizes: dict[str, int] = {}

        def backup(owner: Services, name: str) -> Callable[[], object]:
            def run() -> object:
                info = owner.backups.backup(tmp / name, PASSPHRASE)
                sizes[name] = info.size
                return info

            return run

        old = _median_s(_plain_zip(services, tmp / "plain.zip"))
        sizes["plain.zip"] = (tmp / "plain.zip").stat().st_size
        report("backup, AES-256 zip of plain SQLite", _median_s(backup(services, "aes.zip")),
               "plain zip (before encryption)", old)
        report("backup, AES-256 zip of SQLCipher", _median_s(backup(locked, "both.zip")),
               "plain zip (before encryption)", old)
        print(f"{'backup sizes':<42} plain zip {sizes['plain.zip'] / 2**20:.1f} MB, AES zip "
              f"{sizes['aes.zip'] / 2**20:.1f} MB, AES zip of SQLCipher "
              f"{sizes['both.zip'] / 2**20:.1f} MB (encrypted pages do not compress)")
    finally:
        locked.close()


def main() -> None:
    print(f"Mediation Desk encryption benchmark — {CASES:,} demo cases")
    services = prepare()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            bench_encryption(services, Path(tmp))
    finally:
        services.close()


if __name__ == "__main__":
    main()
