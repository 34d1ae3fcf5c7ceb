"""Backups and case bundles leave the machine as AES-256 zips: real archives reopened with
pyzipper, entries unreadable to plain zipfile, wrong and weak passphrases refused with nothing
changed, a changed byte caught, old plain backups still restored with a note."""

from __future__ import annotations

import json
import os
import stat
import zipfile
from pathlib import Path

import pytest
import pyzipper

from app.bootstrap import Services
from app.errors import AppError
from app.services.security import archive
from app.services.security.archive import AES_METHOD, PassphraseNeeded, WrongPassphrase
from tests import archives
from tests.archives import PASS
from tests.factories import case_input
from tests.services.security.test_backup import fingerprint


@pytest.fixture
def office(sqlite_services: Services, tmp_path: Path) -> tuple[Services, str]:
    case_no = sqlite_services.cases.create_case(case_input()).case_no
    for i in range(2):
        scan = tmp_path / f"scan{i}.jpg"
        scan.write_bytes(f"扫描件 {i} ".encode() * 200)
        sqlite_services.records.add_evidence(case_no, f"照片{i}", file_path=scan)
    return sqlite_services, case_no


def assert_aes(path: Path, passphrase: str) -> dict[str, bytes]:
    """Every entry is WinZip AES-256; plain zipfile cannot read any; pyzipper with the
    passphrase reads them all (returned)."""
    with zipfile.ZipFile(path) as plain:
        infos = plain.infolist()
        assert infos
        for info in infos:
            assert info.flag_bits & 0x1 and info.compress_type == AES_METHOD, info.filename
            with pytest.raises(RuntimeError, match="encrypted"):
                plain.read(info)
    with pyzipper.AESZipFile(path) as zf:
        zf.setpassword(passphrase.encode())
        assert all(i.wz_aes_strength == 3 for i in zf.infolist())  # 3 = 256-bit keys
        return {i.filename: zf.read(i) for i in zf.infolist()}


def test_encrypted_backup_round_trip(office: tuple[Services, str], tmp_path: Path) -> None:
    services, case_no = office
    before = fingerprint(services)
    info = services.backups.backup(tmp_path / "office.zip", PASS)
    contents = assert_aes(info.path, PASS)
    assert contents["database.sqlite3"].startswith(b"SQLite format 3\x00")
    assert len([n for n in contents if n.startswith("files/")]) == 2
    assert b"330602" not in info.path.read_bytes()  # the worker's ID number is not in clear
    services.cases.create_case(case_input())
    restored = services.backups.restore(info.path, PASS)
    assert restored.notes == () and restored.files == 2
    assert fingerprint(services) == before


def test_wrong_or_missing_passphrase_changes_nothing(office: tuple[Services, str],
                                                     tmp_path: Path) -> None:
    services, _ = office
    path = services.backups.backup(tmp_path / "office.zip", PASS).path
    services.cases.create_case(case_input())
    before = fingerprint(services)
    with pytest.raises(WrongPassphrase, match="口令不正确"):
        services.backups.restore(path, "another-passphrase")
    with pytest.raises(PassphraseNeeded, match="请输入.*口令"):
        services.backups.restore(path)  # the data folder's own key does not open it
    assert fingerprint(services) == before
    assert not [p for p in services.ctx.config.data_dir.iterdir() if p.name.startswith(".tmp-")]


@pytest.mark.parametrize("weak", ["", "short", "aaaaaaaaaaaa"])
def test_weak_passphrases_are_refused(office: tuple[Services, str], tmp_path: Path,
                                      weak: str) -> None:
    services, case_no = office
    with pytest.raises(AppError, match="口令") as caught:
        services.backups.backup(tmp_path / "b.zip", weak)
    assert caught.value.code == "weak_passphrase"
    with pytest.raises(AppError, match="口令"):
        services.bundles.export_bundle(case_no, tmp_path / "c.zip", passphrase=weak)
    assert not list(tmp_path.glob("*.zip"))


def flip(path: Path, target: Path, entry: str) -> Path:
    """A copy of `path` with one byte of `entry`'s ciphertext changed (names and sizes kept)."""
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo(entry)
    data = bytearray(path.read_bytes())
    offset = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[offset + 40] ^= 0x01  # past the salt and password check: inside the data
    target.write_bytes(bytes(data))
    return target


def test_a_changed_byte_is_caught(office: tuple[Services, str], tmp_path: Path) -> None:
    services, _ = office
    path = services.backups.backup(tmp_path / "office.zip", PASS).path
    services.cases.create_case(case_input())
    before = fingerprint(services)
    with pytest.raises(AppError, match="无法从此备份恢复"):
        services.backups.restore(flip(path, tmp_path / "db.zip", "database.sqlite3"), PASS)
    assert fingerprint(services) == before
    evidence = next(n for n in zipfile.ZipFile(path).namelist() if n.startswith("files/"))
    restored = services.backups.restore(flip(path, tmp_path / "file.zip", evidence), PASS)
    assert restored.damaged == () and restored.missing == ()  # the live copy is intact
    lost = services.ctx.config.files_dir / evidence[6:8] / evidence[6:]
    lost.unlink()
    restored = services.backups.restore(flip(path, tmp_path / "file.zip", evidence), PASS)
    assert restored.damaged == (evidence[6:],) and restored.missing == ()
    assert any(evidence[6:18] in p for p in restored.problems)


def test_an_old_unencrypted_backup_restores_with_a_note(office: tuple[Services, str],
                                                        tmp_path: Path) -> None:
    services, _ = office
    before = fingerprint(services)
    contents = assert_aes(services.backups.backup(tmp_path / "new.zip", PASS).path, PASS)
    manifest = json.loads(contents["manifest.json"])
    del manifest["database_encrypted"]  # as version 2 wrote it before encryption
    contents["manifest.json"] = json.dumps(manifest).encode()
    old = tmp_path / "old.zip"
    with zipfile.ZipFile(old, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in contents.items():
            zf.writestr(name, data)
    services.cases.create_case(case_input())
    restored = services.backups.restore(old)
    assert restored.notes and "没有加密" in restored.notes[0]
    assert fingerprint(services) == before


def test_an_encrypted_archive_with_a_plain_entry_slipped_in_is_refused(
        office: tuple[Services, str], tmp_path: Path) -> None:
    services, _ = office
    contents = assert_aes(services.backups.backup(tmp_path / "new.zip", PASS).path, PASS)
    mixed = tmp_path / "mixed.zip"
    with archives.ZipFile(mixed, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in contents.items():
            if name != "database.sqlite3":
                zf.writestr(name, data)
    with zipfile.ZipFile(mixed, "a") as zf:
        zf.writestr("database.sqlite3", contents["database.sqlite3"])
    before = fingerprint(services)
    with pytest.raises(AppError, match="混有未加密的条目"):
        services.backups.restore(mixed, PASS)
    assert fingerprint(services) == before


def test_the_scheduled_backup_uses_the_data_folders_key(office: tuple[Services, str]) -> None:
    services, _ = office
    info = services.backups.auto_backup_if_due()
    assert info is not None
    key_file = services.ctx.config.data_dir / archive.KEY_FILE
    if os.name == "posix":
        assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    key = key_file.read_text().strip()
    assert len(key) >= 40
    assert_aes(info.path, key)
    before = fingerprint(services)
    services.cases.create_case(case_input())
    services.backups.restore(info.path)  # no passphrase: the folder's own key
    assert fingerprint(services) == before
    assert services.check.run().ok  # its manifest's audit head was read with the key


def test_bundle_round_trip_encrypted(office: tuple[Services, str],
                                     other_sqlite_services: Services, tmp_path: Path) -> None:
    services, case_no = office
    path = tmp_path / "case.zip"
    services.bundles.export_bundle(case_no, path, passphrase=PASS)
    contents = assert_aes(path, PASS)
    assert set(contents) >= {"manifest.json", "case.json"}
    receiver = other_sqlite_services
    with pytest.raises(PassphraseNeeded, match="案件包已加密"):
        receiver.bundles.import_bundle(path)
    with pytest.raises(WrongPassphrase, match="口令不正确"):
        receiver.bundles.import_bundle(path, passphrase="not-the-passphrase")
    with pytest.raises(AppError, match="无法解压"):
        receiver.bundles.import_bundle(flip(path, tmp_path / "bad.zip", "case.json"),
                                       passphrase=PASS)
    assert receiver.cases.count() == 0
    assert not receiver.ctx.config.files_dir.exists() or not any(
        p.is_file() for p in receiver.ctx.config.files_dir.rglob("*"))
    result = receiver.bundles.import_bundle(path, passphrase=PASS)
    assert result.encrypted and result.files == 2
    assert receiver.exchange.export_case(case_no) == services.exchange.export_case(case_no)
    assert receiver.check.run().ok
