"""Roles on every file-level path (issue 17, "ways in"): a read-only user at the command line
tries each operation that reads or writes whole files — export, bundle-export, import, backup,
restore, policy-import, render, db-encrypt. What the role may not do is refused in one Chinese
line and changes nothing; what it may (export, bundle-export) leaves ID numbers masked."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import text

from app.bootstrap import open_services
from app.cli.main import main
from app.config import AppConfig
from tests import archives
from tests.archives import PASS
from tests.conftest import TODAY
from tests.factories import WORKER_ID, case_input
from tests.policy_samples import local_policy, write_policy

PASSWORD = "secret-pass-1"


def _state(config: AppConfig) -> tuple[object, ...]:
    services = open_services(config, today=lambda: TODAY)
    try:
        with services.ctx.engine.connect() as conn:
            return tuple(conn.execute(text(sql)).scalar() for sql in (
                "SELECT COUNT(*) FROM audit_entry", "SELECT MAX(id) FROM audit_entry",
                "SELECT group_concat(username || ':' || role) FROM app_user",
                "SELECT group_concat(id_number) FROM party", "SELECT COUNT(*) FROM dispute_case",
                "SELECT COUNT(*) FROM generated_document"))
    finally:
        services.close()


def test_a_read_only_user_at_every_file_level_command(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    config = AppConfig(data_dir=tmp_path / "data")
    services = open_services(config, today=lambda: TODAY)
    try:
        services.accounts.create_user("admin", PASSWORD, "administrator")
        services.accounts.create_user("viewer", PASSWORD, "read_only")
        services.ctx.user, services.ctx.role = "admin", "administrator"
        case_no = services.cases.create_case(case_input()).case_no
        # hostile inputs a read-only user brings along: a case file that would change the
        # case, a backup in which they are an administrator, and a policy of their own
        theirs = services.exchange.export_case(case_no)
        theirs["case"]["summary"] = "被改写的案情"
        (tmp_path / "theirs.json").write_text(json.dumps(theirs, ensure_ascii=False),
                                              encoding="utf-8")
        services.accounts.set_role("viewer", "administrator")
        services.backups.backup(tmp_path / "old.zip", PASS)
        services.accounts.set_role("viewer", "read_only")
    finally:
        services.close()
    policy = write_policy(tmp_path, local_policy())
    monkeypatch.setenv("MEDIATION_DESK_PASSWORD", PASSWORD)
    monkeypatch.setenv("MEDIATION_DESK_PASSPHRASE", PASS)
    monkeypatch.setenv("MEDIATION_DESK_NEW_DB_KEY", "office-db-key-2026")
    before = _state(config)
    db_bytes = config.db_path.read_bytes()
    args = ["--data-dir", str(config.data_dir), "--user", "viewer"]
    refused = {
        "import": ["import", str(tmp_path / "theirs.json"), "--replace"],
        "backup": ["backup", "-o", str(tmp_path / "out" / "all.zip")],
        "restore": ["restore", str(tmp_path / "old.zip")],
        "render": ["render", case_no, "mediation_application", "--draft", "-o",
                   str(tmp_path / "docs" / "a.pdf")],
        "db-encrypt": ["db-encrypt"],
        "policy-import": ["policy-import", str(policy)],
    }
    for name, command in refused.items():
        code = main([*args, *command])
        err = capsys.readouterr().err
        assert code == 1, (name, err)
        assert "无权" in err and "Traceback" not in err, (name, err)
        assert len(err.strip().splitlines()) == 1, (name, err)
    assert _state(config) == before
    assert not (tmp_path / "out").exists() and not (tmp_path / "docs" / "a.pdf").exists()
    assert config.db_path.read_bytes()[:16] == db_bytes[:16]  # still a plain SQLite file
    # what a read-only user may take out carries no ID number
    assert main([*args, "export", case_no, "-o", str(tmp_path / "mine.json")]) == 0
    assert WORKER_ID not in (tmp_path / "mine.json").read_text(encoding="utf-8")
    assert main([*args, "bundle-export", case_no, "-o", str(tmp_path / "mine.zip")]) == 0
    capsys.readouterr()
    with archives.ZipFile(tmp_path / "mine.zip") as zf:
        inside = b"".join(zf.read(n) for n in zf.namelist())
    assert WORKER_ID.encode() not in inside
    assert _state(config) == before
    assert not (config.data_dir / "policies").exists() or not list(
        (config.data_dir / "policies").iterdir())
