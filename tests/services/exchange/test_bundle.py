"""Case bundles: round trip with files between two offices; every attack in the list refused."""

from __future__ import annotations

import hashlib
import json
import stat
import zipfile
from pathlib import Path

import pytest
import pyzipper
from pyzipper.zipfile_aes import AESZipInfo

from app.bootstrap import Services
from app.errors import AppError, ValidationFailed
from app.services.exchange import bundle as bundle_module
from tests import archives
from tests.archives import PASS
from tests.factories import case_input


@pytest.fixture
def bundle(sqlite_services: Services, tmp_path: Path) -> tuple[str, Path]:
    case_no = sqlite_services.cases.create_case(case_input()).case_no
    for name, content in (("合同.pdf", b"%PDF contract"), ("截图.png", b"\x89PNG screenshot")):
        source = tmp_path / name
        source.write_bytes(content)
        sqlite_services.records.add_evidence(case_no, name, file_path=source)
    target = tmp_path / "case.zip"
    result = sqlite_services.bundles.export_bundle(case_no, target, passphrase=PASS)
    assert result.files == 2
    return case_no, target


def test_round_trip_with_files(bundle: tuple[str, Path], sqlite_services: Services,
                               other_sqlite_services: Services) -> None:
    case_no, path = bundle
    result = other_sqlite_services.bundles.import_bundle(path, passphrase=PASS)
    assert (result.case_no, result.files, result.updated) == (case_no, 2, False)
    assert other_sqlite_services.exchange.export_case(case_no) == \
        sqlite_services.exchange.export_case(case_no)
    assert other_sqlite_services.check.run().ok
    again = other_sqlite_services.bundles.import_bundle(path, passphrase=PASS)
    assert again.unchanged and not again.updated and other_sqlite_services.cases.count() == 1


def test_export_refuses_a_tampered_stored_file(bundle: tuple[str, Path],
                                               sqlite_services: Services, tmp_path: Path) -> None:
    case_no, _ = bundle
    stored = next(p for p in sqlite_services.ctx.config.files_dir.rglob("*") if p.is_file())
    stored.write_bytes(b"forged")
    with pytest.raises(AppError, match="篡改"):
        sqlite_services.bundles.export_bundle(case_no, tmp_path / "again.zip", passphrase=PASS)


def rebuild(source: Path, target: Path, *, extra: list[tuple[pyzipper.ZipInfo | str, bytes]] = (),  # type: ignore[assignment]
            change: dict[str, bytes] | None = None, drop: set[str] = frozenset(),  # type: ignore[assignment]
            fix_manifest: bool = True) -> Path:
    with archives.ZipFile(source) as zf:
        contents = {n: zf.read(n) for n in zf.namelist()}
    contents.update(change or {})
    for name in drop:
        contents.pop(name, None)
    manifest = json.loads(contents["manifest.json"])
    if fix_manifest:
        for info, data in extra:
            name = info.filename if isinstance(info, pyzipper.ZipInfo) else info
            manifest["entries"][name] = hashlib.sha256(data).hexdigest()
        contents["manifest.json"] = json.dumps(manifest).encode()
    with archives.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in contents.items():
            zf.writestr(name, data)
        for info, data in extra:
            zf.writestr(info, data)
    return target


def symlink_entry() -> pyzipper.ZipInfo:
    info = AESZipInfo("files/" + "a" * 64)
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return info


ATTACKS = {
    "path traversal": (dict(extra=[("files/../../../etc/passwd", b"x")]), "跳出目标目录"),
    "absolute path": (dict(extra=[("/etc/cron.d/evil", b"x")]), "绝对路径"),
    "windows drive": (dict(extra=[("C:/Windows/evil.dll", b"x")]), "绝对路径"),
    "backslash": (dict(extra=[("files\\..\\evil", b"x")]), "绝对路径"),
    "symlink": (dict(extra=[(symlink_entry(), b"/etc/passwd")]), "链接"),
    "unknown entry": (dict(extra=[("run.exe", b"MZ")]), "不认识的条目"),
    "hash mismatch": (dict(change={"case.json": b"{}"}), "哈希与清单不符"),
    "unlisted file": (dict(extra=[("files/" + "b" * 64, b"x")], fix_manifest=False), "不一致"),
    "missing manifest": (dict(drop={"manifest.json"}), "清单"),
    "zip bomb": (dict(extra=[("files/" + hashlib.sha256(b"\0" * (8 << 20)).hexdigest(),
                              b"\0" * (8 << 20))]), "压缩比异常"),
}


@pytest.mark.parametrize("attack", sorted(ATTACKS))
def test_attacks_are_refused_and_change_nothing(attack: str, bundle: tuple[str, Path],
                                                other_sqlite_services: Services,
                                                tmp_path: Path) -> None:
    options, fragment = ATTACKS[attack]
    if attack == "missing manifest":
        with archives.ZipFile(bundle[1]) as zf:
            contents = {n: zf.read(n) for n in zf.namelist() if n != "manifest.json"}
        bad = tmp_path / "bad.zip"
        with archives.ZipFile(bad, "w") as zf:
            for n, d in contents.items():
                zf.writestr(n, d)
    else:
        bad = rebuild(bundle[1], tmp_path / "bad.zip", **options)  # type: ignore[arg-type]
    with pytest.raises(AppError, match=fragment):
        other_sqlite_services.bundles.import_bundle(bad, passphrase=PASS)
    assert other_sqlite_services.cases.count() == 0
    files = other_sqlite_services.ctx.config.files_dir
    assert not files.exists() or not any(p.is_file() for p in files.rglob("*"))


def test_oversized_entry_is_refused(bundle: tuple[str, Path], other_sqlite_services: Services,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bundle_module, "MAX_ENTRY_BYTES", 10)
    with pytest.raises(AppError, match="过大"):
        other_sqlite_services.bundles.import_bundle(bundle[1], passphrase=PASS)
    assert other_sqlite_services.cases.count() == 0


def test_not_a_zip_and_invalid_case(bundle: tuple[str, Path], other_sqlite_services: Services,
                                    tmp_path: Path) -> None:
    junk = tmp_path / "junk.zip"
    junk.write_text("hello")
    with pytest.raises(AppError, match="不是有效的 zip"):
        other_sqlite_services.bundles.import_bundle(junk, passphrase=PASS)
    with archives.ZipFile(bundle[1]) as zf:
        document = json.loads(zf.read("case.json"))
    document["claims"][0]["amount"] = "-1"
    data = json.dumps(document).encode()
    bad = rebuild(bundle[1], tmp_path / "bad.zip", change={"case.json": data})
    manifest_fixed = tmp_path / "bad2.zip"
    with archives.ZipFile(bad) as zf:
        contents = {n: zf.read(n) for n in zf.namelist()}
    manifest = json.loads(contents["manifest.json"])
    manifest["entries"]["case.json"] = hashlib.sha256(data).hexdigest()
    contents["manifest.json"] = json.dumps(manifest).encode()
    with archives.ZipFile(manifest_fixed, "w") as zf:
        for n, d in contents.items():
            zf.writestr(n, d)
    with pytest.raises(ValidationFailed, match="负数"):
        other_sqlite_services.bundles.import_bundle(manifest_fixed, passphrase=PASS)
    assert other_sqlite_services.cases.count() == 0
    files = other_sqlite_services.ctx.config.files_dir
    assert not files.exists() or not any(p.is_file() for p in files.rglob("*"))
