"""Child process for the crash test: writes cases and evidence until it is killed.

After each committed use case it appends a line to the journal and fsyncs it, so the parent
knows exactly which transactions were reported committed before the SIGKILL. With a fourth
argument it backs the data folder up into that folder instead, over and over.
"""

from __future__ import annotations

import os
import random
import sys
from datetime import date
from pathlib import Path

from app.bootstrap import Services, open_services
from app.config import AppConfig
from tests.factories import case_input


def main() -> None:
    data_dir, journal_path, seed = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
    rng = random.Random(seed)
    services = open_services(AppConfig(data_dir=data_dir), user="crash",
                             today=lambda: date(2026, 11, 23))
    if len(sys.argv) > 4:
        back_up(services, Path(sys.argv[4]), journal_path)
        return
    with journal_path.open("a", encoding="utf-8") as journal:
        def committed(line: str) -> None:
            journal.write(line + "\n")
            journal.flush()
            os.fsync(journal.fileno())

        scratch = data_dir / "scratch"
        scratch.mkdir(exist_ok=True)
        while True:
            case_no = services.cases.create_case(case_input()).case_no
            committed(f"case {case_no}")
            size = rng.choice((1_000, 200_000, 2_000_000))
            source = scratch / f"{rng.random()}.bin"
            source.write_bytes(rng.randbytes(size))
            services.records.add_evidence(case_no, "录音", file_path=source)
            committed(f"evidence {case_no}")
            source.unlink()


def back_up(services: Services, folder: Path, journal_path: Path) -> None:
    with journal_path.open("a", encoding="utf-8") as journal:
        for n in range(1_000_000):
            journal.write(f"start {n}\n")
            journal.flush()
            info = services.backups.backup(folder / f"b{n}.zip")
            journal.write(f"backup {info.path.name}\n")
            journal.flush()
            os.fsync(journal.fileno())


if __name__ == "__main__":
    main()
