"""The SQLite database encrypted with SQLCipher: WAL, FTS5 search (trigram and per-character)
and the audit triggers work; without the key, or with a wrong one, it is refused in Chinese;
`db-encrypt` converts a plain database; backups of an encrypted office stay encrypted inside."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from app.bootstrap import open_services
from app.cli.main import main
from app.config import AppConfig
from app.db import SQLITE_HEADER, connect_file
from app.errors import AppError
from app.services.cases.dto import CaseQuery
from app.services.security.accounts import PermissionDenied
from app.services.security.db_crypto import DatabaseCryptoService
from tests.archives import PASS
from tests.conftest import TODAY
from tests.factories import WORKER_ID, case_input, platform, resident_id, worker
from tests.services.security.test_archive_encryption import assert_aes

KEY = "office-db-key-2026"


def searches(services: object) -> dict[str, int]:
    found = {}
    for term in ("迅达即配", "张三", "三", WORKER_ID, "工资纠纷", "小明"):
        found[term] = services.cases.list_cases(CaseQuery(search=term)).total  # type: ignore[attr-defined]
    return found


def encrypted_office(tmp_path: Path) -> AppConfig:
    config = AppConfig(data_dir=tmp_path / "enc", db_key=KEY)
    services = open_services(config, user="tester", today=lambda: TODAY)
    try:
        services.cases.create_case(case_input())
        services.cases.create_case(case_input(
            summary="快递员王小明加班费纠纷",
            parties=[worker("王小明", resident_id("11010119900101123")), platform()]))
    finally:
        services.close()
    return config


def test_an_encrypted_database_works_and_hides_its_content(tmp_path: Path) -> None:
    config = encrypted_office(tmp_path)
    raw = config.db_path.read_bytes()
    assert not raw.startswith(SQLITE_HEADER) and WORKER_ID.encode() not in raw
    assert "张三".encode() not in raw
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(config.db_path).execute("SELECT count(*) FROM dispute_case").fetchone()
    services = open_services(config, user="tester", today=lambda: TODAY)
    try:
        assert searches(services) == {"迅达即配": 2, "张三": 1, "三": 1, WORKER_ID: 1,
                                      "工资纠纷": 1, "小明": 1}
        with services.ctx.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA cipher_version").scalar()
            fts = conn.exec_driver_sql("SELECT count(*) FROM case_search WHERE case_search "
                                       "MATCH '\"迅达即配\"'").scalar()
            triggers = {r[0] for r in conn.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type = 'trigger'")}
        assert fts == 2 and any("audit" in t for t in triggers)
        report = services.check.run()  # includes the append-only triggers and the replay
        assert report.ok, report.problems
        assert report.audit_entries_checked > 0
    finally:
        services.close()


def test_without_the_key_or_with_a_wrong_one_it_is_refused(tmp_path: Path) -> None:
    config = encrypted_office(tmp_path)
    before = config.db_path.read_bytes()
    with pytest.raises(AppError, match="它是加密的数据库") as caught:
        open_services(AppConfig(data_dir=config.data_dir))
    assert caught.value.code == "db_key_needed"
    with pytest.raises(AppError, match="数据库密钥不正确") as caught:
        open_services(AppConfig(data_dir=config.data_dir, db_key="wrong-key-123"))
    assert caught.value.code == "wrong_db_key"
    assert config.db_path.read_bytes() == before


def test_the_cli_asks_for_the_key_and_says_so_in_chinese(tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str],
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    config = encrypted_office(tmp_path)
    monkeypatch.delenv("MEDIATION_DESK_DB_KEY", raising=False)
    assert main(["--data-dir", str(config.data_dir), "cases"]) == 1
    err = capsys.readouterr().err
    assert "它是加密的数据库" in err and "Traceback" not in err
    key_file = tmp_path / "key.txt"
    key_file.write_text(KEY + "\n", encoding="utf-8")
    assert main(["--data-dir", str(config.data_dir), "--db-key-file", str(key_file),
                 "cases", "--search", "张三"]) == 0
    assert "共 1 件" in capsys.readouterr().out
    monkeypatch.setenv("MEDIATION_DESK_DB_KEY", "not-the-key-1")
    assert main(["--data-dir", str(config.data_dir), "cases"]) == 1
    assert "数据库密钥不正确" in capsys.readouterr().err


def plain_office(tmp_path: Path, sqlite_template: Path) -> AppConfig:
    config = AppConfig(data_dir=tmp_path / "plain")
    config.data_dir.mkdir()
    shutil.copy(sqlite_template, config.db_path)
    services = open_services(config, user="tester", today=lambda: TODAY)
    try:
        services.demo.generate(12, seed=3)
        services.cases.create_case(case_input())
    finally:
        services.close()
    return config


def test_db_encrypt_converts_a_plain_database(tmp_path: Path, sqlite_template: Path) -> None:
    config = plain_office(tmp_path, sqlite_template)
    services = open_services(config, user="tester", today=lambda: TODAY)
    try:
        expected = (services.cases.count(), searches(services))
        history = len(services.case_history.audit_lines(
            services.cases.list_cases(CaseQuery(search=WORKER_ID)).rows[0].case_no))
        result = DatabaseCryptoService(services.ctx).encrypt(KEY)
    finally:
        services.close()
    assert result.rows > 0 and result.tables > 10
    assert not config.db_path.read_bytes().startswith(SQLITE_HEADER)
    with pytest.raises(AppError, match="它是加密的数据库"):
        open_services(config)
    keyed = AppConfig(data_dir=config.data_dir, db_key=KEY)
    services = open_services(keyed, user="tester", today=lambda: TODAY)
    try:
        assert (services.cases.count(), searches(services)) == expected
        case_no = services.cases.list_cases(CaseQuery(search=WORKER_ID)).rows[0].case_no
        assert len(services.case_history.audit_lines(case_no)) == history
        # the conversion is in the audit log: who, when, which database, in Chinese
        with services.ctx.engine.connect() as conn:
            user, action, at, said = conn.exec_driver_sql(
                'SELECT "user", action, at, new_value FROM audit_entry ORDER BY id DESC LIMIT 1'
            ).one()
        assert (user, action) == ("tester", "encrypt") and at
        assert str(config.db_path) in said and "用户“tester”" in said
        assert "由未加密转为 SQLCipher 加密" in said and f"{result.tables} 个表" in said
        assert "年" in said and "月" in said and "日" in said
        services.cases.create_case(case_input())  # writes (triggers, audit) go on
        report = services.check.run()
        assert report.ok, report.problems
        with pytest.raises(AppError, match="已经加密"):
            DatabaseCryptoService(services.ctx).encrypt("another-key-1")
    finally:
        services.close()
    assert not [p for p in config.data_dir.iterdir() if p.name.startswith(".tmp-")]


def test_db_encrypt_takes_an_administrator_and_a_strong_key(tmp_path: Path,
                                                            sqlite_template: Path) -> None:
    config = plain_office(tmp_path, sqlite_template)
    before = config.db_path.read_bytes()
    services = open_services(config, user="clerk", role="mediator", today=lambda: TODAY)
    try:
        with pytest.raises(PermissionDenied, match="无权"):
            DatabaseCryptoService(services.ctx).encrypt(KEY)
        services.ctx.role = "administrator"
        with pytest.raises(AppError, match="数据库密钥太弱"):
            DatabaseCryptoService(services.ctx).encrypt("short")
    finally:
        services.close()
    assert config.db_path.read_bytes() == before


def test_db_encrypt_command(tmp_path: Path, sqlite_template: Path,
                            capsys: pytest.CaptureFixture[str],
                            monkeypatch: pytest.MonkeyPatch) -> None:
    config = plain_office(tmp_path, sqlite_template)
    monkeypatch.delenv("MEDIATION_DESK_DB_KEY", raising=False)
    key_file = tmp_path / "new-key.txt"
    key_file.write_text(KEY, encoding="utf-8")
    assert main(["--data-dir", str(config.data_dir), "db-encrypt", "--key-file",
                 str(key_file)]) == 0
    assert "数据库已加密" in capsys.readouterr().out
    monkeypatch.setenv("MEDIATION_DESK_DB_KEY", KEY)
    assert main(["--data-dir", str(config.data_dir), "check"]) == 0
    assert "检查通过" in capsys.readouterr().out


def test_backups_of_an_encrypted_office(tmp_path: Path, sqlite_template: Path) -> None:
    """The database inside the AES zip is itself still SQLCipher's; it restores; and a plain
    backup restored into an encrypted office leaves the database encrypted."""
    config = encrypted_office(tmp_path)
    services = open_services(config, user="tester", today=lambda: TODAY)
    try:
        backup = services.backups.backup(tmp_path / "enc.zip", PASS).path
        inner = assert_aes(backup, PASS)["database.sqlite3"]
        assert not inner.startswith(SQLITE_HEADER) and WORKER_ID.encode() not in inner
        services.cases.create_case(case_input())
        assert services.backups.restore(backup, PASS).restored
        assert services.cases.count() == 2
        plain = plain_office(tmp_path, sqlite_template)
        other = open_services(plain, user="tester", today=lambda: TODAY)
        try:
            plain_backup = other.backups.backup(tmp_path / "plain.zip", PASS).path
            count = other.cases.count()
        finally:
            other.close()
        services.backups.restore(plain_backup, PASS)
        assert services.cases.count() == count
        assert searches(services)["张三"] == 1
    finally:
        services.close()
    assert not config.db_path.read_bytes().startswith(SQLITE_HEADER)
    conn = connect_file(config.db_path, KEY)
    assert conn.execute("SELECT count(*) FROM dispute_case").fetchone()[0] == count
    conn.close()
    plain_restore = open_services(AppConfig(data_dir=plain.data_dir), user="tester",
                                  today=lambda: TODAY)
    try:  # an encrypted backup into a plain office is refused: it cannot be opened there
        with pytest.raises(AppError, match="数据库密钥加密过"):
            plain_restore.backups.restore(backup, PASS)
    finally:
        plain_restore.close()
