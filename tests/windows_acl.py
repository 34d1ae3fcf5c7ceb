"""Windows only (the Windows workflow runs `pytest tests/windows_acl.py`; the name keeps it out
of the collection elsewhere, where tests/test_winacl.py covers the parts that run anywhere):
a data folder the program creates, and one that existed before with the profile's permissions,
end up with a protected DACL granting the current user and SYSTEM only; every file the
program wrote in it (database, audit key, head file, backup key, backups, evidence files,
log) carries only those two, inherited. The DACLs are read back here through
GetFileSecurityW, independently of app/winacl.py, and the user's SID comes from `whoami`."""

from __future__ import annotations

import csv
import ctypes
import os
import re
import subprocess
from ctypes import wintypes
from pathlib import Path

import pytest

from app.bootstrap import open_services
from app.config import AppConfig
from app.errors import StorageError
from tests.archives import PASS
from tests.conftest import TODAY
from tests.factories import case_input

if os.name != "nt":  # run by name only; never part of a run elsewhere
    pytest.fail("tests/windows_acl.py 只能在 Windows 上运行（见 .github/workflows/windows.yml）",
                pytrace=False)

DACL_SECURITY_INFORMATION = 0x4
FULL = {"fa", "0x1f01ff"}  # FILE_ALL_ACCESS, compared in lower case


def user_sid() -> str:
    out = subprocess.run(["whoami", "/user", "/fo", "csv", "/nh"], capture_output=True,
                         text=True, check=True).stdout
    return next(csv.reader([out.strip()]))[1]


def dacl_of(path: Path) -> str:
    advapi32 = ctypes.WinDLL("advapi32", use_last_error=True)
    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    advapi32.GetFileSecurityW.argtypes = [wintypes.LPCWSTR, wintypes.DWORD, ctypes.c_void_p,
                                          wintypes.DWORD, ctypes.POINTER(wintypes.DWORD)]
    advapi32.GetFileSecurityW.restype = wintypes.BOOL
    advapi32.ConvertSecurityDescriptorToStringSecurityDescriptorW.argtypes = [
        ctypes.c_void_p, wintypes.DWORD, wintypes.DWORD, ctypes.POINTER(ctypes.c_void_p),
        ctypes.POINTER(wintypes.ULONG)]
    kernel32.LocalFree.argtypes = [ctypes.c_void_p]
    needed = wintypes.DWORD()
    advapi32.GetFileSecurityW(str(path), DACL_SECURITY_INFORMATION, None, 0, ctypes.byref(needed))
    buffer = ctypes.create_string_buffer(needed.value)
    assert advapi32.GetFileSecurityW(str(path), DACL_SECURITY_INFORMATION, buffer, needed,
                                     ctypes.byref(needed)), ctypes.get_last_error()
    text = ctypes.c_void_p()
    assert advapi32.ConvertSecurityDescriptorToStringSecurityDescriptorW(
        buffer, 1, DACL_SECURITY_INFORMATION, ctypes.byref(text), None)
    try:
        return ctypes.wstring_at(text.value)
    finally:
        kernel32.LocalFree(text)


def aces(sddl: str) -> list[tuple[str, str, str, str]]:
    return [(p[0], p[1], p[2], p[5]) for p in (a.split(";") for a in re.findall(r"\(([^()]*)\)", sddl))]


def me(sid: str) -> set[str]:
    return {sid, "LA"} if sid.endswith("-500") else {sid}


def assert_private_folder(path: Path, sid: str) -> None:
    sddl = dacl_of(path)
    assert re.match(r"D:P", sddl), (path, sddl)  # protected: nothing from the parent
    found = aces(sddl)
    assert len(found) == 2, (path, sddl)
    for kind, flags, rights, _who in found:
        assert kind == "A" and "OI" in flags and "CI" in flags and rights.lower() in FULL, sddl
    assert {who for *_x, who in found} - me(sid) == {"SY"}, sddl


def assert_only_owner_and_system(path: Path, sid: str) -> None:
    sddl = dacl_of(path)
    found = aces(sddl)
    assert found, (path, sddl)
    assert {who for *_x, who in found} <= me(sid) | {"SY"}, (path, sddl)
    assert any(who in me(sid) and rights.lower() in FULL for _k, _f, rights, who in found), sddl
    assert all(kind == "A" for kind, *_x in found), sddl


def written_office(data_dir: Path) -> AppConfig:
    config = AppConfig(data_dir=data_dir)
    services = open_services(config, user="tester", today=lambda: TODAY)
    try:
        services.accounts.create_user("admin", "secret-pass-1", "administrator")
        services.ctx.user, services.ctx.role = "admin", "administrator"
        case_no = services.cases.create_case(case_input()).case_no
        evidence = data_dir.parent / "证据.txt"
        evidence.write_text("工资条", encoding="utf-8")
        services.records.add_evidence(case_no, "工资条", file_path=evidence)
        services.backups.backup(config.backups_dir / "手工备份.zip", PASS)
        assert services.backups.auto_backup_if_due() is not None  # with backup-key.txt
    finally:
        services.close()
    return config


def test_a_new_data_folder_and_everything_written_in_it_are_private(tmp_path: Path) -> None:
    sid = user_sid()
    config = written_office(tmp_path / "新数据目录")
    assert_private_folder(config.data_dir, sid)
    files = [p for p in config.data_dir.rglob("*")]
    names = {p.name for p in files}
    assert config.db_path.name in names and "audit.key" in names, names
    assert any(p.suffix == ".zip" for p in files) and "backup-key.txt" in names, names
    assert any(p.parent.parent.name == "files" for p in files), names  # the evidence file
    for path in files:
        assert_only_owner_and_system(path, sid)


def test_an_existing_data_folder_is_tightened_with_what_it_holds(tmp_path: Path) -> None:
    sid = user_sid()
    folder = tmp_path / "旧数据目录"
    folder.mkdir()  # the profile's permissions, inherited (administrators included)
    (folder / "old-notes.json").write_text("{}", encoding="utf-8")
    assert re.match(r"D:P", dacl_of(folder)) is None  # not private yet
    config = written_office(folder)
    assert_private_folder(config.data_dir, sid)
    assert_only_owner_and_system(folder / "old-notes.json", sid)  # propagated by Windows
    services = open_services(config, user="admin", role="administrator")
    try:
        report = services.check.run()
    finally:
        services.close()
    assert not [p for p in report.problems if "仅本人可访问" in p], report.problems


def test_a_folder_that_cannot_be_made_private_is_named(tmp_path: Path) -> None:
    from app import winacl

    missing = tmp_path / "不存在" / "数据"
    with pytest.raises(StorageError) as caught:
        winacl.make_private(missing)
    assert str(missing) in caught.value.message and "仅本人可访问" in caught.value.message
