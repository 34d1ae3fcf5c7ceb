"""Case register and monthly report files read back (openpyxl, pypdf) against raw rows."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import text

from app.bootstrap import Services
from app.cli.main import main
from app.errors import AppError, NotFound
from app.services.cases.dto import ClaimInput
from app.services.cases.records import AgreementInput, TermInput
from app.services.reports.report_service import ReportService
from tests.factories import case_input, credit_code, platform, resident_id, worker

OCT_FIRST, OCT_LAST = date(2026, 10, 1), date(2026, 10, 31)
REGISTER_HEADER = ["序号", "案号", "收到日期", "受理日期", "申请人", "被申请人", "职业", "平台",
                   "城市", "请求事项", "请求金额（元）", "阶段", "案件状态", "结案日期", "调解员"]


def raw(services: Services, sql: str, **params: object) -> list[tuple]:  # type: ignore[type-arg]
    with services.ctx.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(sql), params)]


def day(value: object) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def in_october(services: Services) -> list[tuple]:  # type: ignore[type-arg]
    """(id, case_no, received_on) of October's cases, sorted here rather than by the database."""
    cases = [(i, no, day(on)) for i, no, on in
             raw(services, "SELECT id, case_no, received_on FROM dispute_case")]
    return sorted((c for c in cases if OCT_FIRST <= c[2] <= OCT_LAST), key=lambda c: (c[2], c[1]))


def claimed_yuan(services: Services, case_ids: set[int]) -> Decimal:
    fen = [a for cid, a in raw(services, "SELECT case_id, amount FROM claim")
           if cid in case_ids and a is not None]
    return (Decimal(sum(fen)) / 100).quantize(Decimal("0.01"))


@pytest.fixture
def october(services: Services) -> dict[str, str]:
    """Cases on both edges of October 2026 and one each side of it; case numbers by role."""
    mediator = services.roster.add_mediator("王调解")
    two_workers = [worker("张三"), worker("李四", id_number=resident_id("33060219880101456"),
                                          sex="female", birth_date=None),
                   platform(), platform("某配送站点", credit_code("91330602987654321"))]
    first = services.cases.create_case(case_input(
        received_on=OCT_FIRST, accepted_on=date(2026, 10, 3), parties=two_workers)).case_no
    middle = services.cases.create_case(case_input(
        received_on=date(2026, 10, 15), occupation="网约车司机", platform="畅行出行",
        claims=[ClaimInput("overtime_pay", "加班费", "800.50"), ClaimInput("wages", "工资")])).case_no
    last = services.cases.create_case(case_input(received_on=OCT_LAST)).case_no
    before = services.cases.create_case(case_input(received_on=date(2026, 9, 30))).case_no
    after = services.cases.create_case(case_input(received_on=date(2026, 11, 1))).case_no
    version = services.cases.get(first).version
    services.case_edit.update_case(first, {"mediator_id": mediator}, version)
    services.records.add_session(first, datetime(2026, 10, 10, 9, 30), place="调解室")
    services.records.add_agreement(first, AgreementInput(
        signed_on=date(2026, 10, 12), terms=[TermInput("迅达即配科技有限公司", "张三", "9000")]))
    version = services.cases.get(last).version
    services.case_edit.update_case(last, {"status": "withdrawn"}, version)
    return {"first": first, "middle": middle, "last": last, "before": before, "after": after}


def test_register_rows_are_the_period_in_order(services: Services,
                                               october: dict[str, str]) -> None:
    rows = ReportService(services.ctx).register_rows(OCT_FIRST, OCT_LAST)
    expected = in_october(services)
    assert [r.case_no for r in rows] == [c[1] for c in expected]
    assert [r.seq for r in rows] == list(range(1, len(expected) + 1))
    numbers = {r.case_no for r in rows}
    assert {october["first"], october["last"]} <= numbers
    assert not {october["before"], october["after"]} & numbers
    by_no = {r.case_no: r for r in rows}
    first = by_no[october["first"]]
    assert first.applicants == "张三、李四"
    assert first.respondents == "迅达即配科技有限公司、某配送站点"
    assert first.claims == "劳动报酬、返还押金、保证金"
    assert first.amount == Decimal("12845.67")
    assert (first.stage, first.status, first.mediator) == ("调解", "办理中", "王调解")
    assert first.accepted_on == date(2026, 10, 3)
    # Only a case no longer in hand has a closing date: its last recorded step.
    assert first.closed_on is None
    assert by_no[october["last"]].closed_on == OCT_LAST
    middle = by_no[october["middle"]]
    # A claim without an amount counts as nothing, not as an unknown total.
    assert (middle.claims, middle.amount, middle.mediator) == ("加班费、劳动报酬", Decimal("800.50"), "")
    assert by_no[october["last"]].status == "已撤回"


def test_register_by_organisation(services: Services, october: dict[str, str]) -> None:
    other = services.organisations.create("第二调解委员会", "peoples_mediation",
                                          case_no_pattern="二调〔{year}〕{seq:04d}号")
    theirs = services.cases.create_case(case_input(received_on=date(2026, 10, 20),
                                                   organisation_id=other)).case_no
    reports = ReportService(services.ctx)
    assert [r.case_no for r in reports.register_rows(OCT_FIRST, OCT_LAST, other)] == [theirs]
    ours = reports.register_rows(OCT_FIRST, OCT_LAST, services.organisations.default_id())
    assert theirs not in {r.case_no for r in ours} and len(ours) == len(in_october(services)) - 1
    with pytest.raises(NotFound, match="组织"):
        reports.register_rows(OCT_FIRST, OCT_LAST, 9999)


def test_register_xlsx(services: Services, october: dict[str, str], tmp_path: Path) -> None:
    path = ReportService(services.ctx).write_register(OCT_FIRST, OCT_LAST, tmp_path / "台账.xlsx")
    ws = load_workbook(path)["案件登记台账"]
    assert [c.value for c in ws[3]] == REGISTER_HEADER
    assert ws.freeze_panes == "A4"
    expected = in_october(services)
    body = list(ws.iter_rows(min_row=4, max_row=3 + len(expected)))
    assert [r[1].value for r in body] == [c[1] for c in expected]
    assert [r[2].value.date() for r in body] == [c[2] for c in expected]
    assert {r[2].number_format for r in body} == {"yyyy-mm-dd"}
    assert {r[10].number_format for r in body} == {"#,##0.00"}
    totals = [c.value for c in ws[4 + len(expected)]]
    assert totals[0] == "合计" and totals[1] == f"共 {len(expected)} 件"
    total = claimed_yuan(services, {c[0] for c in expected})
    assert Decimal(str(totals[10])).quantize(Decimal("0.01")) == total
    assert ws.max_row == 4 + len(expected)
    # ID numbers and phones stay out of a circulated register.
    cells = " ".join(str(c.value) for row in ws.iter_rows() for c in row if c.value is not None)
    assert resident_id("33060219900307123") not in cells and "13800138000" not in cells


def test_register_pdf(services: Services, october: dict[str, str], tmp_path: Path) -> None:
    path = ReportService(services.ctx).write_register(OCT_FIRST, OCT_LAST, tmp_path / "台账.pdf")
    reader = PdfReader(path)
    assert reader.pages[0].mediabox.width > reader.pages[0].mediabox.height  # landscape
    content = "".join(page.extract_text() for page in reader.pages)
    expected = in_october(services)
    assert "案件登记台账" in content and "2026-10-01 至 2026-10-31" in content
    for _, case_no, _ in expected:
        assert case_no in content
    assert october["before"] not in content and october["after"] not in content
    total = claimed_yuan(services, {c[0] for c in expected})
    assert f"共 {len(expected)} 件" in content and f"{total:,.2f}" in content
    assert "第 1 页" in content


def test_monthly_xlsx(services: Services, october: dict[str, str], tmp_path: Path) -> None:
    path = ReportService(services.ctx).write_monthly(2026, 10, tmp_path / "月报.xlsx")
    book = load_workbook(path)
    for name in ("概况", "按阶段", "按请求类型", "按职业", "按平台", "调解员工作量"):
        assert name in book.sheetnames
        assert book[name].freeze_panes == "A4"
    expected = in_october(services)
    ids = {c[0] for c in expected}
    overview = {r[0].value: r[1] for r in book["概况"].iter_rows(min_row=4)}
    assert overview["收案数（件）"].value == len(expected)
    accepted = sum(1 for (cid, on) in raw(services, "SELECT id, accepted_on FROM dispute_case")
                   if cid in ids and on is not None)
    assert overview["受理数（件）"].value == accepted
    assert overview["撤回（件）"].value == 1
    agreed = {cid for (cid,) in raw(services, "SELECT case_id FROM mediation_agreement")} & ids
    assert overview["调解成功数（达成协议，件）"].value == len(agreed)
    rate = overview["调解成功率（达成协议数÷受理数）"]
    assert rate.value == pytest.approx(len(agreed) / accepted) and rate.number_format == "0.0%"
    claimed = overview["请求金额（元）"]
    assert Decimal(str(claimed.value)).quantize(Decimal("0.01")) == claimed_yuan(services, ids)
    assert claimed.number_format == "#,##0.00"
    assert overview["协议金额（元）"].value == 9000

    stages = {r[0].value: r[1].value for r in book["按阶段"].iter_rows(min_row=4)}
    stage_counts: dict[str, int] = {}
    for cid, stage in raw(services, "SELECT id, stage FROM dispute_case"):
        if cid in ids:
            stage_counts[stage] = stage_counts.get(stage, 0) + 1
    assert stages["合计"] == len(expected)
    assert stages.get("调解") == stage_counts.get("mediation") and "mediation" not in stages

    claims = [(cid, t) for cid, t in raw(services, "SELECT case_id, claim_type FROM claim")
              if cid in ids]
    by_type = {r[0].value: (r[1].value, r[2].value) for r in book["按请求类型"].iter_rows(min_row=4)}
    assert by_type["加班费"][0] == sum(1 for _, t in claims if t == "overtime_pay")
    assert by_type["合计"][0] == len(claims)
    assert Decimal(str(by_type["合计"][1])).quantize(Decimal("0.01")) == claimed_yuan(services, ids)
    occupations = {r[0].value: r[1].value for r in book["按职业"].iter_rows(min_row=4)}
    assert occupations["网约车司机"] == 1 and occupations["合计"] == len(expected)

    workload = [[c.value for c in r] for r in book["调解员工作量"].iter_rows(min_row=4)]
    assert workload == [["王调解", 1, 1, 1], ["合计", 1, 1, 1]]


def test_monthly_pdf(services: Services, october: dict[str, str], tmp_path: Path) -> None:
    path = ReportService(services.ctx).write_monthly(2026, 10, tmp_path / "月报.pdf")
    content = "".join(page.extract_text() for page in PdfReader(path).pages)
    assert "2026年10月劳动争议调解统计报表" in content
    for heading in ("概况", "按阶段", "按请求类型", "按职业", "按平台", "调解员工作量", "王调解"):
        assert heading in content
    assert f"收案数（件）{len(in_october(services))}" in content.replace(" ", "").replace("\n", "")


def test_refusals(services: Services, tmp_path: Path) -> None:
    reports = ReportService(services.ctx)
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(AppError, match=r"\.xlsx.*\.pdf"):
        reports.write_register(OCT_FIRST, OCT_LAST, out / "台账.csv")
    with pytest.raises(AppError, match="早于起始日期"):
        reports.register_rows(OCT_LAST, OCT_FIRST)
    with pytest.raises(AppError, match="1 至 12 月"):
        reports.write_monthly(2026, 13, out / "月报.xlsx")
    (out / "a-file").write_text("x")
    with pytest.raises(AppError, match="无法写入"):
        reports.write_monthly(2026, 10, out / "a-file" / "月报.pdf")
    assert [p.name for p in out.iterdir()] == ["a-file"]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def cli_dir(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    data = tmp_path / "d"
    assert run(capsys, "--data-dir", str(data), "demo", "--cases", "20", "--seed", "2")[0] == 0
    return data


def test_cli_writes_both_reports(cli_dir: Path, tmp_path: Path,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "out" / "台账.xlsx"
    code, out, _ = run(capsys, "--data-dir", str(cli_dir), "report", "register",
                       "--from", "2000-01-01", "--to", "2026-11-23", "-o", str(target))
    assert code == 0 and str(target) in out and "（20 件）" in out
    assert load_workbook(target)["案件登记台账"]["A3"].value == "序号"
    target = tmp_path / "月报.pdf"
    code, out, _ = run(capsys, "--data-dir", str(cli_dir), "report", "monthly",
                       "--month", "2026-11", "-o", str(target))
    assert code == 0 and str(target) in out and target.stat().st_size > 0


@pytest.mark.parametrize(("args", "fragment"), [
    (["monthly", "--month", "2026-13"], "1 至 12 月"),
    (["monthly", "--month", "十一月"], "2026-11"),
    (["register", "--from", "2026-11-30", "--to", "2026-11-01"], "早于起始日期"),
    (["register", "--from", "2026-11-01", "--to", "2026-11-30", "--org", "无此组织"], "找不到名为"),
    (["monthly", "--month", "2026-11", "--org", "无此组织"], "找不到名为"),
])
def test_cli_bad_input(cli_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                       args: list[str], fragment: str) -> None:
    target = tmp_path / "r.xlsx"
    code, out, err = run(capsys, "--data-dir", str(cli_dir), "report", *args, "-o", str(target))
    assert code == 1 and out == "" and err.startswith("错误：") and fragment in err
    assert "Traceback" not in err and not target.exists()


@pytest.mark.parametrize(("name", "fragment"), [("r.csv", "扩展名"),
                                                ("a-file/r.xlsx", "不是文件夹")])
def test_cli_bad_output(cli_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                        name: str, fragment: str) -> None:
    (tmp_path / "a-file").write_text("x")
    code, out, err = run(capsys, "--data-dir", str(cli_dir), "report", "register",
                         "--from", "2026-11-01", "--to", "2026-11-30", "-o", str(tmp_path / name))
    assert code == 1 and out == "" and fragment in err


def test_cli_bad_date_is_usage_error(cli_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--data-dir", str(cli_dir), "report", "register", "--from", "2026/11/01",
              "--to", "2026-11-30", "-o", "x.xlsx"])
    assert caught.value.code == 2 and "应写作 2026-11-23" in capsys.readouterr().err
