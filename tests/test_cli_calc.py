"""calc …: the same amounts as the functions, JSON with amount/months/basis/warnings, and one
Chinese line for bad input."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from app.cli.main import main
from app.knowledge.calculators.compensation import AverageWage, economic_compensation
from app.knowledge.calculators.double_wages import double_wages
from app.knowledge.calculators.injury import disability_benefit
from app.knowledge.calculators.pay import annual_leave_pay, overtime_pay


def run(capsys: pytest.CaptureFixture[str], data: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(data), "calc", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_compensation_json_matches_the_function(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    # 2019-03-01 … 2026-08-31: 7 years 6 months → 8 months; 3 × 5,000 = 15,000 < 16,000 → capped
    # wage 15,000 × 8 = 120,000.
    code, out, err = run(capsys, tmp_path, "compensation", "--start", "2019-03-01", "--end",
                         "2026-08-31", "--monthly-wage", "16000", "--average-wage", "5000",
                         "--json")
    data = json.loads(out)
    assert code == 0 and err == ""
    assert (data["amount"], data["months"]) == ("120000.00", "8")
    assert "第四十七条" in data["basis"] and isinstance(data["warnings"], list)
    same = economic_compensation("2019-03-01", "2026-08-31", "16000",
                                 average_wage=AverageWage(Decimal(5000), verified=True))
    assert (same.amount, same.months) == (Decimal(data["amount"]), Decimal(data["months"]))


@pytest.mark.parametrize(("args", "expected"), [
    (("double-wages", "--start", "2025-01-01", "--end", "2026-03-31", "--signed-on",
      "2025-06-16", "--monthly-wage", "6000"),
     double_wages("2025-01-01", "2026-03-31", "6000", signed_on="2025-06-16").amount),
    (("overtime", "--monthly-wage", "6525", "--weekday-hours", "10", "--restday-hours", "8",
      "--holiday-hours", "8"),
     overtime_pay("6525", weekday_hours="10", restday_hours="8", holiday_hours="8").amount),
    (("annual-leave", "--monthly-wage", "6000", "--days", "5", "--years", "3"),
     annual_leave_pay("6000", "5", years="3").amount),
    (("injury", "--grade", "7", "--monthly-wage", "5000"), disability_benefit(7, "5000").amount),
    (("notice-pay", "--monthly-wage", "7000"), Decimal("7000.00")),
    (("illegal-termination", "--start", "2024-05-01", "--end", "2025-11-30", "--monthly-wage",
      "3333.33"), Decimal("13333.32")),
])
def test_cli_and_functions_agree(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                 args: tuple[str, ...], expected: Decimal) -> None:
    code, out, _ = run(capsys, tmp_path, *args, "--json")
    assert code == 0 and json.loads(out)["amount"] == format(expected, "f")


def test_text_output_shows_basis_and_steps(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, tmp_path, "injury", "--grade", "10", "--monthly-wage", "4000")
    assert code == 0
    assert out.splitlines()[0] == "工伤保险待遇：28000.00元（7个月）"
    assert "计算依据：依据《工伤保险条例》第三十七条" in out


@pytest.mark.parametrize(("args", "message"), [
    (("compensation", "--start", "2026-05-01", "--end", "2026-04-30", "--monthly-wage", "5000"),
     "离职日期（2026年4月30日）早于入职日期"),
    (("notice-pay", "--monthly-wage", "-5000"), "月工资必须大于0"),
    (("injury", "--grade", "11", "--monthly-wage", "5000"), "伤残等级应为一至十级"),
    (("compensation", "--start", "2020-01-01", "--end", "2026-04-30", "--monthly-wage", "5000",
      "--city", "不存在市"), "没有“不存在市”的上年度职工月平均工资"),
    (("double-wages", "--start", "2025-13-01", "--end", "2026-04-30", "--monthly-wage", "5000"),
     "应写作 2026-03-15"),
])
def test_bad_input_is_one_chinese_line(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                       args: tuple[str, ...], message: str) -> None:
    code, out, err = run(capsys, tmp_path, *args)
    assert code == 1 and out == ""
    assert len(err.strip().splitlines()) == 1 and message in err and "Traceback" not in err


def test_a_calculation_needs_no_sign_in_once_accounts_exist(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A legal-aid worker computes an amount at the counter; it writes nothing, so no password."""
    monkeypatch.setenv("MEDIATION_DESK_PASSWORD", "secret-pass-1")
    assert main(["--data-dir", str(tmp_path), "user", "add", "boss", "--role",
                 "administrator"]) == 0
    monkeypatch.delenv("MEDIATION_DESK_PASSWORD")
    capsys.readouterr()
    code, out, err = run(capsys, tmp_path, "notice-pay", "--monthly-wage", "6000", "--json")
    assert code == 0 and err == "" and json.loads(out)["amount"] == "6000.00"


def test_compensation_uses_the_city_minimum_wage_as_floor(tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    # The shipped (unverified) 绍兴市 standard of 2021-08-01 is 2,280 a month. 2025 worked
    # in full → 1 month; the average 2,000 is below it: 2,280.00, said in the basis.
    code, out, err = run(capsys, tmp_path, "compensation", "--start", "2025-01-01", "--end",
                         "2025-12-31", "--monthly-wage", "2000", "--average-wage", "9000",
                         "--city", "绍兴市", "--json")
    data = json.loads(out)
    assert code == 0 and err == ""
    assert data["amount"] == "2280.00"
    assert "第二十七条" in data["basis"] and "最低工资标准" in data["basis"]
    assert any("未经核实" in w for w in data["warnings"])
