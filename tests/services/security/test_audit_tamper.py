"""Each attack on the audit log or the audited tables is built here, and `check` must name it."""

from __future__ import annotations

import json
import shutil
import stat
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlmodel import col, select

from app.bootstrap import Services, open_services
from app.config import AppConfig
from app.models import AuditEntry
from app.services.security.audit import entry_hash
from tests.archives import PASS
from tests.factories import case_input, worker

WORKER_NEW_ID = "110101199001011237"


def raw(services: Services, *statements: str, params: dict[str, object] | None = None) -> None:
    """SQL straight at the database, as someone with the file or a database login would."""
    with services.ctx.engine.begin() as conn:
        for sql in statements:
            conn.execute(text(sql), params or {})


def drop_guards(services: Services) -> None:
    if services.ctx.is_sqlite:
        raw(services, "DROP TRIGGER audit_entry_no_update", "DROP TRIGGER audit_entry_no_delete")
    else:
        raw(services, "DROP TRIGGER audit_entry_append_only ON audit_entry",
            "DROP TRIGGER audit_entry_no_truncate ON audit_entry")


def problems(services: Services) -> list[str]:
    return services.check.run().problems


def entry_count(services: Services) -> int:
    with services.ctx.engine.connect() as conn:
        return int(conn.execute(text("SELECT COUNT(*) FROM audit_entry")).scalar_one())


def test_a_changed_id_number_is_named_with_table_row_and_field(services: Services) -> None:
    services.cases.create_case(case_input())
    assert problems(services) == []
    raw(services, f"UPDATE party SET id_number = '{WORKER_NEW_ID}' WHERE id = 1")
    found = problems(services)
    assert len(found) == 1, found
    assert found[0].startswith("当事人（party）第 1 行的“证件号码”（id_number）与审计日志不符")
    assert WORKER_NEW_ID in found[0] and "在程序之外被修改" in found[0]


def test_a_changed_role_is_named(services: Services) -> None:
    services.accounts.create_user("admin", "secret-pass-1", "administrator")
    services.accounts.create_user("clerk", "secret-pass-2", "read_only")
    assert problems(services) == []
    raw(services, "UPDATE app_user SET role = 'administrator' WHERE username = 'clerk'")
    found = problems(services)
    assert len(found) == 1, found
    assert found[0].startswith("用户账户（app_user）第 2 行的“角色”（role）与审计日志不符：日志为 "
                               "“read_only”，数据库中为 “administrator”")


def test_rows_added_or_removed_outside_the_program_are_named(services: Services) -> None:
    services.cases.create_case(case_input())
    raw(services, "DELETE FROM claim WHERE id = 2",
        "INSERT INTO holiday_year (year, source) VALUES (2031, '')")
    found = problems(services)
    assert "请求事项（claim）第 2 行按审计日志应当存在，但数据库中没有（在程序之外被删除）" in found
    assert "节假日年度（holiday_year）第 2031 行在数据库中存在，但审计日志中没有（在程序之外写入或恢复）" \
        in found
    assert len(found) == 2, found


def test_changes_made_through_the_program_replay_cleanly(services: Services,
                                                         tmp_path: Path) -> None:
    """Updates, deletes (deadlines recomputed, a party's correction), files, users, settings:
    the replay must agree with the tables, or every office would see false alarms."""
    case_no = services.cases.create_case(case_input(received_on=date(2026, 11, 2))).case_no
    scan = tmp_path / "合同.jpg"
    scan.write_bytes(b"scan")
    services.records.add_evidence(case_no, "劳动合同", file_path=scan)
    services.workflow.advance(case_no, "mediation.accept", date(2026, 11, 3))
    services.workflow.advance(case_no, "mediation.session", date(2026, 11, 6))
    services.records.add_session(case_no, datetime(2026, 11, 6, 9, 30), place="调解室")
    event = services.records.add_event(case_no, "note", date(2026, 11, 7), note="电话联系")
    services.workflow.advance(case_no, "agreement.sign", date(2026, 11, 10))
    version = services.cases.get(case_no).version
    services.case_edit.update_case(case_no, {"summary": "改过的摘要"}, version)
    version = services.cases.get(case_no).version
    services.case_edit.update_party(case_no, 1, worker(phone="13900000000"), version)
    services.records.delete_event(case_no, event)
    services.accounts.create_user("admin", "secret-pass-1", "administrator")
    services.accounts.create_user("clerk", "secret-pass-2", "mediator")
    services.accounts.reset_password("clerk", "secret-pass-3")
    services.demo.generate(20, seed=3)
    found = services.check.run()
    assert found.ok, found.problems
    assert found.audit_entries_checked > 100


def test_deleting_the_last_ten_entries_is_detected(services: Services) -> None:
    for _ in range(3):
        services.cases.create_case(case_input())
    total = entry_count(services)
    drop_guards(services)
    raw(services, "DELETE FROM audit_entry WHERE id > :keep", params={"keep": total - 10})
    found = problems(services)
    assert any(p.startswith(f"链头文件 {services.ctx.audit_anchor.head_path.name} 记载审计日志至第 "
                            f"{total} 条，数据库中没有这一条") and "末尾的记录被删除" in p
               for p in found), found


def test_deleting_every_entry_is_detected(services: Services) -> None:
    services.cases.create_case(case_input())
    drop_guards(services)
    raw(services, "DELETE FROM audit_entry")
    found = problems(services)
    assert any("数据库中没有这一条（现有 0 条" in p for p in found), found
    assert any("第 1 行在数据库中存在，但审计日志中没有" in p for p in found), found


def forge_plain_chain(services: Services) -> int:
    """Change a worker's ID number, rewrite its create entry to match and recompute every hash
    the way the old plain chain did (the forger has the database, not the key)."""
    drop_guards(services)
    with services.ctx.session() as s:
        entries = list(s.exec(select(AuditEntry).order_by(col(AuditEntry.id))))
    prev = ""
    with services.ctx.engine.begin() as conn:
        conn.execute(text(f"UPDATE party SET id_number = '{WORKER_NEW_ID}' WHERE id = 1"))
        for entry in entries:
            if entry.entity == "party" and '"id": "1"' in (entry.new_value or ""):
                snapshot = json.loads(entry.new_value or "")
                snapshot["id_number"] = WORKER_NEW_ID
                entry.new_value = json.dumps(snapshot, ensure_ascii=False, sort_keys=True)
            entry.prev_hash, entry.entry_hash = prev, entry_hash(prev, entry.model_dump())
            prev = entry.entry_hash
            conn.execute(text("UPDATE audit_entry SET new_value = :v, prev_hash = :p, "
                              "entry_hash = :h WHERE id = :id"),
                         {"v": entry.new_value, "p": entry.prev_hash, "h": entry.entry_hash,
                          "id": entry.id})
    return len(entries)


def test_a_forged_entry_with_a_recomputed_plain_chain_fails(services: Services) -> None:
    services.cases.create_case(case_input())
    services.cases.create_case(case_input())
    anchor = services.ctx.audit_anchor
    genuine_head = anchor.head_path.read_bytes()
    total = forge_plain_chain(services)
    # The head file left as it was: the first entry should have been signed.
    found = [p for p in problems(services) if "只追加保护缺失" not in p]
    assert found[0] == "审计日志第 1 条没有密钥签名，却排在应当签名的记录之中（记录可能是伪造的）", found
    name = anchor.head_path.name
    assert f"审计日志第 {total} 条与链头文件 {name} 记载的哈希不同：日志被改写" in found
    assert not any("证件号码" in p for p in found)  # the rows agree: only the keys tell
    # A head file written by the forger has no valid signature.
    anchor.head_path.write_text(json.dumps({"last_id": total, "last_hash": "x" * 64}))
    assert f"审计链头文件 {name} 的签名不符（被改写，或是用别的密钥写的）" in problems(services)
    if services.ctx.is_sqlite:  # without one, the log's end cannot be vouched for
        anchor.head_path.unlink()
        assert f"审计链头文件 {name} 缺失：无法确认审计日志末尾没有被删除" in problems(services)
    anchor.head_path.write_bytes(genuine_head)


def test_entries_signed_with_another_key_fail(services: Services,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    services.cases.create_case(case_input())
    assert problems(services) == []
    monkeypatch.setenv("MEDIATION_DESK_AUDIT_KEY", "a key the forger made up")
    services.ctx.audit_anchor._key = None  # a fresh process reads the environment again
    found = problems(services)
    assert found == [
        f"审计链头文件 {services.ctx.audit_anchor.head_path.name} 的签名不符（被改写，或是用别的密钥写的）",
        "审计日志第 1 条的签名不符（记录被修改，或是用别的密钥伪造的）"], found


def test_the_key_file_is_private_and_an_environment_key_wins(
        sqlite_services: Services, monkeypatch: pytest.MonkeyPatch) -> None:
    anchor = sqlite_services.ctx.audit_anchor
    sqlite_services.cases.create_case(case_input())
    assert stat.S_IMODE(anchor.key_path.stat().st_mode) == 0o600
    assert len(bytes.fromhex(anchor.key_path.read_text())) == 32
    anchor.key_path.unlink()
    anchor._key = None
    monkeypatch.setenv("MEDIATION_DESK_AUDIT_KEY", "shared office key, long and random")
    found = problems(sqlite_services)
    assert found and "签名不符" in found[0]  # the old entries were signed with the file's key
    assert not anchor.key_path.exists()  # check never invents a key


def test_without_the_key_the_log_cannot_be_verified(sqlite_services: Services) -> None:
    sqlite_services.cases.create_case(case_input())
    anchor = sqlite_services.ctx.audit_anchor
    anchor.key_path.unlink()
    anchor._key = None
    found = problems(sqlite_services)
    assert found == ["审计日志第 1 条起的签名无法验证：找不到审计密钥（数据目录中的 audit.key，"
                     "或环境变量 MEDIATION_DESK_AUDIT_KEY）"], found


def test_a_head_file_one_step_behind_is_accepted(services: Services) -> None:
    """What a SIGKILL between the commit and the head file leaves behind."""
    services.cases.create_case(case_input())
    anchor = services.ctx.audit_anchor
    behind = anchor.head_path.read_bytes()
    services.cases.create_case(case_input())
    anchor.head_path.write_bytes(behind)
    assert problems(services) == []


def test_a_head_file_never_moves_back(sqlite_services: Services) -> None:
    sqlite_services.cases.create_case(case_input())
    anchor = sqlite_services.ctx.audit_anchor
    head = anchor.read_head()
    assert head is not None
    anchor.advance_head(head.last_id - 5, "an older head from a slower process")
    assert anchor.read_head() == head


def test_a_missing_or_rewritten_head_file_is_reported(sqlite_services: Services) -> None:
    sqlite_services.cases.create_case(case_input())
    anchor = sqlite_services.ctx.audit_anchor
    head = anchor.read_head()
    assert head is not None
    anchor.head_path.write_text(json.dumps({"last_id": head.last_id, "last_hash": "0" * 64}))
    assert problems(sqlite_services) == [
        "审计链头文件 audit-head.json 的签名不符（被改写，或是用别的密钥写的）"]
    anchor.head_path.unlink()
    assert problems(sqlite_services) == [
        "审计链头文件 audit-head.json 缺失：无法确认审计日志末尾没有被删除"]


def test_a_backup_manifest_catches_a_truncation_the_head_file_hides(
        sqlite_services: Services) -> None:
    """The forger kept an old, genuinely signed head file, cuts the log back to it and puts
    the old file back: a head behind is what a crash leaves, but the backup taken after it
    recorded the later head."""
    services = sqlite_services
    services.cases.create_case(case_input())
    anchor = services.ctx.audit_anchor
    old_head, old_file = anchor.read_head(), anchor.head_path.read_bytes()
    assert old_head is not None
    services.cases.create_case(case_input())
    services.backups.backup(services.ctx.config.backups_dir / "auto-20261201-090000.zip")
    total = entry_count(services)
    drop_guards(services)
    raw(services, "DELETE FROM audit_entry WHERE id > :keep", params={"keep": old_head.last_id})
    raw(services, "DELETE FROM case_deadline WHERE case_id = 2", "DELETE FROM case_event WHERE case_id = 2",
        "DELETE FROM claim WHERE case_id = 2", "DELETE FROM party WHERE case_id = 2",
        "DELETE FROM dispute_case WHERE id = 2",
        "UPDATE case_counter SET last_seq = 1")
    anchor.head_path.write_bytes(old_file)
    found = [p for p in problems(services) if "只追加保护" not in p]
    assert found == [f"备份 auto-20261201-090000.zip 记载审计日志至第 {total} 条，数据库中没有这一条"
                     f"（现有 {old_head.last_id} 条，最后一条为第 {old_head.last_id} 条）：末尾的记录被删除"
                     "（如刚发生断电，也可能是最后的事务未写入磁盘）"], found


def test_a_restore_starts_the_head_again(sqlite_services: Services, tmp_path: Path) -> None:
    services = sqlite_services
    services.cases.create_case(case_input())
    backup = services.ctx.config.backups_dir / "auto-20261201-090000.zip"
    services.backups.backup(backup)  # the scheduled backups' key: `check` reads their heads
    services.cases.create_case(case_input())
    services.backups.backup(services.ctx.config.backups_dir / "auto-20261201-100000.zip")
    services.backups.restore(backup)
    assert problems(services) == []  # the later backup belongs to the history left behind
    services.cases.create_case(case_input())
    assert problems(services) == []


def test_missing_append_only_guards_are_reported(services: Services) -> None:
    services.cases.create_case(case_input())
    if services.ctx.is_sqlite:
        raw(services, "DROP TRIGGER audit_entry_no_delete")
        expected = ["DELETE"]
    else:
        raw(services, "ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_append_only")
        expected = ["UPDATE", "DELETE"]
    assert problems(services) == [
        f"审计日志的只追加保护缺失：数据库不再拒绝对审计记录的 {a}（触发器被删除或停用）"
        for a in expected]


@pytest.mark.postgres
def test_truncate_is_refused_on_postgres(services: Services) -> None:
    if services.ctx.is_sqlite:
        return  # SQLite has no TRUNCATE; a DELETE without WHERE fires the row trigger
    services.cases.create_case(case_input())
    with pytest.raises(Exception, match="审计日志只能追加"):
        raw(services, "TRUNCATE audit_entry")
    raw(services, "DROP TRIGGER audit_entry_no_truncate ON audit_entry")
    assert problems(services) == [
        "审计日志的只追加保护缺失：数据库不再拒绝对审计记录的 TRUNCATE（触发器被删除或停用）"]


def test_an_old_log_is_taken_over_and_protected_from_then_on(tmp_path: Path) -> None:
    """A database of the first schema: plain-hashed entries and demo rows its build wrote
    with one summary entry. After the upgrade the first save makes the key; from then on a
    change to a logged row, or a row slipped in, is caught, and the old entries may not be
    rewritten."""
    frozen = Path(__file__).parents[2] / "data" / "schema-0001.sqlite3"
    config = AppConfig(data_dir=tmp_path / "data")
    config.data_dir.mkdir()
    shutil.copy(frozen, config.db_path)
    services = open_services(config, user="tester")
    try:
        assert problems(services) == []
        assert not services.ctx.audit_anchor.key_path.exists()  # check never makes a key
        services.cases.create_case(case_input())
        assert problems(services) == []
        raw(services, "UPDATE organisation SET city = '别处' WHERE id = 1")
        found = problems(services)
        assert any(p.startswith("组织（organisation）第 1 行的字段 city 与审计日志不符")
                   for p in found), found
        raw(services, "UPDATE organisation SET city = '乌鲁木齐市' WHERE id = 1",
            "INSERT INTO holiday_year (year, source) VALUES (2031, '')")
        assert problems(services) == [
            "节假日年度（holiday_year）第 2031 行在数据库中存在，但审计日志中没有（在程序之外写入或恢复）"]
        raw(services, "DELETE FROM holiday_year WHERE year = 2031")
        drop_guards(services)
        raw(services, "UPDATE audit_entry SET new_value = '生成演示案件 13 件' WHERE id = 6")
        found = [p for p in problems(services) if "只追加保护" not in p]
        assert found[0] == "审计日志第 6 条的签名不符（记录被修改，或是用别的密钥伪造的）", found
    finally:
        services.close()


def test_a_backup_from_another_installation_restores_and_stays_protected(
        sqlite_services: Services, other_sqlite_services: Services, tmp_path: Path) -> None:
    """Its entries were signed with the other office's key (or a machine's key lost with its
    disk): they are taken on their links; what is written here afterwards is signed here."""
    other_sqlite_services.cases.create_case(case_input())
    backup = other_sqlite_services.backups.backup(tmp_path / "elsewhere.zip", PASS).path
    here = sqlite_services
    here.backups.restore(backup, PASS)
    assert problems(here) == []
    here.cases.create_case(case_input())
    assert problems(here) == []
    raw(here, f"UPDATE party SET id_number = '{WORKER_NEW_ID}' WHERE id = 3")
    assert any(p.startswith("当事人（party）第 3 行的“证件号码”（id_number）与审计日志不符")
               for p in problems(here))
    raw(here, "UPDATE party SET id_number = '330602199003077619' WHERE id = 3")
    drop_guards(here)
    last = entry_count(here)
    raw(here, "UPDATE audit_entry SET new_value = '伪造' WHERE id = :id", params={"id": last})
    assert f"审计日志第 {last} 条的签名不符（记录被修改，或是用别的密钥伪造的）" in problems(here)


def test_clerks_saving_at_the_same_time_keep_one_chain(services: Services) -> None:
    """Two transactions appending at once must not both chain from the same last entry (on
    PostgreSQL an advisory lock orders them; SQLite has one writer at a time)."""
    from concurrent.futures import ThreadPoolExecutor

    def clerk(_: int) -> None:
        for _ in range(4):
            services.cases.create_case(case_input())

    services.cases.create_case(case_input())  # the default organisation first (its own race)
    with ThreadPoolExecutor(max_workers=3) as pool:
        list(pool.map(clerk, range(3)))
    assert services.cases.count() == 13
    assert problems(services) == []


def test_a_guard_that_no_longer_guards_is_reported(services: Services) -> None:
    """The trigger is still there by name, but it never fires (SQLite: WHEN 0) or its function
    lets the change through (PostgreSQL)."""
    services.cases.create_case(case_input())
    if services.ctx.is_sqlite:
        raw(services, "DROP TRIGGER audit_entry_no_update",
            "CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry WHEN 0 BEGIN "
            "SELECT RAISE(ABORT, '审计日志只能追加，不能修改或删除'); END")
        expected = ["UPDATE"]
    else:
        raw(services, "CREATE OR REPLACE FUNCTION audit_entry_append_only() RETURNS trigger AS "
                      "$$ BEGIN IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $$ "
                      "LANGUAGE plpgsql")
        expected = ["UPDATE", "DELETE", "TRUNCATE"]
    raw(services, "UPDATE audit_entry SET \"user\" = 'someone else' WHERE id = 1")
    found = problems(services)
    assert found[:len(expected)] == [
        f"审计日志的只追加保护缺失：数据库不再拒绝对审计记录的 {a}（触发器被删除或停用）"
        for a in expected], found
    assert "审计日志第 1 条的签名不符（记录被修改，或是用别的密钥伪造的）" in found
