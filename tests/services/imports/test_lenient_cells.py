"""Imports read what offices type: dates and amounts in the forms clerks use, headers named as
the field or as English exports name them, a real XLSX built here, and a value that cannot be
read refused with its row, column and text while nothing is imported."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import cn2an
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook  # type: ignore[import-untyped]
from sqlmodel import select

from app.bootstrap import Services
from app.errors import ValidationFailed
from app.models import Case, Claim, Party
from app.services.cases import field_checks as v
from app.services.cases.dto import ClaimInput
from app.services.imports.tables import amount_cell, date_cell, parse_amount_text, parse_date
from app.services.knowledge.worktime_service import WorkTimeService
from tests.factories import WORKER_ID, case_input, resident_id


@pytest.mark.parametrize(("text", "expected"), [
    ("2026-03-05", date(2026, 3, 5)),
    ("2026-03-05 10:00:00", date(2026, 3, 5)),
    ("2026-03-05T10:00", date(2026, 3, 5)),
    ("2026-3-5 9:05", date(2026, 3, 5)),
    ("2026年3月5号", date(2026, 3, 5)),
    ("2026年3月5日", date(2026, 3, 5)),
    ("2026 年 3 月 5 日", date(2026, 3, 5)),
    ("２０２６年３月５日", date(2026, 3, 5)),  # full-width digits from a Chinese input method
    ("2026/3/5", date(2026, 3, 5)),
    ("2026/03/05 00:00:00", date(2026, 3, 5)),
    ("2026.3.5", date(2026, 3, 5)),
    ("20260305", date(2026, 3, 5)),
])
def test_dates_as_offices_type_them(text: str, expected: date) -> None:
    assert parse_date(text) == expected
    assert date_cell(text, "起始日期") == (expected, [])


@pytest.mark.parametrize("text", ["2026-02-30", "26/3/5", "三月五日", "2026-13-01", "1899-01-01",
                                  "2026年3月", "明天"])
def test_what_is_not_a_date_is_named_with_its_column_and_value(text: str) -> None:
    found, problems = date_cell(text, "起始日期")
    assert found is None and len(problems) == 1
    assert problems[0].startswith(f"起始日期列的“{text}”无法识别为日期")


def test_excel_date_cells_and_serial_numbers() -> None:
    assert date_cell(datetime(2026, 3, 5, 10, 0), "x") == (date(2026, 3, 5), [])
    assert date_cell(date(2026, 3, 5), "x") == (date(2026, 3, 5), [])
    # 46086 is 2026-03-05 counted from 1899-12-30 (Excel's serial); .4 is a time of day.
    assert date_cell(46086, "x") == (date(2026, 3, 5), [])
    assert date_cell(46086.4, "x") == (date(2026, 3, 5), [])
    assert date_cell(20260305, "x") == (date(2026, 3, 5), [])  # the compact form as a number
    assert date_cell(5, "x")[0] is None  # 1900-01-05: no labour dispute of this product


@pytest.mark.parametrize(("text", "expected"), [
    ("5000", "5000.00"), ("5000元", "5000.00"), ("5,000元", "5000.00"),
    ("¥5,000.00", "5000.00"), ("￥5,000.00", "5000.00"), ("人民币5000元", "5000.00"),
    ("RMB 5000", "5000.00"), ("1.2万", "12000.00"), ("1.2万元", "12000.00"), ("3万", "30000.00"),
    ("壹万元整", "10000.00"), ("伍仟元整", "5000.00"), ("两千五百元", "2500.00"),
    ("壹万贰仟叁佰肆拾伍元陆角柒分", "12345.67"), ("１２３４.５元", "1234.50"),
])
def test_amounts_as_offices_type_them(text: str, expected: str) -> None:
    assert v.parse_amount(amount_cell(text), "amount") == (Decimal(expected), [])


@pytest.mark.parametrize(("text", "words"), [
    ("五千多", "不是有效数字"), ("约5000", "不是有效数字"), ("-100", "不能为负数"),
    ("12.345", "最多保留两位小数"), ("5000美元", "不是有效数字")])
def test_what_is_not_an_amount_is_refused_with_its_value(text: str, words: str) -> None:
    amount, problems = v.parse_amount(amount_cell(text), "amount")
    assert amount is None and words in problems[0].message and text.replace(",", "") in \
        problems[0].message


@settings(max_examples=200, deadline=None)
@given(st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999999.99"), places=2,
                   allow_nan=False, allow_infinity=False))
def test_any_amount_in_any_office_spelling_reads_back(amount: Decimal) -> None:
    for text in (f"¥{amount:,.2f}", f"{amount}元", f"人民币{amount:,}元",
                 cn2an.an2cn(format(amount, "f"), "rmb")):
        assert Decimal(parse_amount_text(text) or "nan") == amount, text


@settings(max_examples=100, deadline=None)
@given(st.decimals(min_value=Decimal("0.0001"), max_value=Decimal("9999.9999"), places=4,
                   allow_nan=False, allow_infinity=False))
def test_any_amount_in_ten_thousands(wan: Decimal) -> None:
    assert Decimal(parse_amount_text(f"{wan}万") or "nan") == wan * 10000


# --- a real workbook ------------------------------------------------------------------------

def worker_id(n: int) -> str:
    return resident_id(f"33060219900307{n:02d}1")


def snapshot(services: Services, case_no: str) -> tuple[list[Party], list[Claim], Case]:
    with services.ctx.session() as s:
        case = s.exec(select(Case).where(Case.case_no == case_no)).one()
        parties = list(s.exec(select(Party).where(Party.case_id == case.id).order_by(Party.seq)))
        claims = list(s.exec(select(Claim).where(Claim.case_id == case.id).order_by(Claim.seq)))
        return parties, claims, case


def workbook(path: Path, header: list[object], rows: list[list[object]]) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append(["某某站点拖欠工资人员名单"])  # a title line above the header
    ws.append(header)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def test_an_english_export_with_office_values_imports(services: Services, tmp_path: Path) -> None:
    case_no = services.cases.create_case(case_input()).case_no
    path = workbook(tmp_path / "export.xlsx",
                    ["Name", "ID_Number", "Phone", "Start Date", "End-Date", "amount"], [
                        ["王五", worker_id(11), "13900000001", "2026年1月1号", "2026.3.31", "¥3,000.50"],
                        ["李雷", worker_id(12), None, datetime(2026, 2, 1), 46081, "1.2万"],
                        ["韩梅梅", worker_id(13), None, "2026/2/1 08:30:00", "2026-02-28", "壹万元整"],
                    ])
    report = services.worker_import.apply(case_no, path)
    assert report.columns == {"name": "Name", "id_number": "ID_Number", "phone": "Phone",
                              "period_start": "Start Date", "period_end": "End-Date",
                              "amount": "amount"}
    assert (report.parties_added, report.claims_added, report.refused) == (3, 3, ())
    _parties, claims, _case = snapshot(services, case_no)
    assert [(c.amount, c.period_start, c.period_end) for c in claims[2:]] == [
        (Decimal("3000.50"), date(2026, 1, 1), date(2026, 3, 31)),
        (Decimal("12000.00"), date(2026, 2, 1), date(2026, 2, 28)),  # serial 46081
        (Decimal("10000.00"), date(2026, 2, 1), date(2026, 2, 28))]
    # 12,345.67 + 500 of the wizard, then the three workers' claims.
    assert report.total_claimed == Decimal("12845.67") + Decimal("25000.50")


def test_headers_named_as_the_field_label_and_hire_dates(services: Services,
                                                         tmp_path: Path) -> None:
    case_no = services.cases.create_case(case_input()).case_no
    path = workbook(tmp_path / "labels.xlsx",
                    ["姓名", "身份证号码", "电话", "入职时间", "离职时间", "金额", "请求类型"], [
                        ["王五", worker_id(11), "", "2025-06-01", "2026-03-31", "8000元", "经济补偿"],
                    ])
    report = services.worker_import.apply(case_no, path)
    assert report.columns["period_start"] == "入职时间" and report.columns["period_end"] == "离职时间"
    assert report.columns["claim_type"] == "请求类型" and report.claims_added == 1
    claim = snapshot(services, case_no)[1][-1]
    assert (claim.claim_type, claim.amount, claim.period_start) == (
        "economic_compensation", Decimal("8000.00"), date(2025, 6, 1))


def test_an_unreadable_value_names_row_column_and_value_and_imports_nothing(
        services: Services, tmp_path: Path) -> None:
    case_no = services.cases.create_case(case_input()).case_no
    before = snapshot(services, case_no)
    path = workbook(tmp_path / "bad.xlsx", ["姓名", "身份证号码", "入职时间", "金额"], [
        ["王五", worker_id(11), "2026-01-01", "3000"],
        ["李雷", worker_id(12), "去年三月", "5000元"],
        ["韩梅梅", worker_id(13), "2026-01-01", "五千多"],
    ])
    with pytest.raises(ValidationFailed) as refused:
        services.worker_import.apply(case_no, path)
    assert [e.message for e in refused.value.errors] == [
        "第4行：起始日期列的“去年三月”无法识别为日期，请写作 2026-01-31、2026/1/31 或 2026年1月31日",
        "第5行：金额“五千多”不是有效数字，请只填写阿拉伯数字，如 12345.67"]
    after = snapshot(services, case_no)
    assert (len(after[0]), len(after[1]), after[2].version) == (
        len(before[0]), len(before[1]), before[2].version)


def test_collective_case_the_wizard_started_is_not_double_counted(services: Services,
                                                                  tmp_path: Path) -> None:
    """The wizard registered the first of twelve couriers with his claim; the list of all
    twelve names him again with the same claim: eleven are added, his claim is not doubled,
    and the case's total is the twelve workers' claims."""
    wizard = case_input(claims=[ClaimInput("wages", "支付拖欠的劳动报酬", "3000", party_index=0)])
    case_no = services.cases.create_case(wizard).case_no
    rows = [["张三", WORKER_ID, "", "3000元"]]
    rows += [[f"骑手{n}", worker_id(n), "", "3000元"] for n in range(40, 51)]
    path = workbook(tmp_path / "couriers.xlsx", ["姓名", "身份证号码", "电话", "欠薪金额"], rows)
    report = services.worker_import.apply(case_no, path)
    assert (report.parties_added, report.claims_added, report.recognised) == (11, 11, 1)
    assert report.collective and report.total_claimed == Decimal("36000.00")
    parties, claims, case = snapshot(services, case_no)
    applicants = [p for p in parties if p.role == "applicant"]
    assert len(applicants) == 12 and case.collective
    assert sum((c.amount or 0 for c in claims), Decimal(0)) == Decimal("36000.00")
    assert len({c.party_id for c in claims}) == 12  # one claim per worker
    assert "未重复添加" in report.notes[0] and "第3行" in report.notes[0]


def test_a_known_id_under_another_name_is_refused(services: Services, tmp_path: Path) -> None:
    case_no = services.cases.create_case(case_input()).case_no
    path = workbook(tmp_path / "w.xlsx", ["姓名", "身份证号码"], [["张叁", WORKER_ID]])
    report = services.worker_import.preview(case_no, path)
    assert report.refused_lines == ["第3行：身份证号码与本案申请人“张三”相同，但姓名为“张叁”，请核对"]


def test_order_exports_with_english_headers_are_recognised(services: Services) -> None:
    case_no = services.cases.create_case(case_input()).case_no
    mapping = WorkTimeService(services.ctx).guess_mapping(
        case_no, ["Order_ID", "Accepted At", "delivered-at", "Platform"])
    assert mapping == {"order_id": "Order_ID", "accepted_at": "Accepted At",
                       "delivered_at": "delivered-at", "platform": "Platform"}


def test_register_import_reads_office_dates_and_amounts(services: Services,
                                                        tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["received_on", "applicants", "respondents", "请求事项", "请求金额", "案件状态"])
    ws.append(["2026年3月5号", "王五", "某某物流有限公司", "劳动报酬", "1.2万元", "办理中"])
    ws.append([datetime(2026, 3, 6, 9, 30), "李雷", "某某餐饮店", "加班费", "¥800.00", "办理中"])
    path = tmp_path / "register.xlsx"
    wb.save(path)
    report = services.register_import.apply(path, None, services.organisations.default_id())
    assert report.written == 2
    with services.ctx.session() as s:
        cases = s.exec(select(Case).where(Case.case_no.in_(report.case_nos))  # type: ignore[attr-defined]
                       .order_by(Case.received_on)).all()
        assert [c.received_on for c in cases] == [date(2026, 3, 5), date(2026, 3, 6)]
        amounts = [s.exec(select(Claim.amount).where(Claim.case_id == c.id)).one() for c in cases]
    assert amounts == [Decimal("12000.00"), Decimal("800.00")]
