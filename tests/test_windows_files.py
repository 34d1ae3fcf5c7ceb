"""A file another program holds open (Word or WPS on Windows: PermissionError when it is
replaced) gets 请先关闭正在打开该文件的程序 with its path, from the services and the command line;
the earlier file is unchanged and no temporary file stays behind."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import app.fileutil
from app.bootstrap import Services
from app.cli.main import main
from app.errors import FileInUse
from tests.documents.conftest import build_complete_case

HELD = "请先关闭正在打开该文件的程序："


def hold_open(monkeypatch: pytest.MonkeyPatch, held: Path) -> None:
    """Windows' answer when `held` is open elsewhere; every other file is written normally."""
    real = os.replace

    def replace(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        if Path(dst) == held:
            raise PermissionError(13, "另一个程序正在使用此文件，进程无法访问", str(dst))
        real(src, dst)

    monkeypatch.setattr(app.fileutil.os, "replace", replace)


def _no_temporaries(folder: Path) -> bool:
    return not [p for p in folder.iterdir() if p.name.startswith(".tmp-")]


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_regenerating_a_document_held_open(sqlite_services: Services, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch, fmt: str) -> None:
    case_no = build_complete_case(sqlite_services)
    target = tmp_path / f"协议.{fmt}"
    sqlite_services.documents.render(case_no, "mediation_agreement", fmt, target)
    before = target.read_bytes()
    hold_open(monkeypatch, target)
    with pytest.raises(FileInUse) as caught:
        sqlite_services.documents.render(case_no, "mediation_agreement", fmt, target)
    assert caught.value.message.startswith(f"{HELD}{target}")
    assert target.read_bytes() == before and _no_temporaries(tmp_path)


def test_an_export_and_a_backup_held_open(sqlite_services: Services, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    case_no = build_complete_case(sqlite_services)
    export, backup = tmp_path / "案件.json", tmp_path / "备份.zip"
    hold_open(monkeypatch, export)
    with pytest.raises(FileInUse, match=HELD):
        sqlite_services.exchange.export_to_file(case_no, export)
    assert not export.exists()
    hold_open(monkeypatch, backup)
    with pytest.raises(FileInUse, match=HELD):
        sqlite_services.backups.backup(backup)
    assert not backup.exists() and _no_temporaries(tmp_path)


def test_the_command_line_says_so_in_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "d"
    assert main(["--data-dir", str(data), "demo", "--cases", "2"]) == 0
    case_no = main_json_first_case(data, capsys)
    out = tmp_path / "告知书.docx"
    hold_open(monkeypatch, out)
    capsys.readouterr()
    code = main(["--data-dir", str(data), "render", case_no, "rights_notice", "--format", "docx",
                 "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 1 and err.startswith(f"错误：{HELD}{out}") and err.count("\n") == 1
    assert "Traceback" not in err and not out.exists()


def main_json_first_case(data: Path, capsys: pytest.CaptureFixture[str]) -> str:
    import json

    capsys.readouterr()
    assert main(["--data-dir", str(data), "cases", "--json"]) == 0
    return str(json.loads(capsys.readouterr().out)["cases"][0]["case_no"])


# --- the data folder: a network share or a reserved name is refused before anything is written

MOUNTS = """/dev/vda1 / ext4 rw,relatime 0 0
server:/export {share} nfs4 rw,relatime 0 0
//nas/公共 {smb}\\040共享 cifs rw 0 0
tmpfs /run tmpfs rw 0 0
"""


@pytest.fixture
def mounts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    table = tmp_path / "mounts"
    table.write_text(MOUNTS.format(share=tmp_path / "nas", smb=tmp_path / "smb"), encoding="utf-8")
    monkeypatch.setattr(app.fileutil, "PROC_MOUNTS", table)
    return table


def test_network_shares_are_recognised(tmp_path: Path, mounts: Path) -> None:
    from pathlib import PureWindowsPath

    from app.fileutil import network_share

    assert network_share(tmp_path / "nas" / "调解" / "data") == (
        f"网络文件系统 nfs4（挂载于 {tmp_path / 'nas'}）")
    assert "cifs" in (network_share(tmp_path / "smb 共享" / "d") or "")
    assert network_share(tmp_path / "nasty") is None  # a longer name beside the mount point
    assert network_share(tmp_path / "local") is None
    assert network_share(PureWindowsPath(r"\\server\share\调解工作台")) == r"网络共享 \\server\share"
    assert network_share(PureWindowsPath("//server/share/x")) == r"网络共享 \\server\share"
    assert network_share(PureWindowsPath(r"D:\调解工作台")) is None  # not a network drive here


def test_sqlite_on_a_share_is_refused_with_postgresql_named(
        tmp_path: Path, mounts: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from app.bootstrap import open_services
    from app.config import AppConfig
    from app.errors import StorageError

    data = tmp_path / "nas" / "调解"
    with pytest.raises(StorageError, match="PostgreSQL") as caught:
        open_services(AppConfig(data_dir=data))
    assert caught.value.code == "data_location"
    assert main(["--data-dir", str(data), "init"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"错误：数据文件夹在网络文件系统 nfs4（挂载于 {tmp_path / 'nas'}）上")
    assert "--database-url postgresql+psycopg://" in err and err.count("\n") == 1
    assert not data.exists()  # not even the log folder
    assert main(["--data-dir", str(tmp_path / "local"), "init"]) == 0


def test_reserved_names_never_reach_the_file_system(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    from pathlib import PureWindowsPath

    from app.fileutil import reserved_part

    assert reserved_part(PureWindowsPath(r"D:\数据\aux.db\x")) == "aux.db"
    assert reserved_part(PureWindowsPath(r"C:\Users\CON")) == "CON"
    assert reserved_part(Path("/home/u/com1")) == "com1"
    assert reserved_part(PureWindowsPath(r"D:\调解数据.")) == "调解数据."
    assert reserved_part(PureWindowsPath(r"\\server\share\nul")) == "nul"
    for fine in (r"D:\console\LPT10", r"C:\Users\张三\AppData\Local\MediationDesk", r"..\data"):
        assert reserved_part(PureWindowsPath(fine)) is None
    data = tmp_path / "NUL"
    assert main(["--data-dir", str(data), "init"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("错误：数据文件夹路径中的“NUL”是 Windows 保留的名称") and not data.exists()
