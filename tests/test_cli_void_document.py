"""`void-document CASE_NO [NUMBER] --reason …`: 作废 one generated document from the command
line through the same service as the 文书 tab — listed with its number, previewed without
--reason, voided with the reason and the day, refused in one Chinese line when the reason is
missing, the day is in the future, it is voided already or the user may not; a document a
party was served becomes 已撤回. Through the real CLI entry, on a real SQLite file."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from app.bootstrap import open_services
from app.cli.main import main
from app.config import AppConfig
from tests.factories import case_input

PASSWORD = "secret-pass"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    (out + err).encode("gbk")  # a Chinese Windows console: every character must fit
    return code, out, err


def _case_with_documents(tmp_path: Path) -> tuple[str, dict[str, int]]:
    """A case accepted on 11-03 with a notice served on the applicant and a rights notice."""
    from app.services.cases.service_records import ServiceInput

    services = open_services(AppConfig(data_dir=tmp_path), user="cli")
    try:
        case_no = services.cases.create_case(case_input(received_on=date(2026, 11, 2))).case_no
        services.workflow.advance(case_no, "mediation.accept", date(2026, 11, 3))
        services.documents.render(case_no, "rights_notice", "pdf", tmp_path / "告知书.pdf")
        services.documents.render(case_no, "acceptance_notice", "docx", tmp_path / "受理通知书.docx")
        detail = services.case_detail.detail(case_no)
        services.service_records.add_service(case_no, ServiceInput(
            1, "acceptance_notice", date(2026, 11, 23), document="受理通知书"), detail.version)
        ids = {r.file_name: r.id for r in services.document_void.documents(case_no).rows}
    finally:
        services.close()
    return case_no, ids


def _rows(tmp_path: Path, case_no: str) -> dict[str, tuple[date | None, str]]:
    services = open_services(AppConfig(data_dir=tmp_path), user="cli")
    try:
        return {r.file_name: (r.withdrawn_on, r.withdrawn_reason)
                for r in services.document_void.documents(case_no).rows}
    finally:
        services.close()


def test_void_one_document_through_the_cli(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    case_no, ids = _case_with_documents(tmp_path)
    notice, served = ids["告知书.pdf"], ids["受理通知书.docx"]
    d = ["--data-dir", str(tmp_path)]
    code, out, err = run(capsys, *d, "void-document", case_no)
    assert code == 0, err
    lines = out.splitlines()
    assert any(line.startswith(f"{notice}\t") and "告知书.pdf" in line and "有效" in line
               for line in lines), out
    assert any(line.startswith(f"{served}\t") and "已于2026-11-23送达" in line for line in lines)
    assert "共 2 份文书" in out

    # without --reason: what would happen, nothing written
    code, out, _ = run(capsys, *d, "void-document", case_no, str(notice))
    assert code == 0 and "将作废《告知书.pdf》" in out and "--reason" in out
    code, out, _ = run(capsys, *d, "void-document", case_no, str(served))
    assert code == 0 and "已于2026-11-23送达" in out and "已撤回" in out
    assert _rows(tmp_path, case_no) == {"告知书.pdf": (None, ""), "受理通知书.docx": (None, "")}

    # bad input: one Chinese line each, exit 1, nothing changed
    for args, fragment in (((str(notice), "--reason", "  "), "作废原因"),
                           ((str(notice), "--reason", "误生成", "--date", "2099-01-01"), "作废日期"),
                           ((str(notice), "--reason", "误生成", "--date", "11月3日"), "无法识别"),
                           (("x1",), "应为数字"), (("99999", "--reason", "误生成"), "没有编号为 99999")):
        code, out, err = run(capsys, *d, "void-document", case_no, *args)
        assert (code, out) == (1, ""), (args, out, err)
        assert err.startswith("错误：") and fragment in err and "Traceback" not in err, err
    code, _, err = run(capsys, *d, "void-document", "不存在〔2026〕9号")
    assert code == 1 and "找不到" in err
    assert _rows(tmp_path, case_no) == {"告知书.pdf": (None, ""), "受理通知书.docx": (None, "")}

    code, out, err = run(capsys, *d, "void-document", case_no, str(notice), "--reason",
                         "当事人姓名打错", "--date", "2026-11-24")
    assert code == 0, err
    assert "《告知书.pdf》已作废（2026-11-24：当事人姓名打错）" in out
    code, out, err = run(capsys, *d, "void-document", case_no, str(served), "--reason", "误送")
    assert code == 0 and "《受理通知书.docx》已撤回" in out, err
    assert _rows(tmp_path, case_no) == {"告知书.pdf": (date(2026, 11, 24), "当事人姓名打错"),
                                        "受理通知书.docx": (date.today(), "误送")}
    code, _, err = run(capsys, *d, "void-document", case_no, str(notice), "--reason", "再来")
    assert code == 1 and "已于2026-11-24作废，无须再次办理" in err
    code, out, _ = run(capsys, *d, "void-document", case_no)
    assert "已作废（2026-11-24：当事人姓名打错）" in out and "已撤回（" in out

    # the audit log keeps who voided it and why
    services = open_services(AppConfig(data_dir=tmp_path), user="cli")
    try:
        lines = [line.text for line in services.case_history.audit_lines(case_no)]
    finally:
        services.close()
    assert any("告知书.pdf" in t and "当事人姓名打错" in t for t in lines), lines


def test_a_read_only_user_may_not_void(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    case_no, ids = _case_with_documents(tmp_path)
    services = open_services(AppConfig(data_dir=tmp_path))
    try:
        services.accounts.create_user("admin", PASSWORD, "administrator")
        services.ctx.user, services.ctx.role = "admin", "administrator"
        services.accounts.create_user("viewer", PASSWORD, "read_only")
    finally:
        services.close()
    monkeypatch.setenv("MEDIATION_DESK_PASSWORD", PASSWORD)
    d = ["--data-dir", str(tmp_path), "--user", "viewer"]
    code, out, _ = run(capsys, *d, "void-document", case_no)  # reading is allowed
    assert code == 0 and "告知书.pdf" in out
    code, out, err = run(capsys, *d, "void-document", case_no, str(ids["告知书.pdf"]),
                         "--reason", "误生成")
    assert (code, out) == (1, "") and "无权" in err and "Traceback" not in err
    assert _rows(tmp_path, case_no)["告知书.pdf"] == (None, "")


def test_void_document_on_a_gbk_console(tmp_path: Path) -> None:
    """The real program on a console whose encoding is GBK (Windows' code page 936)."""
    case_no, _ids = _case_with_documents(tmp_path)
    env = {**__import__("os").environ, "PYTHONIOENCODING": "gbk"}
    result = subprocess.run([sys.executable, "-m", "app", "--data-dir", str(tmp_path),
                             "void-document", case_no], capture_output=True, env=env, timeout=120)
    out = result.stdout.decode("gbk")
    assert result.returncode == 0, result.stderr.decode("gbk")
    assert "告知书.pdf" in out and "共 2 份文书" in out
