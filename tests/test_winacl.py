"""Windows ACLs, the parts that run everywhere: the SDDL of a private folder, reading a DACL
back and judging it, the Chinese message naming the path, and which folders get their own
DACL. The Windows calls themselves run in tests/windows_acl.py on the Windows workflow; on
this system the data folder's privacy is POSIX's 0700/0600 (tests/services/security/
test_data_folder.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app import fileutil, winacl
from app.bootstrap import Services
from app.errors import StorageError
from app.winacl import parse_dacl, private_problem, private_sddl

SID = "S-1-5-21-3623811015-3361044348-30300820-1013"


def test_the_private_sddl_is_protected_and_inherited_for_the_user_and_system() -> None:
    assert private_sddl(SID) == f"D:P(A;OICI;FA;;;{SID})(A;OICI;FA;;;SY)"
    assert private_sddl("S-1-5-18") == "D:P(A;OICI;FA;;;SY)"  # a service running as SYSTEM
    dacl = parse_dacl(private_sddl(SID))
    assert dacl.protected
    assert [(a.kind, a.flags, a.rights, a.sid) for a in dacl.aces] == [
        ("A", frozenset({"OI", "CI"}), winacl.FILE_ALL_ACCESS, SID),
        ("A", frozenset({"OI", "CI"}), winacl.FILE_ALL_ACCESS, "SY")]
    for hostile in ("", "Everyone", f"{SID})(A;OICI;FA;;;WD", "S-1-5-21-1;x"):
        with pytest.raises(ValueError):
            private_sddl(hostile)


def test_what_windows_reads_back_is_judged() -> None:
    # as GetNamedSecurityInfoW + ConvertSecurityDescriptorToStringSecurityDescriptorW write it
    ours = f"D:PAI(A;OICI;FA;;;{SID})(A;OICI;FA;;;SY)"
    assert private_problem(ours, SID, folder=True) is None
    inherited_file = f"D:AI(A;ID;FA;;;{SID})(A;ID;FA;;;SY)"
    assert private_problem(inherited_file, SID, folder=False) is None
    assert private_problem(inherited_file, SID, folder=True) == "仍继承上级文件夹的权限"
    # %LOCALAPPDATA%'s usual DACL: the administrators may read it too
    profile = f"D:(A;OICIID;FA;;;SY)(A;OICIID;FA;;;BA)(A;OICIID;FA;;;{SID})"
    assert private_problem(profile, SID, folder=True) == "还允许其他账户访问（BA）"
    everyone = f"D:PAI(A;OICI;FA;;;{SID})(A;OICI;FA;;;SY)(A;OICI;0x1200a9;;;WD)"
    assert private_problem(everyone, SID, folder=True) == "还允许其他账户访问（WD）"
    other_user = f"D:P(A;OICI;FA;;;{SID})(A;OICI;FA;;;S-1-5-21-1-2-3-1001)"
    assert "S-1-5-21-1-2-3-1001" in (private_problem(other_user, SID, folder=True) or "")
    denied = f"D:P(D;OICI;FA;;;{SID})(A;OICI;FA;;;SY)"
    assert private_problem(denied, SID, folder=True) is not None
    read_only = f"D:P(A;OICI;FR;;;{SID})(A;OICI;FA;;;SY)"
    assert private_problem(read_only, SID, folder=True) == "当前用户没有完全控制权限"
    hex_rights = f"D:P(A;OICI;0x1f01ff;;;{SID})(A;OICI;FA;;;SY)"
    assert private_problem(hex_rights, SID, folder=True) is None
    not_inherited = f"D:P(A;;FA;;;{SID})(A;OICI;FA;;;SY)"
    assert private_problem(not_inherited, SID, folder=True) == "权限不会传给其中新建的文件和文件夹"
    assert private_problem("D:P", SID, folder=True) == "当前用户没有完全控制权限"
    # the machine's built-in administrator is written LA
    admin = "S-1-5-21-1-2-3-500"
    assert private_problem("D:PAI(A;OICI;FA;;;LA)(A;OICI;FA;;;SY)", admin, folder=True) is None
    # an owner and a SACL around the DACL do not confuse the reading
    full = f"O:{SID}G:S-1-5-21-1-2-3-513D:PAI(A;OICI;FA;;;{SID})(A;OICI;FA;;;SY)S:AI"
    assert private_problem(full, SID, folder=True) is None


def test_a_refusal_names_the_path_in_chinese() -> None:
    where = Path("D:/共享/调解数据")
    error = winacl.acl_error(where, 5)
    assert isinstance(error, StorageError) and error.code == "acl"
    assert str(where) in error.message and "仅本人可访问" in error.message
    assert "Windows 错误 5" in error.message and "拒绝访问" in error.message
    assert "Windows 错误 1234" in winacl.acl_error(where, 1234).message


def test_the_topmost_folder_created_gets_the_dacl(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    # Which folders get their own DACL, decided by fileutil with Windows' answer recorded
    # (the call itself is tests/windows_acl.py's): the topmost one created, once; folders
    # that existed keep theirs; below it everything inherits.
    given: list[Path] = []
    monkeypatch.setattr(winacl, "WINDOWS", True)
    monkeypatch.setattr(winacl, "make_private", lambda path: given.append(path) or True)
    (tmp_path / "exists").mkdir()
    fileutil.make_private_dir(tmp_path / "exists" / "data" / "backups" / "daily")
    assert given == [tmp_path / "exists" / "data"]
    fileutil.make_private_dir(tmp_path / "exists" / "data" / "files")
    assert given == [tmp_path / "exists" / "data", tmp_path / "exists" / "data" / "files"]
    given.clear()
    fileutil.make_private_dir(tmp_path / "exists")  # exists: left as it is
    assert given == []
    assert winacl.acl_target([]) is None


def test_an_existing_data_folder_is_made_private_once_and_a_refusal_does_not_stop_the_start(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[Path] = []
    monkeypatch.setattr(winacl, "WINDOWS", True)

    def refuse(path: Path) -> bool:
        seen.append(path)
        raise winacl.acl_error(path, 5)

    monkeypatch.setattr(winacl, "ensure_private", refuse)
    assert fileutil.make_tree_private(tmp_path, ("files",), lambda _n: True) == 0
    assert seen == [tmp_path]  # only the root: Windows propagates into what it holds
    monkeypatch.setattr(winacl, "ensure_private", lambda path: True)
    assert fileutil.make_tree_private(tmp_path, ("files",), lambda _n: True) == 1


def test_off_windows_nothing_is_called(tmp_path: Path) -> None:
    assert not winacl.WINDOWS
    assert winacl.make_private(tmp_path) is False and winacl.ensure_private(tmp_path) is False
    assert winacl.folder_problem(tmp_path) is None


class FakeWindows:
    """Windows' answers to the three calls (recorded, so the decisions around them can be
    tested here; the calls themselves are exercised on Windows by tests/windows_acl.py)."""

    def __init__(self, sddl: str, set_code: int = 0, read_code: int = 0) -> None:
        self.sddl, self.set_code, self.read_code = sddl, set_code, read_code
        self.set: list[tuple[Path, str]] = []

    def install(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(winacl, "WINDOWS", True)
        monkeypatch.setattr(winacl, "current_user_sid", lambda: SID)
        monkeypatch.setattr(winacl, "read_sddl", self.read)
        monkeypatch.setattr(winacl, "_set_private", self.write)

    def read(self, _path: Path) -> str:
        if self.read_code:
            raise winacl.ApiError("GetNamedSecurityInfoW", self.read_code)
        return self.sddl

    def write(self, path: Path, sddl: str) -> int:
        self.set.append((path, sddl))
        if not self.set_code:
            self.sddl = sddl.replace("D:P", "D:PAI")
        return self.set_code


def test_a_private_folder_is_left_alone_and_any_other_is_made_private(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    windows = FakeWindows(f"D:(A;OICIID;FA;;;SY)(A;OICIID;FA;;;BA)(A;OICIID;FA;;;{SID})")
    windows.install(monkeypatch)
    assert "还允许其他账户访问（BA）" in (winacl.folder_problem(tmp_path) or "")
    assert str(tmp_path) in (winacl.folder_problem(tmp_path) or "")
    assert winacl.ensure_private(tmp_path) is True
    assert windows.set == [(tmp_path, private_sddl(SID))]
    assert winacl.ensure_private(tmp_path) is False  # already private: not propagated again
    assert len(windows.set) == 1 and winacl.folder_problem(tmp_path) is None


def test_a_file_system_without_acls_is_accepted_and_a_refusal_names_the_path(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fat = FakeWindows("", read_code=50, set_code=50)  # FAT32 / exFAT: no ACLs to set
    fat.install(monkeypatch)
    assert winacl.ensure_private(tmp_path) is False and winacl.folder_problem(tmp_path) is None
    assert winacl.make_private(tmp_path) is False
    denied = FakeWindows(f"D:(A;OICIID;FA;;;BU)(A;OICIID;FA;;;{SID})", set_code=5)
    denied.install(monkeypatch)
    with pytest.raises(StorageError) as caught:
        winacl.ensure_private(tmp_path)
    assert str(tmp_path) in caught.value.message and "拒绝访问" in caught.value.message
    # a folder the program creates and cannot make private: the write stops, named
    with pytest.raises(StorageError, match="仅本人可访问"):
        fileutil.make_private_dir(tmp_path / "新文件夹")
    unreadable = FakeWindows("", read_code=5)
    unreadable.install(monkeypatch)
    assert "Windows 错误 5" in (winacl.folder_problem(tmp_path) or "")


def test_check_names_a_data_folder_that_is_not_private(sqlite_services: Services,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    FakeWindows(f"D:(A;OICIID;FA;;;WD)(A;OICIID;FA;;;{SID})").install(monkeypatch)
    found = [p for p in sqlite_services.check.run().problems if "仅本人可访问" in p]
    assert found == [f"数据目录 {sqlite_services.ctx.config.data_dir} 不是仅本人可访问："
                     "还允许其他账户访问（WD）（重新启动程序会收紧它）"]
