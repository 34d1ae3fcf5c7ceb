"""Importing a register of existing cases (案件登记台账) from another system: every row checked,
refused rows reported by line, the case's course replayed as workflow events, all or nothing."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook  # type: ignore[import-untyped]
from sqlmodel import select

from app.bootstrap import Services
from app.cli.main import main
from app.config import AppConfig
from app.errors import AppError, ValidationFailed
from app.models import Case, CaseEvent, Claim, MediationAgreement, Party
from app.models.records import CaseDeadlineRow
from app.services.imports.register_service import MAPPING_FILE
from app.services.reports.report_service import ReportService
from tests.factories import case_input, credit_code, resident_id

HEADER = ["案号", "收案日期", "受理日期", "申请人", "身份证号码", "被申请人", "统一社会信用代码",
          "城市", "平台", "请求事项", "请求金额（元）", "案件状态", "结案日期", "调解员"]
CODE = credit_code("91330100MA2H00001")
ID_A, ID_B = resident_id("33010219900101001"), resident_id("33010219920202002")


def write_csv(path: Path, rows: list[list[str]], *, encoding: str = "utf-8") -> Path:
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def good_rows() -> list[list[str]]:
    return [
        HEADER,
        ["旧调〔2025〕1号", "2025-03-01", "2025-03-03", "张三", ID_A, "迅达即配科技有限公司", CODE,
         "杭州市", "迅达即配", "劳动报酬、返还押金、保证金", "12,345.60", "调解成功", "2025-03-20",
         "王调解"],
        ["旧调〔2025〕2号", "2025-04-01", "2025-04-02", "李四", ID_B, "某某餐饮店", "", "杭州市", "",
         "加班费", "800", "调解不成", "2025-04-30", ""],
        [],  # blank lines between months are common in hand-kept registers
        ["旧调〔2025〕3号", "2025年5月6日", "", "王五", "", "老王", "", "杭州市", "", "拖欠工资", "",
         "已撤回", "2025/05/10", ""],
        ["", "2025-06-01", "", "赵六", "", "某某物流有限公司", "", "杭州市", "", "", "", "不予受理",
         "2025-06-03", ""],
        ["旧调〔2025〕5号", "2025-07-01", "2025-07-02", "、".join(f"工人{i}" for i in range(12)), "",
         "某某物流有限公司", "", "宁波市", "", "劳动报酬", "60000", "办理中", "", ""],
    ]


def cases_by_no(services: Services) -> dict[str, tuple[Case, list[Party], list[Claim], list[str]]]:
    with services.ctx.session() as s:
        found = {}
        for case in s.exec(select(Case)):
            parties = list(s.exec(select(Party).where(Party.case_id == case.id).order_by(Party.seq)))
            claims = list(s.exec(select(Claim).where(Claim.case_id == case.id).order_by(Claim.seq)))
            kinds = list(s.exec(select(CaseEvent.kind).where(CaseEvent.case_id == case.id)
                                .order_by(CaseEvent.occurred_on, CaseEvent.id)))
            found[case.case_no] = (case, parties, claims, kinds)
        return found


def test_a_good_register_becomes_cases_in_their_states(services: Services, tmp_path: Path) -> None:
    mediator = services.roster.add_mediator("王调解")
    report = services.register_import.apply(write_csv(tmp_path / "台账.csv", good_rows()))
    assert report.written == 5 and not report.refused
    cases = cases_by_no(services)
    assert set(cases) == set(report.case_nos)

    agreed, parties, claims, kinds = cases["旧调〔2025〕1号"]
    assert (agreed.state, agreed.status, agreed.stage) == ("closed.closed", "closed", "closed")
    assert kinds == ["application.received", "mediation.accepted", "agreement.signed",
                     "agreement.effective", "case.closed"]
    assert agreed.mediator_id == mediator and agreed.accepted_on == date(2025, 3, 3)
    assert [(p.role, p.name, p.id_number, p.party_type, p.kind, p.credit_code) for p in parties] == [
        ("applicant", "张三", ID_A, "person", "worker", ""),
        ("respondent", "迅达即配科技有限公司", "", "organisation", "platform", CODE)]
    # One total per register row: it goes with the first claim, and says so.
    assert [(c.claim_type, c.amount) for c in claims] == [
        ("wages", Decimal("12345.60")), ("deposit_refund", None)]
    assert "合计" in claims[0].description
    with services.ctx.session() as s:
        agreement = s.exec(select(MediationAgreement)
                           .where(MediationAgreement.case_id == agreed.id)).one()
        assert agreement.signed_on == date(2025, 3, 20) and "原系统" in agreement.content

    failed = cases["旧调〔2025〕2号"]
    assert (failed[0].state, failed[0].status) == ("closed.closed", "closed")
    assert "mediation.failed" in failed[3]
    withdrawn = cases["旧调〔2025〕3号"]
    assert (withdrawn[0].state, withdrawn[0].status) == ("closed.withdrawn", "withdrawn")
    assert withdrawn[1][1].party_type == "person"  # "老王": a natural person, as the note says
    assert [c.claim_type for c in withdrawn[2]] == ["wages"]  # 拖欠工资 is the wages claim

    generated = [no for no in report.case_nos if not no.startswith("旧调")]
    assert len(generated) == 1 and "2025" in generated[0]
    refused = cases[generated[0]][0]
    assert (refused.state, refused.status, refused.accepted_on) == ("mediation.refused", "refused", None)

    collective, parties, claims, _ = cases["旧调〔2025〕5号"]
    assert collective.collective and len([p for p in parties if p.role == "applicant"]) == 12
    assert (collective.state, collective.status) == ("mediation.accepted", "active")
    with services.ctx.session() as s:  # an open case gets its deadlines, computed as by hand
        rules = set(s.exec(select(CaseDeadlineRow.rule_id)
                           .where(CaseDeadlineRow.case_id == collective.id)))
    assert rules, "an open imported case has its deadlines"
    assert any("老王" in n and "自然人" in n for n in report.notes)
    # Statistics see them like any other case.
    stats = services.statistics.compute(date(2025, 1, 1), date(2025, 12, 31))
    assert (stats.received, stats.withdrawn, stats.refused) == (5, 1, 1)


def bad_rows() -> list[list[str]]:
    rows = good_rows()
    rows[1][4] = ID_A[:17] + ("0" if ID_A[17] != "0" else "1")  # wrong check digit
    rows[2][11] = "火星"
    rows.append(["旧调〔2025〕1号", "2025-08-01", "2025-07-01", "", "", "", "", "", "", "", "-5",
                 "已结案", "", ""])
    rows.append(["旧调〔2025〕9号", "2027-01-01", "", "甲", "", "乙公司", "", "", "", "", "",
                 "调解成功", "2027-01-02", ""])
    return rows


def test_bad_rows_are_reported_by_line_and_nothing_is_written(services: Services,
                                                               tmp_path: Path) -> None:
    path = write_csv(tmp_path / "台账.csv", bad_rows())
    preview = services.register_import.preview(path)
    problems = {p.line: p.reason for p in preview.refused}
    assert set(problems) == {2, 3, 8, 9}
    assert "校验位" in problems[2]
    assert "火星" in problems[3] and "调解成功" in problems[3]
    assert all(w in problems[8] for w in ("与第2行重复", "受理日期", "缺少申请人", "缺少被申请人",
                                          "结案日期"))
    assert "晚于今天" in problems[9] or "今天" in problems[9]
    with pytest.raises(ValidationFailed) as refused:
        services.register_import.apply(path)
    assert len(refused.value.errors) == 4
    assert services.cases.count() == 0
    report = services.register_import.apply(path, accepted_only=True)
    assert report.written == 3 and services.cases.count() == 3


def test_a_register_imported_twice_is_refused_whole(services: Services, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "台账.csv", good_rows())
    services.register_import.apply(path)
    with pytest.raises(ValidationFailed) as again:
        services.register_import.apply(path)
    assert all("已存在" in e.message for e in again.value.errors if "旧调" in e.message)
    assert services.cases.count() == 5


def test_gbk_csv_and_xlsx_with_date_cells(sqlite_services: Services, tmp_path: Path) -> None:
    gbk = write_csv(tmp_path / "台账.csv", good_rows()[:3], encoding="gbk")
    assert sqlite_services.register_import.preview(gbk).encoding == "gbk"
    wb = Workbook()
    ws = wb.active
    ws.append(["收案日期", "申请人", "被申请人", "请求事项", "请求金额", "案件状态", "结案日期"])
    ws.append([datetime(2025, 9, 1), "张三", "某某科技有限公司", "加班费", 1234.5600000000001,
               "已结案", datetime(2025, 9, 30)])
    wb.save(tmp_path / "台账.xlsx")
    report = sqlite_services.register_import.apply(tmp_path / "台账.xlsx")
    case, _, claims, _ = cases_by_no(sqlite_services)[report.case_nos[0]]
    assert case.received_on == date(2025, 9, 1) and claims[0].amount == Decimal("1234.56")
    assert (case.state, case.status) == ("closed.closed", "closed")


def test_a_mapping_is_remembered_for_the_organisation(sqlite_services: Services,
                                                      tmp_path: Path) -> None:
    rows = [["登记号", "来访日期", "当事人", "对方单位"],
            ["甲-1", "2025-01-05", "张三", "某某科技有限公司"]]
    path = write_csv(tmp_path / "旧.csv", rows)
    with pytest.raises(AppError) as unknown:
        sqlite_services.register_import.preview(path)
    assert "收到日期" in unknown.value.message and "来访日期" in unknown.value.message
    mapping = {"case_no": "登记号", "received_on": "来访日期", "applicants": "当事人",
               "respondents": "对方单位"}
    sqlite_services.register_import.apply(path, mapping)
    stored = json.loads((sqlite_services.ctx.config.data_dir / MAPPING_FILE).read_text("utf-8"))
    assert list(stored.values()) == [mapping]
    rows[1][0] = "甲-2"
    report = sqlite_services.register_import.apply(write_csv(tmp_path / "旧2.csv", rows))
    assert report.case_nos == ("甲-2",)


def test_a_new_case_skips_a_number_taken_by_an_import(sqlite_services: Services,
                                                      tmp_path: Path) -> None:
    taken = sqlite_services.cases.create_case(case_input()).case_no
    following = taken.replace("0001", "0002")
    assert following != taken
    rows = [HEADER[:2] + HEADER[3:4] + HEADER[5:6], [following, "2026-01-05", "张三", "某某有限公司"]]
    sqlite_services.register_import.apply(write_csv(tmp_path / "台账.csv", rows))
    after = sqlite_services.cases.create_case(case_input()).case_no
    assert after not in (taken, following) and after == taken.replace("0001", "0003")


def test_a_generated_number_never_takes_a_later_row_s_own(sqlite_services: Services,
                                                          tmp_path: Path) -> None:
    own = sqlite_services.cases.create_case(case_input()).case_no.replace("0001", "0002")
    rows = [["案号", "收到日期", "申请人", "被申请人"],
            ["", "2026-01-05", "张三", "某某有限公司"],  # would be numbered …0002 …
            [own, "2026-01-06", "李四", "某某有限公司"]]  # … which this row brings along
    report = sqlite_services.register_import.apply(write_csv(tmp_path / "台账.csv", rows))
    assert report.case_nos[1] == own and report.case_nos[0] == own.replace("0002", "0003")


def test_our_register_reads_back_into_another_database(sqlite_services: Services,
                                                       other_sqlite_services: Services,
                                                       tmp_path: Path) -> None:
    sqlite_services.demo.generate(80, seed=5)
    first, last = date(2024, 1, 1), date(2026, 11, 23)
    source = ReportService(sqlite_services.ctx)
    path = source.write_register(first, last, tmp_path / "台账.xlsx")
    report = other_sqlite_services.register_import.apply(path)
    assert not report.refused
    before = source.register_rows(first, last)
    after = ReportService(other_sqlite_services.ctx).register_rows(first, last)

    def kept(rows: list) -> list[tuple]:  # type: ignore[type-arg]
        # The stage of a case beyond mediation and its mediator stay in the old system.
        return [(r.case_no, r.received_on, r.accepted_on, r.applicants, r.respondents,
                 r.occupation, r.platform, r.city, r.claims, r.amount, r.status, r.closed_on)
                for r in rows]

    assert kept(after) == kept(before)


def test_cli_import_register(sqlite_config: AppConfig, tmp_path: Path,
                             capsys: pytest.CaptureFixture[str]) -> None:
    path = write_csv(tmp_path / "台账.csv", bad_rows())
    base = ["--data-dir", str(sqlite_config.data_dir)]
    assert main([*base, "import-register", str(path)]) == 1
    out = capsys.readouterr().out
    assert "不合格：第3行" in out and "未导入任何案件" in out
    assert main([*base, "import-register", str(path), "--accepted-only"]) == 0
    assert "已导入案件 3 件" in capsys.readouterr().out
    assert main([*base, "import-register", str(path), "--map", "颜色=红"]) == 1
    assert "字段=列名" in capsys.readouterr().err


def test_a_register_in_several_batches_is_audited_and_derived_as_by_hand(
        services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Written in batches (three flushes each, deadlines derived from the events in memory),
    the import leaves the same deadlines a recompute from the stored events gives, an audit
    log `check` replays without a difference, and full planner statistics."""
    import app.services.imports.register_service as register_service
    from app.services.workflow import deadline_store

    monkeypatch.setattr(register_service, "BATCH", 2)  # 5 rows (1 without a number): 4 batches
    report = services.register_import.apply(write_csv(tmp_path / "台账.csv", good_rows()))
    assert report.written == 5
    assert services.check.run().problems == []

    def stored(s: object, case_id: int) -> list[tuple]:  # type: ignore[type-arg]
        return sorted((d.rule_id, d.due, d.state, d.completed_on, d.trigger_date)
                      for d in s.exec(select(CaseDeadlineRow)  # type: ignore[attr-defined]
                                      .where(CaseDeadlineRow.case_id == case_id)))

    with services.ctx.session() as s:
        cases = list(s.exec(select(Case)))
        derived = {c.case_no: stored(s, c.id) for c in cases}  # type: ignore[arg-type]
        assert any(derived.values())
        for case in cases:
            deadline_store.recompute(s, case, services.ctx.today())
        s.flush()
        assert {c.case_no: stored(s, c.id) for c in cases} == derived  # type: ignore[arg-type]
        s.rollback()
    if services.ctx.is_sqlite:
        with services.ctx.engine.connect() as conn:
            stat = conn.exec_driver_sql("SELECT stat FROM sqlite_stat1 "
                                        "WHERE idx = 'ix_dispute_case_stats'").scalar()
        assert int(str(stat).split()[0]) == 5
