"""Case JSON export/import: exact round trip, re-import updates, malformed files refused."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest

from app.bootstrap import Services
from app.errors import AppError, ValidationFailed
from app.services.cases.dto import CaseQuery
from app.services.cases.records import AgreementInput, TermInput
from app.services.exchange.case_file import ImportOutcome, ImportResult
from tests.factories import case_input


def full_case(services: Services, tmp_path: Path) -> str:
    case_no = services.cases.create_case(case_input(accepted_on=date(2026, 11, 3))).case_no
    proof = tmp_path / "转账记录.pdf"
    proof.write_bytes(b"%PDF-1.4 fake bank statement")
    services.records.add_evidence(case_no, "工资转账记录", source="银行", proves="工资标准",
                                  pages=3, file_path=proof)
    services.records.add_session(case_no, datetime(2026, 11, 5, 9, 30), place="调解室",
                                 mediators="李调解", record="双方陈述")
    services.records.add_agreement(case_no, AgreementInput(
        signed_on=date(2026, 11, 10), effective_on=date(2026, 11, 10), content="一次性支付",
        terms=[TermInput("迅达即配科技有限公司", "张三", "8000.50", date(2026, 11, 25), "银行转账")]))
    services.records.add_filing(case_no, "judicial_confirmation", forum="越城区人民法院",
                                filed_on=date(2026, 11, 12))
    services.records.add_event(case_no, "agreement.effective", date(2026, 11, 10))
    return case_no


def test_round_trip_is_exact(services: Services, other_sqlite_services: Services,
                             tmp_path: Path) -> None:
    case_no = full_case(services, tmp_path)
    exported = services.exchange.export_case(case_no)
    assert exported["evidence"][0]["file"]["original_name"] == "转账记录.pdf"
    assert exported["agreements"][0]["terms"][0]["amount"] == "8000.50"
    # Into another, empty database (SQLite), and back out again.
    path = tmp_path / "case.json"
    services.exchange.export_to_file(case_no, path)
    result = other_sqlite_services.exchange.import_file(path)
    assert (result.case_no, result.outcome) == (case_no, ImportOutcome.CREATED)
    assert other_sqlite_services.exchange.export_case(case_no) == exported


def test_replace_updates_instead_of_duplicating(services: Services, tmp_path: Path) -> None:
    case_no = full_case(services, tmp_path)
    data = services.exchange.export_case(case_no)
    data["parties"][0]["phone"] = "13911112222"
    data["claims"].pop()
    assert services.exchange.import_case(data, replace=True) == \
        ImportResult(case_no, ImportOutcome.REPLACED)
    assert services.cases.count() == 1
    again = services.exchange.export_case(case_no)
    assert again["parties"][0]["phone"] == "13911112222"
    assert len(again["claims"]) == 1
    # The search index follows the update.
    assert services.cases.list_cases(CaseQuery(search="13911112222")).total == 1


@pytest.mark.parametrize("mutate, fragment", [
    (lambda d: d.update(format="other"), "不是调解工作台的案件文件"),
    (lambda d: d.update(format_version=99), "不受支持"),
    (lambda d: d["case"].update(received_on="2026-13-01"), "case.received_on"),
    (lambda d: d["claims"][0].update(amount="-3"), "不能为负数"),
    (lambda d: d["parties"][0].update(id_number="110105194912310021"), "校验位"),
    (lambda d: d["claims"][0].update(party_ref=42), "不存在"),
    (lambda d: d["parties"].append(dict(d["parties"][0])), "重复"),
    (lambda d: d["case"].update(bogus=1), "未知字段"),
    (lambda d: d.update(parties="x"), "应为数组"),
    (lambda d: d["case"].update(accepted_on="2026-01-01"), "不能早于"),
])
def test_malformed_documents_are_refused_and_change_nothing(
        services: Services, tmp_path: Path, mutate: object, fragment: str) -> None:
    case_no = full_case(services, tmp_path)
    original = services.exchange.export_case(case_no)
    data = json.loads(json.dumps(original))
    mutate(data)  # type: ignore[operator]
    with pytest.raises(ValidationFailed) as caught:
        services.exchange.import_case(data)
    assert fragment in caught.value.message
    assert services.exchange.export_case(case_no) == original


def test_unreadable_file_is_refused(sqlite_services: Services, tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(b"\xff\xfe not json")
    with pytest.raises(AppError, match="不是 UTF-8 编码"):
        sqlite_services.exchange.import_file(path)
    assert sqlite_services.cases.count() == 0
