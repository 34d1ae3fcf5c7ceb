"""`check` finds altered files, a broken audit chain and a corrupt database (the attacks on the
audit log one by one: test_audit_tamper.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from app.bootstrap import Services
from app.errors import ValidationFailed
from tests.factories import case_input


def test_check_passes_then_finds_an_altered_evidence_file(services: Services,
                                                          tmp_path: Path) -> None:
    case_no = services.cases.create_case(case_input()).case_no
    source = tmp_path / "合同.jpg"
    source.write_bytes(b"original scan")
    services.records.add_evidence(case_no, "劳动合同", file_path=source)
    report = services.check.run()
    assert report.ok, report.problems
    assert report.files_checked == 1
    stored = next(p for p in services.ctx.config.files_dir.rglob("*") if p.is_file())
    stored.write_bytes(b"forged scan")
    report = services.check.run()
    assert not report.ok
    assert any("哈希不符" in p for p in report.problems)


def test_stored_files_are_content_addressed(sqlite_services: Services, tmp_path: Path) -> None:
    case_no = sqlite_services.cases.create_case(case_input()).case_no
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_bytes(b"same")
    b.write_bytes(b"same")
    sqlite_services.records.add_evidence(case_no, "一", file_path=a)
    sqlite_services.records.add_evidence(case_no, "二", file_path=b)
    files = [p for p in sqlite_services.ctx.config.files_dir.rglob("*") if p.is_file()]
    assert len(files) == 1
    assert files[0].name == "0967115f2813a3541eaef77de9d9d5773f1c0c04314b0bbfe4ff3b3b1c55b5d5"


def test_missing_attachment_is_refused(sqlite_services: Services, tmp_path: Path) -> None:
    case_no = sqlite_services.cases.create_case(case_input()).case_no
    with pytest.raises(ValidationFailed, match="找不到要附加的文件"):
        sqlite_services.records.add_evidence(case_no, "x", file_path=tmp_path / "nope.pdf")


def test_check_reports_the_first_broken_audit_link(services: Services) -> None:
    services.cases.create_case(case_input())
    services.cases.create_case(case_input())
    assert services.check.run().ok
    # The database refuses edits of the log ...
    with pytest.raises(Exception, match="审计日志只能追加"):
        with services.ctx.engine.begin() as conn:
            conn.execute(text("UPDATE audit_entry SET new_value = 'forged' WHERE id = 3"))
    with pytest.raises(Exception, match="审计日志只能追加"):
        with services.ctx.engine.begin() as conn:
            conn.execute(text("DELETE FROM audit_entry WHERE id = 3"))
    assert services.check.run().ok
    # ... so a forger with raw access to the file drops the guard first; the chain shows it.
    with services.ctx.engine.begin() as conn:
        if services.ctx.is_sqlite:
            conn.execute(text("DROP TRIGGER audit_entry_no_update"))
        else:
            conn.execute(text("DROP TRIGGER audit_entry_append_only ON audit_entry"))
        conn.execute(text("UPDATE audit_entry SET new_value = 'forged' WHERE id = 3"))
    problems = services.check.run().problems
    assert "审计日志的只追加保护缺失：数据库不再拒绝对审计记录的 UPDATE（触发器被删除或停用）" in problems
    assert "审计日志第 3 条的签名不符（记录被修改，或是用别的密钥伪造的）" in problems
    # The forged entry no longer describes the case it created: the replay says so too.
    assert "案件（dispute_case）第 1 行在数据库中存在，但审计日志中没有（在程序之外写入或恢复）" in problems
