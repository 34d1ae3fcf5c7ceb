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
from app.services.security import archive
from app.services.security.file_store import sha256_of
from tests import archives
from tests.factories import case_input

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


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX-only")
def test_sigkill_during_a_backup_leaves_no_plain_copy(tmp_path: Path) -> None:
    """Killed while backing up: beside the target only finished zips and at most one partial
    `.tmp-…` zip, never a folder or a database file; the data folder's own scratch copy goes
    at the next start once stale."""
    rng = random.Random(20261201)
    data_dir, journal, target = tmp_path / "data", tmp_path / "journal.txt", tmp_path / "usb"
    target.mkdir()
    services = open_services(AppConfig(data_dir=data_dir))
    case_no = services.cases.create_case(case_input()).case_no
    recording = tmp_path / "recording.bin"
    recording.write_bytes(rng.randbytes(8 << 20))
    services.records.add_evidence(case_no, "录音", file_path=recording)
    services.close()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    for round_no in range(2):
        started = len(committed_lines(journal))
        child = subprocess.Popen([sys.executable, "-m", "tests.crash_worker", str(data_dir),
                                  str(journal), str(round_no), str(target)], cwd=ROOT, env=env,
                                 stderr=subprocess.PIPE)
        deadline = time.monotonic() + 30
        while len(committed_lines(journal)) <= started and time.monotonic() < deadline:
            assert child.poll() is None, child.stderr.read().decode()  # type: ignore[union-attr]
            time.sleep(0.01)
        time.sleep(rng.uniform(0.0, 0.8))
        child.send_signal(signal.SIGKILL)
        child.wait()
        child.stderr.close()  # type: ignore[union-attr]
        for path in target.iterdir():
            assert path.is_file(), f"folder {path} next to the target"
            with path.open("rb") as fh:
                assert fh.read(16) != b"SQLite format 3\x00", f"plain database {path}"
            if not path.name.startswith(".tmp-"):
                key = archive.stored_key(data_dir, create=False)
                assert key is not None
                with archives.ZipFile(path, passphrase=key) as zf:
                    assert zf.testzip() is None  # every finished backup is whole, encrypted
                    assert all(info.flag_bits & 1 for info in zf.infolist())
        assert len([p for p in target.iterdir() if p.name.startswith(".tmp-")]) <= round_no + 1
    old = time.time() - 2 * 3600
    for path in data_dir.iterdir():
        if path.name.startswith(".tmp-"):
            os.utime(path, (old, old))
    open_services(AppConfig(data_dir=data_dir)).close()
    assert not [p for p in data_dir.iterdir() if p.name.startswith(".tmp-")]
