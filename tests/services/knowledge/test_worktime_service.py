"""工作时长 of a case: an order export analysed with the case's rest rule, kept as hashed evidence
with its figures for the rights check (one transaction), replaced by a later import, re-read from
the store (tampering reported), and the column mapping remembered for the organisation."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import select

from app.bootstrap import Services
from app.errors import AppError, StorageError, ValidationFailed
from app.models import CaseAnswers, Evidence, StoredFile
from app.services.knowledge import worktime_service
from app.services.security.file_store import sha256_of
from tests.factories import case_input, shift, write_orders

ODD_HEADER = ("单据编号", "开始配送", "结束配送", "来源")
ODD_MAPPING = {"order_id": "单据编号", "accepted_at": "开始配送", "delivered_at": "结束配送",
               "platform": "来源"}


def _case(services: Services) -> str:
    return services.cases.create_case(case_input(category="2")).case_no  # 绍兴市: 4 h / 20 min


def _breach_file(folder: Path, name: str = "orders.csv") -> Path:
    # 10 orders × 25 min with 5 min pauses from 09:00: the 10th starts after 4 h 25 min of work.
    return write_orders(folder / name, shift("2026-11-03", "09:00", 10),
                        extra_lines=("X1,2026-11-03 15:00,2026-11-03 14:00,甲平台",
                                     "X2,昨天下午,2026-11-03 16:00,甲平台"))


def _rows(services: Services) -> tuple[int, int, int]:
    with services.ctx.session() as s:
        return (len(s.exec(select(Evidence)).all()), len(s.exec(select(StoredFile)).all()),
                len(s.exec(select(CaseAnswers)).all()))


def test_preview_writes_nothing_and_uses_the_cases_rest_rule(services: Services,
                                                             tmp_path: Path) -> None:
    case_no = _case(services)
    before = _rows(services)
    preview = services.worktime.analyse_file(case_no, _breach_file(tmp_path))
    assert len(preview.report.orders) == 10 and len(preview.report.rest_violations) == 1
    assert preview.problems == ("第12行：送达时间早于接单时间",
                                "第13行：接单时间“昨天下午”无法识别为日期时间")
    assert "绍兴" in preview.rule_citation and preview.mapping["platform"] == "平台"
    assert _rows(services) == before and services.worktime.stored(case_no) is None


def test_attach_keeps_file_evidence_and_answers_together(services: Services,
                                                         tmp_path: Path) -> None:
    case_no = _case(services)
    path = _breach_file(tmp_path)
    result = services.worktime.attach(case_no, path)
    assert result.file_sha256 == sha256_of(path) and len(result.problems) == 2
    evidence = services.case_detail.detail(case_no).evidence
    assert [e.name for e in evidence] == ["平台订单记录（orders.csv）"]
    assert evidence[0].file_sha256 == result.file_sha256 and evidence[0].form == "electronic"
    assert evidence[0].proves == "工作时间、连续工作与休息情况" and "甲平台" in evidence[0].source
    assert evidence[0].id == result.evidence_id
    assert services.case_detail.evidence_bytes(result.file_sha256) == path.read_bytes()
    assert services.worktime.answers(case_no) == {
        "longest_continuous_minutes": 295, "night_hours": "0.00", "rest_violations": 1,
        "holiday_hours": "0.00"}
    stored = services.worktime.stored(case_no)
    assert stored is not None and stored.file_name == "orders.csv"
    assert stored.report.rest_violations == result.report.rest_violations
    assert stored.problems == result.problems


def test_attach_is_one_transaction(services: Services, tmp_path: Path,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    case_no = _case(services)
    before = _rows(services)

    def broken(report: object) -> dict[str, object]:
        raise RuntimeError("disk full")

    # Fails after the evidence row was inserted: it must not stay without its figures.
    monkeypatch.setattr(worktime_service, "stored_answers", broken)
    with pytest.raises(RuntimeError):
        services.worktime.attach(case_no, _breach_file(tmp_path))
    assert _rows(services) == before


def test_file_without_valid_orders_is_refused(services: Services, tmp_path: Path) -> None:
    case_no = _case(services)
    before = _rows(services)
    bad = write_orders(tmp_path / "bad.csv", [],
                       extra_lines=("A1,2026-11-03 09:00,,甲平台", "A2,不知道,2026-11-03 10:00,甲平台"))
    with pytest.raises(ValidationFailed) as refused:
        services.worktime.attach(case_no, bad)
    message = refused.value.errors[0].message
    assert "没有一笔可用的订单" in message and "第2行：缺少送达时间" in message and "未保存" in message
    assert _rows(services) == before
    with pytest.raises(ValidationFailed, match="无法读取订单文件"):
        services.worktime.attach(case_no, tmp_path / "missing.csv")


def test_second_attach_replaces_the_answers(services: Services, tmp_path: Path) -> None:
    case_no = _case(services)
    first = services.worktime.attach(case_no, _breach_file(tmp_path))
    rested = shift("2026-11-04", "09:00", 8) + shift("2026-11-04", "13:15", 4, prefix="R")
    second = services.worktime.attach(case_no, write_orders(tmp_path / "week2.csv", rested))
    assert second.file_sha256 != first.file_sha256
    assert services.worktime.answers(case_no)["rest_violations"] == 0
    with services.ctx.session() as s:
        rows = s.exec(select(CaseAnswers).where(CaseAnswers.kind == "worktime")).all()
        assert len(rows) == 1 and rows[0].answers["file_name"] == "week2.csv"
    stored = services.worktime.stored(case_no)
    assert stored is not None and stored.file_sha256 == second.file_sha256
    # Both files stay in the evidence list: each was handed in.
    assert len(services.case_detail.detail(case_no).evidence) == 2


def test_stored_reports_a_tampered_file(services: Services, tmp_path: Path) -> None:
    case_no = _case(services)
    result = services.worktime.attach(case_no, _breach_file(tmp_path))
    assert result.file_sha256 is not None
    kept = services.records.files.path_for(result.file_sha256)
    kept.write_bytes(kept.read_bytes().replace(b"09:00", b"09:30"))
    with pytest.raises(StorageError, match="orders.csv.*篡改"):
        services.worktime.stored(case_no)


def test_unrecognised_headers_need_a_mapping_then_it_is_remembered(services: Services,
                                                                    tmp_path: Path) -> None:
    case_no = _case(services)
    odd = write_orders(tmp_path / "export.csv", shift("2026-11-03", "09:00", 3),
                       header=ODD_HEADER)
    assert services.worktime.headers(odd) == list(ODD_HEADER)
    assert services.worktime.guess_mapping(case_no, list(ODD_HEADER)) is None
    with pytest.raises(AppError) as needed:
        services.worktime.analyse_file(case_no, odd)
    assert needed.value.code == "mapping_needed" and "接单时间" in needed.value.message
    preview = services.worktime.analyse_file(case_no, odd, ODD_MAPPING)
    assert len(preview.report.orders) == 3
    assert services.worktime.guess_mapping(case_no, list(ODD_HEADER)) is None  # preview: no
    services.worktime.attach(case_no, odd, ODD_MAPPING)
    assert services.worktime.guess_mapping(case_no, list(ODD_HEADER)) == ODD_MAPPING
    again = services.worktime.analyse_file(case_no, odd)  # no mapping given this time
    assert again.mapping == ODD_MAPPING and len(again.report.orders) == 3
    # The usual headers still work for the same organisation.
    plain = write_orders(tmp_path / "plain.csv", shift("2026-11-03", "09:00", 2))
    assert services.worktime.analyse_file(case_no, plain).mapping["order_id"] == "订单号"


def test_rights_check_uses_the_order_figures_under_typed_answers(services: Services,
                                                                 tmp_path: Path) -> None:
    case_no = _case(services)
    rest = next(f for f in services.rights.check(case_no).findings if f.right == "rest_break")
    assert rest.status == "not_enough_data"
    services.worktime.attach(case_no, _breach_file(tmp_path))
    assert services.rights.answers(case_no) == {}  # no typed answers
    rest = next(f for f in services.rights.check(case_no).findings if f.right == "rest_break")
    assert rest.status == "breach" and "有1次" in rest.found and "4小时55分钟" in rest.found
    services.rights.save_answers(case_no, {"rest_violations": "0"})  # the user's word wins
    rest = next(f for f in services.rights.check(case_no).findings if f.right == "rest_break")
    assert rest.status == "no_breach"
