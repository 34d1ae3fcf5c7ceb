"""The MA1 table (人社统MA1号) against counts made in the test from the raw rows, on SQLite and
PostgreSQL: every cell of every row, for months, quarters and years, with the boundaries
(received on 03-31 vs 04-01, carried over, ended before the period); then the XLSX and the
PDF read back."""

from __future__ import annotations

import io
from collections import defaultdict
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from pypdf import PdfReader
from sqlalchemy import text

from app.bootstrap import Services
from app.errors import AppError
from app.services.cases.dto import ClaimInput
from app.services.reports.ma1 import Ma1Service, make_period
from tests.factories import case_input, platform, resident_id, worker

# The recount's own reading of docs/statistics.md (deliberately not imported from the product).
FIRST_CLAIM_COLUMN = {
    "wages": "pay", "overtime_pay": "pay", "minimum_wage_shortfall": "pay", "wage_iou": "pay",
    "deduction_refund": "pay", "social_insurance": "insurance", "working_time_rest": "hours",
    "holiday_pay": "hours", "double_wages": "contract", "economic_compensation": "termination",
    "termination_damages": "termination", "work_injury_medical": "injury",
    "work_injury_benefits": "injury", "occupational_injury": "injury"}
ORG_COLUMN = {"enterprise_committee": "org_enterprise", "town_street_mediation": "org_town",
              "arbitration_commission": "org_arbitration"}
ENDING = {"agreement.signed": 0, "mediation.failed": 1, "arbitration.submitted": 1,
          "court.filed": 1, "case.withdrawn": 2, "case.closed": 3}
OUTCOME = ["success", "failed", "withdrawn", "other_outcome"]
# Column keys in the form's order (栏号 1-24), as docs/statistics.md lists them.
KEYS = ["carried", "accepted", "collective", "workers", "collective_workers", "pay",
        "insurance", "hours", "contract", "termination", "injury", "other_type",
        "org_enterprise", "org_town", "org_public", "org_arbitration", "org_other", "closed",
        "success", "failed", "withdrawn", "other_outcome", "amount", "open_end"]


def day(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def rows(services: Services, sql: str) -> list[tuple[Any, ...]]:
    with services.ctx.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(sql))]


def recount(services: Services, first: date, last: date) -> dict[str, dict[str, Any]]:
    """Every cell per organisation name, and 合计, from the raw tables."""
    orgs = {i: (n, k) for i, n, k in rows(services, "SELECT id, name, kind FROM organisation")}
    events: dict[int, list[tuple[str, date]]] = defaultdict(list)
    for cid, kind, on in rows(services, "SELECT case_id, kind, occurred_on FROM case_event"):
        events[cid].append((kind, day(on)))
    applicants: dict[int, int] = defaultdict(int)
    for (cid,) in rows(services, "SELECT case_id FROM party WHERE role = 'applicant'"):
        applicants[cid] += 1
    claims: dict[int, list[tuple[int, int, str, int]]] = defaultdict(list)
    for cid, seq, cid_, ctype, fen in rows(
            services, "SELECT case_id, seq, id, claim_type, amount FROM claim"):
        claims[cid].append((seq, cid_, ctype, fen or 0))
    table: dict[str, dict[str, Any]] = {}
    fen: dict[str, int] = defaultdict(int)
    for cid, org_id, accepted in rows(services,
                                      "SELECT id, organisation_id, accepted_on FROM dispute_case"):
        if accepted is None:
            continue
        accepted = day(accepted)
        endings = [(on, ENDING[k]) for k, on in events[cid] if k in ENDING and on >= accepted]
        ended = min(endings)[0] if endings else None
        if accepted > last or (ended is not None and ended < first):
            continue
        name, kind = orgs[org_id]
        cells = table.setdefault(name, dict.fromkeys(KEYS, 0))
        if accepted < first:
            cells["carried"] += 1
        else:
            cells["accepted"] += 1
            n = applicants[cid]
            cells["workers"] += n
            if n >= 10:
                cells["collective"] += 1
                cells["collective_workers"] += n
            main = min(claims[cid])[2] if claims[cid] else None
            cells[FIRST_CLAIM_COLUMN.get(main or "", "other_type")] += 1
            cells[ORG_COLUMN.get(kind, "org_other")] += 1
        if ended is not None and ended <= last:
            cells["closed"] += 1
            cells[OUTCOME[min(p for on, p in endings if on == ended)]] += 1
            fen[name] += sum(c[3] for c in claims[cid])
        else:
            cells["open_end"] += 1
    total = dict.fromkeys(KEYS, 0)
    for cells in table.values():
        for key in KEYS:
            if key != "amount":
                total[key] += cells[key]
    for name in table:
        table[name]["amount"] = wan(fen[name])
    total["amount"] = wan(sum(fen.values()))
    table["合计"] = total
    return table


def wan(fen: int) -> Decimal:
    return (Decimal(fen) / 1000000).quantize(Decimal("0.01"), ROUND_HALF_UP)


def people(n: int, start: int = 0) -> list[Any]:
    return [worker(f"骑手{start + i}", resident_id(f"33060219900307{start + i:03d}"),
                   birth_date=None, sex="") for i in range(n)]


@pytest.fixture
def offices(services: Services) -> tuple[Services, int, int]:
    s = services
    enterprise = s.organisations.create("绍兴迅达企业劳动争议调解委员会", "enterprise_committee")
    town = s.organisations.create("越城区北海街道劳动争议调解中心", "town_street_mediation")

    def case(org: int, received: date, steps: list[tuple[str, date]], **extra: Any) -> str:
        no = s.cases.create_case(case_input(received_on=received, organisation_id=org,
                                            **extra)).case_no
        for event, on in steps:
            s.workflow.advance(no, event, on)
        return no

    # Carried into 2026 and still open at the end of every period of 2026.
    case(enterprise, date(2025, 12, 20), [("mediation.accept", date(2025, 12, 22))])
    # Carried into Q1 and closed in January with an agreement.
    case(enterprise, date(2025, 12, 28), [("mediation.accept", date(2025, 12, 29)),
                                          ("agreement.sign", date(2026, 1, 10))])
    # Ended in 2025: in no period of 2026.
    case(enterprise, date(2025, 6, 1), [("mediation.accept", date(2025, 6, 2)),
                                        ("agreement.sign", date(2025, 7, 1))])
    # Accepted on 03-31 (Q1), mediation failed on 04-02 (Q2).
    case(town, date(2026, 3, 30), [("mediation.accept", date(2026, 3, 31)),
                                   ("mediation.session", date(2026, 4, 1)),
                                   ("mediation.fail", date(2026, 4, 2))],
         claims=[ClaimInput("social_insurance", "补缴社会保险", "3000"),
                 ClaimInput("wages", "支付工资", "12000.50")])
    # Received on 03-31 but accepted on 04-01 (Q2), withdrawn on 04-05.
    case(town, date(2026, 3, 31), [("mediation.accept", date(2026, 4, 1)),
                                   ("case.withdraw", date(2026, 4, 5))],
         claims=[ClaimInput("economic_compensation", "经济补偿", "8000")])
    # A collective dispute of ten couriers (art 7), and one of nine that is not.
    case(town, date(2026, 2, 9), [("mediation.accept", date(2026, 2, 10))],
         parties=[*people(10), platform()], collective=True,
         claims=[ClaimInput("overtime_pay", "加班费", "55555.55")])
    case(enterprise, date(2026, 1, 4), [("mediation.accept", date(2026, 1, 5)),
                                        ("agreement.sign", date(2026, 3, 31))],
         parties=[*people(9, 20), platform()], collective=True,
         claims=[ClaimInput("work_injury_benefits", "一次性伤残补助金", "90000")])
    # Refused, never accepted: counted nowhere.
    case(enterprise, date(2026, 2, 1), [("mediation.refuse", date(2026, 2, 2))])
    # Accepted in Q4 with a double-wage claim, open.
    case(enterprise, date(2026, 10, 8), [("mediation.accept", date(2026, 10, 9))],
         claims=[ClaimInput("double_wages", "二倍工资差额", "6000")])
    # An application for arbitration without a recorded failure ends the mediation as failed.
    case(enterprise, date(2026, 5, 4), [("mediation.accept", date(2026, 5, 6)),
                                        ("arbitration.apply_after_15_days", date(2026, 5, 25))],
         claims=[ClaimInput("working_time_rest", "安排休息", None)])
    return s, enterprise, town


PERIODS = [(2026, None, None), (2026, 1, None), (2026, 2, None), (2026, 4, None),
           (2026, None, 3), (2026, None, 4), (2025, None, None), (2026, None, 12)]


@pytest.mark.parametrize(("year", "quarter", "month"), PERIODS)
def test_every_cell_matches_the_raw_rows(offices: tuple[Services, int, int], year: int,
                                         quarter: int | None, month: int | None) -> None:
    s = offices[0]
    period = make_period(year, quarter, month)
    table = Ma1Service(s.ctx).compute(period)
    expected = recount(s, *period.bounds)
    assert {r.unit for r in table.rows} == set(expected)
    assert table.rows[-1].unit == "合计"
    for row in table.rows:
        assert row.values == expected[row.unit], row.unit
    total = table.total
    # The form's own identity: carried + accepted - closed = open at the end.
    assert total["carried"] + total["accepted"] - total["closed"] == total["open_end"]
    assert total["closed"] == sum(total[k] for k in OUTCOME)


def test_quarter_boundaries_by_hand(offices: tuple[Services, int, int]) -> None:
    """The same figures written out by hand, so the recount itself is checked too."""
    s = offices[0]
    q1 = Ma1Service(s.ctx).compute(make_period(2026, 1)).total
    q2 = Ma1Service(s.ctx).compute(make_period(2026, 2)).total
    assert (q1["carried"], q1["accepted"], q1["closed"], q1["open_end"]) == (2, 3, 2, 3)
    assert (q1["collective"], q1["collective_workers"], q1["workers"]) == (1, 10, 20)
    assert (q1["insurance"], q1["pay"], q1["injury"]) == (1, 1, 1)
    assert (q1["org_enterprise"], q1["org_town"]) == (1, 2)
    # 90,000 + the default claims 12,345.67 + 500 = 102,845.67 yuan
    assert (q1["success"], q1["amount"]) == (2, Decimal("10.28"))
    assert (q2["carried"], q2["accepted"], q2["closed"], q2["open_end"]) == (3, 2, 3, 2)
    assert (q2["failed"], q2["withdrawn"], q2["termination"], q2["hours"]) == (2, 1, 1, 1)
    one_org = Ma1Service(s.ctx).compute(make_period(2026, 1), offices[2])
    assert [r.unit for r in one_org.rows] == ["越城区北海街道劳动争议调解中心", "合计"]
    assert one_org.total["accepted"] == 2 and one_org.unit == "越城区北海街道劳动争议调解中心"


def test_bad_periods_are_refused_in_chinese() -> None:
    for args, words in [((2026, 1, 3), "只填一个"), ((2026, 5, None), "季度"),
                        ((2026, None, 13), "月份"), ((26, None, None), "年份")]:
        with pytest.raises(AppError, match=words):
            make_period(*args)


def test_xlsx_and_pdf_carry_the_figures(offices: tuple[Services, int, int],
                                        tmp_path: Path) -> None:
    s = offices[0]
    period = make_period(2026, 2)
    expected = recount(s, *period.bounds)
    path, _ = Ma1Service(s.ctx).write(period, tmp_path / "ma1.xlsx")
    ws = openpyxl.load_workbook(path).active
    values = [[c.value for c in r] for r in ws.iter_rows()]
    flat = [str(v) for r in values for v in r if v is not None]
    assert "劳动人事争议调解情况" in flat and "表　　号：人社统MA1号" in flat
    assert any("报告期：2026年第2季度" in t and "填报单位：全部组织" in t for t in flat)
    assert any("单位负责人" in t and "填表人" in t and "报出日期" in t for t in flat)
    numbers = next(i for i, r in enumerate(values) if r[0] == "甲")
    assert values[numbers][1:] == [str(n) for n in range(1, 25)]
    merged = {str(m) for m in ws.merged_cells.ranges}
    header = numbers - 3  # three label rows above the 栏号 row
    assert f"C{header + 1}:R{header + 1}" in merged  # 当期受理案件情况 over columns 2-17
    assert ws.cell(header + 1, 3).value == "当期受理案件情况"
    assert f"G{header + 2}:M{header + 2}" in merged  # 按主要争议事项分 over 6-12
    assert f"B{header + 1}:B{header + 3}" in merged  # 上期未结案件数 reaches the 栏号 row
    body = {r[0]: r[1:] for r in values[numbers + 1:] if r[0] in expected}
    assert set(body) == set(expected)
    for unit, cells in expected.items():
        got = body[unit]
        for i, key in enumerate(KEYS):
            want = float(cells[key]) if key == "amount" else cells[key]
            assert got[i] == want, (unit, key)
    pdf_path, _ = Ma1Service(s.ctx).write(period, tmp_path / "ma1.pdf")
    reader = PdfReader(io.BytesIO(pdf_path.read_bytes()))
    assert len(reader.pages) == 1
    page = reader.pages[0]
    assert float(page.mediabox.width) > float(page.mediabox.height)  # A4 landscape
    words = page.extract_text().split()
    joined = "".join(words)
    for label in ("劳动人事争议调解情况", "人社统MA1号", "2026年第2季度", "上期未结案件数",
                  "企业劳动争议调解委员会", "期末未结案件数", "单位负责人", "报出日期"):
        assert label in joined, label
    at = words.index("合计")
    cells = expected["合计"]
    want = [f"{cells[k]:.2f}" if k == "amount" else str(cells[k]) for k in KEYS]
    assert words[at + 1:at + 1 + len(KEYS)] == want


def test_cli_writes_the_table(offices: tuple[Services, int, int], tmp_path: Path,
                              capsys: pytest.CaptureFixture[str]) -> None:
    from app.cli.main import main

    s = offices[0]
    args = ["--data-dir", str(s.ctx.config.data_dir)]
    if not s.ctx.is_sqlite:
        args += ["--database-url", s.ctx.config.url]
    out = tmp_path / "q1.xlsx"
    assert main([*args, "report", "ma1", "--year", "2026", "--quarter", "1", "--out", str(out)]) == 0
    assert "受理 3 件，结案 2 件，期末未结 3 件" in capsys.readouterr().out
    assert openpyxl.load_workbook(out).active["A2"].value == "劳动人事争议调解情况"
    assert main([*args, "report", "ma1", "--year", "2026", "--quarter", "1", "--month", "2"]) != 0
    assert "只填一个" in capsys.readouterr().err
