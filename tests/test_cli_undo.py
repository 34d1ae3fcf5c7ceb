"""`undo CASE_NO`: shows what 撤销上一步 would undo, undoes it with --reason, and says in one
Chinese line with exit 1 when there is nothing left to undo."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from app.bootstrap import open_services
from app.cli.main import main
from app.config import AppConfig
from tests.factories import case_input


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_undo_through_the_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = AppConfig(data_dir=tmp_path)
    services = open_services(config, user="cli")
    case_no = services.cases.create_case(case_input(received_on=date(2026, 11, 2))).case_no
    services.close()
    d = ["--data-dir", str(tmp_path)]
    code, out, _ = run(capsys, *d, "advance", case_no, "mediation.accept", "--date", "2026-11-03")
    assert code == 0
    code, out, _ = run(capsys, *d, "undo", case_no)
    assert code == 0 and "将撤销“受理调解申请”" in out and "加 --reason" in out
    code, out, _ = run(capsys, *d, "undo", case_no, "--reason", "误受理")
    assert code == 0 and "已撤销“受理调解申请”，案件现为“已收到申请”" in out
    code, _, err = run(capsys, *d, "undo", case_no, "--reason", "再撤")
    assert code == 1 and "无可撤销" in err and "Traceback" not in err


def test_undo_through_the_cli_voids_the_documents_it_listed(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = AppConfig(data_dir=tmp_path)
    services = open_services(config, user="cli")
    case_no = services.cases.create_case(case_input(received_on=date(2026, 11, 2))).case_no
    services.close()
    d = ["--data-dir", str(tmp_path)]
    assert run(capsys, *d, "advance", case_no, "mediation.accept", "--date", "2026-11-03")[0] == 0
    services = open_services(config, user="cli")
    services.documents.render(case_no, "rights_notice", "pdf", tmp_path / "告知书.pdf")
    services.close()
    code, out, _ = run(capsys, *d, "undo", case_no)
    assert code == 0 and "《告知书.pdf》" in out and "--void-documents" in out
    code, _, err = run(capsys, *d, "undo", case_no, "--reason", "误受理")
    assert code == 1 and "须一并作废" in err and "Traceback" not in err
    code, out, _ = run(capsys, *d, "undo", case_no, "--reason", "误受理", "--void-documents")
    assert code == 0 and "已撤销“受理调解申请”" in out
    services = open_services(config, user="cli")
    rows = services.document_void.documents(case_no).rows
    services.close()
    assert [(r.file_name, r.withdrawn_reason) for r in rows] == [("告知书.pdf", "撤销原因：误受理")]
