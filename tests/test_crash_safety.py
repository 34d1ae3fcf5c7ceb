"""SIGKILL at random moments while cases and evidence are written, many times over.

Afterwards the database passes integrity_check, every transaction the worker reported
committed is there, no stored file is half-written, and `check` passes: the audit head file
may be one commit behind the database, which is not tampering. `make soak` runs many more
rounds.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.bootstrap import open_services
from app.config import AppConfig
from app.services.security.file_store import sha256_of

ROUNDS = int(os.environ.get("CRASH_ROUNDS", "6"))
ROOT = Path(__file__).resolve().parent.parent


def committed_lines(journal: Path) -> list[str]:
    if not journal.exists():
        return []
    lines = journal.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line]


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX-only")
def test_sigkill_never_loses_a_committed_write(tmp_path: Path) -> None:
    rng = random.Random(20261123)
    data_dir, journal = tmp_path / "data", tmp_path / "journal.txt"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    for round_no in range(ROUNDS):
        before = len(committed_lines(journal))
        child = subprocess.Popen([sys.executable, "-m", "tests.crash_worker", str(data_dir),
                                  str(journal), str(round_no)], cwd=ROOT, env=env,
                                 stderr=subprocess.PIPE)
        deadline = time.monotonic() + 30
        # Kill only once the worker is writing, at a random moment after that.
        while len(committed_lines(journal)) == before and time.monotonic() < deadline:
            assert child.poll() is None, child.stderr.read().decode()  # type: ignore[union-attr]
            time.sleep(0.01)
        time.sleep(rng.uniform(0.0, 0.6))
        child.send_signal(signal.SIGKILL)
        child.wait()
        child.stderr.close()  # type: ignore[union-attr]
        verify(data_dir, committed_lines(journal))
    assert len(committed_lines(journal)) >= ROUNDS


def verify(data_dir: Path, lines: list[str]) -> None:
    conn = sqlite3.connect(data_dir / "mediation-desk.sqlite3")
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        cases = {r[0] for r in conn.execute("SELECT case_no FROM dispute_case")}
        with_evidence = {r[0] for r in conn.execute(
            "SELECT c.case_no FROM evidence e JOIN dispute_case c ON c.id = e.case_id")}
        stored = [r[0] for r in conn.execute("SELECT sha256 FROM stored_file")]
    finally:
        conn.close()
    for line in lines:
        kind, case_no = line.split(" ", 1)
        assert case_no in cases, f"committed case {case_no} lost"
        if kind == "evidence":
            assert case_no in with_evidence, f"committed evidence of {case_no} lost"
    files = data_dir / "files"
    for sha in stored:  # every registered file is complete and matches its hash
        assert sha256_of(files / sha[:2] / sha) == sha
    for path in files.rglob("*") if files.exists() else []:
        if path.is_file() and not path.name.startswith(".tmp-"):
            assert sha256_of(path) == path.name, f"half-written file {path}"
    services = open_services(AppConfig(data_dir=data_dir))
    try:
        report = services.check.run()
    finally:
        services.close()
    assert report.ok, report.problems
