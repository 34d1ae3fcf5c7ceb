"""Backups survive damaged evidence: what is intact is backed up and restored, what is damaged,
missing or foreign is named; `check` names foreign files in the store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.bootstrap import Services
from app.services.cases.dto import CaseQuery
from tests import archives
from tests.archives import PASS
from tests.factories import case_input
from tests.services.security.test_backup import rewrite


@pytest.fixture
def evidence(sqlite_services: Services, tmp_path: Path) -> list[str]:
    """Three stored files on one case; their hashes."""
    case_no = sqlite_services.cases.create_case(case_input()).case_no
    for i in range(3):
        scan = tmp_path / f"scan{i}.jpg"
        scan.write_bytes(f"scan {i}".encode())
        sqlite_services.records.add_evidence(case_no, f"照片{i}", file_path=scan)
    files = sqlite_services.ctx.config.files_dir
    return sorted(p.name for p in files.rglob("*") if p.is_file())


def entries(path: Path) -> tuple[set[str], dict[str, object]]:
    with archives.ZipFile(path) as zf:
        return set(zf.namelist()), json.loads(zf.read("manifest.json"))


def lose_the_store(services: Services) -> None:
    for p in sorted(services.ctx.config.files_dir.rglob("*"), reverse=True):
        p.unlink() if p.is_file() else p.rmdir()


def test_foreign_files_in_the_store_are_left_out_and_named(sqlite_services: Services,
                                                           evidence: list[str],
                                                           tmp_path: Path) -> None:
    store = sqlite_services.ctx.config.files_dir
    (store / evidence[0][:2] / "desktop.ini").write_text("[.ShellClassInfo]")
    (store / "Thumbs.db").write_bytes(b"thumbs")
    (store / "zz").mkdir()
    info = sqlite_services.backups.backup(tmp_path / "b.zip", PASS)
    assert set(info.foreign) == {f"{evidence[0][:2]}/desktop.ini", "Thumbs.db", "zz"}
    assert info.files == 3 and not info.damaged and not info.missing
    names, manifest = entries(info.path)
    assert names == {"manifest.json", "database.sqlite3", *(f"files/{s}" for s in evidence)}
    assert manifest["foreign"] == list(info.foreign)
    assert any("desktop.ini" in p for p in info.problems)
    # The daily backup too, and check names each of them.
    daily = sqlite_services.backups.auto_backup_if_due()
    assert daily is not None and set(daily.foreign) == set(info.foreign)
    report = sqlite_services.check.run()
    assert not report.ok
    assert sum("不属于它的文件" in p for p in report.problems) == 3


def test_a_tampered_file_is_left_out_named_and_the_rest_restores(sqlite_services: Services,
                                                                 evidence: list[str],
                                                                 tmp_path: Path) -> None:
    tampered = sqlite_services.backups.files.path_for(evidence[1])
    tampered.write_bytes(b"forged")
    info = sqlite_services.backups.backup(tmp_path / "b.zip", PASS)
    assert info.damaged == (evidence[1],) and info.files == 2
    assert any(evidence[1][:12] in p and "已损坏" in p for p in info.problems)
    names, manifest = entries(info.path)
    assert f"files/{evidence[1]}" not in names and manifest["damaged"] == [evidence[1]]
    # Everything lost: the restore brings back the database and the two intact files.
    lose_the_store(sqlite_services)
    restored = sqlite_services.backups.restore(info.path, PASS)
    assert restored.files == 2 and restored.damaged == (evidence[1],)
    assert any(evidence[1][:12] in p and "未能恢复" in p for p in restored.problems)
    for sha in (evidence[0], evidence[2]):
        assert sqlite_services.backups.files.verify(sha) is None
    assert sqlite_services.cases.list_cases(CaseQuery()).total == 1


def test_a_missing_file_is_named(sqlite_services: Services, evidence: list[str],
                                 tmp_path: Path) -> None:
    sqlite_services.backups.files.path_for(evidence[2]).unlink()
    info = sqlite_services.backups.backup(tmp_path / "b.zip", PASS)
    assert info.missing == (evidence[2],) and info.files == 2
    assert any(evidence[2][:12] in p and "缺失" in p for p in info.problems)
    assert entries(info.path)[1]["missing"] == [evidence[2]]


def test_damage_inside_the_zip_costs_only_that_file(sqlite_services: Services,
                                                    evidence: list[str], tmp_path: Path) -> None:
    good = sqlite_services.backups.backup(tmp_path / "b.zip", PASS).path

    def forge_one(name: str, data: bytes) -> tuple[str, bytes]:
        return name, b"forged" if name == f"files/{evidence[0]}" else data

    def drop_one(name: str, data: bytes) -> tuple[str, bytes]:
        return ("" if name == f"files/{evidence[1]}" else name), data

    lose_the_store(sqlite_services)
    info = sqlite_services.backups.restore(rewrite(good, tmp_path / "forged.zip", forge_one), PASS)
    assert info.damaged == (evidence[0],) and info.files == 2
    lose_the_store(sqlite_services)
    info = sqlite_services.backups.restore(rewrite(good, tmp_path / "dropped.zip", drop_one), PASS)
    assert info.missing == (evidence[1],) and info.files == 2  # listed but not in the zip
    assert sqlite_services.backups.files.verify(evidence[0]) is None


def test_restore_mends_a_damaged_live_file(sqlite_services: Services, evidence: list[str],
                                           tmp_path: Path) -> None:
    good = sqlite_services.backups.backup(tmp_path / "b.zip", PASS).path
    sqlite_services.backups.files.path_for(evidence[0]).write_bytes(b"forged later")
    assert not sqlite_services.check.run().ok
    info = sqlite_services.backups.restore(good, PASS)
    assert not info.problems and sqlite_services.check.run().ok
