"""经济补偿 (劳动合同法 art 47, art 97 ¶3), 违法解除赔偿金 (art 87) and 代通知金 (art 40).

Service before 2008-01-01 follows the rules then in force (art 97 ¶3): 违反和解除劳动合同的经济
补偿办法 (劳部发〔1994〕481号) art 5 — a part year counts as a whole year, which the ministry's
reply 劳办发〔1997〕98号 extends to arts 6-9 — and no 3× wage cap. That is what is implemented;
the 12-month ceiling of arts 5 and 7 (termination by agreement, incompetence) depends on the
reason for termination and is only warned about.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from app.knowledge.calculators.base import (
    CalcError,
    CalcResult,
    Span,
    a_date,
    amount,
    date_zh,
    fen,
    months_text,
    span,
    yuan,
)
from app.workflow.final_award import MinimumWage

NEW_LAW = date(2008, 1, 1)
ART_47 = "《中华人民共和国劳动合同法》第四十七条"
ART_97 = "《中华人民共和国劳动合同法》第九十七条第三款"
OLD_RULES = "《违反和解除劳动合同的经济补偿办法》（劳部发〔1994〕481号）第五条及劳办发〔1997〕98号复函"
ART_87 = "《中华人民共和国劳动合同法》第八十七条"
ART_25 = "《中华人民共和国劳动合同法实施条例》第二十五条"
ART_40 = "《中华人民共和国劳动合同法》第四十条"
ART_27 = "《中华人民共和国劳动合同法实施条例》第二十七条"
CAP_TIMES = 3
CAP_MONTHS = Decimal(12)
HALF = Decimal("0.5")


@dataclass(frozen=True)
class AverageWage:
    """The previous year's local average monthly wage (本地区上年度职工月平均工资) and where
    it came from; `verified` False puts a warning on every result that uses it."""

    amount: Decimal
    place: str = ""
    year: int | None = None
    source: str = ""
    verified: bool = False

    def label(self) -> str:
        where = f"{self.place}{self.year}年度" if self.place and self.year else (self.place or "")
        return f"{where}职工月平均工资{yuan(self.amount)}"


def _period(start: object, end: object) -> tuple[date, date]:
    first, last = a_date(start, "入职日期"), a_date(end, "离职日期")
    if last < first:
        raise CalcError(f"离职日期（{date_zh(last)}）早于入职日期（{date_zh(first)}），请核对")
    if first.year < 1950:
        raise CalcError(f"入职日期（{date_zh(first)}）过早，请核对")
    return first, last


def new_law_months(length: Span) -> Decimal:
    """Art 47 ¶1: a month per full year; six months or more → one month; less → half."""
    months = Decimal(length.years)
    if length.remainder_months >= 6:
        months += 1
    elif length.remainder_months or length.days:
        months += HALF
    return months


def old_rules_months(length: Span) -> Decimal:
    """劳部发〔1994〕481号 art 5: a part year counts as one year."""
    return Decimal(length.years + (1 if length.remainder_months or length.days else 0))


@dataclass(frozen=True)
class _Parts:
    months: Decimal
    amount: Decimal
    steps: list[str]
    warnings: list[str]
    basis: list[str]


def _compensation(first: date, last: date, wage: Decimal, average: AverageWage | None,
                  pre_2008: bool, *, whole_period_new_law: bool = False) -> _Parts:
    steps: list[str] = [f"工作期间：{date_zh(first)}至{date_zh(last)}（首尾两日均计入）"]
    warnings: list[str] = []
    basis: list[str] = []
    months = total = Decimal(0)
    new_first = first if whole_period_new_law else max(first, NEW_LAW)
    if first < NEW_LAW and not whole_period_new_law:
        old = span(first, min(last, NEW_LAW - timedelta(days=1)))
        if pre_2008:
            old_months = old_rules_months(old)
            months += old_months
            total += old_months * wage
            steps.append(f"2008年1月1日前工作{old.text()}：按当时规定不满一年按一年计，"
                         f"计{months_text(old_months)}，不设三倍封顶："
                         f"{yuan(wage)}×{months_text(old_months)}＝{yuan(old_months * wage)}")
            basis.append(f"2008年1月1日前的工作年限依{ART_97}和{OLD_RULES}计算")
            if old_months > CAP_MONTHS:
                warnings.append("按当时规定，协商解除（第五条）和不能胜任工作解除（第七条）的经济补偿"
                                "最多十二个月；属于这两种情形的，2008年前部分请按十二个月核减")
        else:
            steps.append(f"2008年1月1日前工作{old.text()}：按当时规定本情形无经济补偿，不计")
            basis.append(f"2008年1月1日前按当时规定不支付经济补偿（{ART_97}）")
    if last >= new_first:
        new = span(new_first, last)
        new_months = new_law_months(new)
        base = wage
        label = f"{date_zh(new_first)}起" if first < NEW_LAW else ""
        steps.append(f"{label}工作{new.text()}：满一年计一个月，余下满六个月计一个月、不满六个月计"
                     f"半个月，计{months_text(new_months)}")
        if average is None:
            warnings.append("未提供本地区上年度职工月平均工资，未核对三倍封顶（劳动合同法第四十七条"
                            "第二款）；月工资较高时请补充后重算")
        else:
            cap = average.amount * CAP_TIMES
            steps.append(f"三倍封顶线：{average.label()}×3＝{yuan(cap)}")
            if not average.verified:
                warnings.append(f"{average.label()}未经核实（来源：{average.source or '未注明'}），"
                                "请管理员按当地统计公报核对后标记为已核实")
            if wage > cap:
                base = cap
                if new_months > CAP_MONTHS:
                    steps.append(f"月工资高于三倍封顶线：年限最高十二年，"
                                 f"{months_text(new_months)}减为12个月")
                    new_months = CAP_MONTHS
                steps.append(f"月工资{yuan(wage)}高于封顶线，按{yuan(cap)}计算")
            else:
                steps.append(f"月工资{yuan(wage)}未超过封顶线，按实际月工资计算")
        months += new_months
        total += new_months * base
        steps.append(f"{yuan(base)}×{months_text(new_months)}＝{yuan(new_months * base)}")
    return _Parts(months, fen(total), steps, warnings, basis)


def _wage_note(wage: Decimal) -> str:
    return (f"月工资按解除或终止劳动合同前十二个月的平均工资{yuan(wage)}计算（含奖金、津贴、补贴；"
            "低于当地最低工资标准的按最低工资标准，劳动合同法实施条例第二十七条）")


@dataclass(frozen=True)
class _Floor:
    wage: Decimal  # the monthly wage the calculation uses
    steps: list[str]
    warnings: list[str]
    basis: str  # a clause for the 计算依据 sentence, "" when the floor did not apply


def _minimum_floor(wage: Decimal, minimum: MinimumWage | None) -> _Floor:
    """实施条例 art 27: an average below the local minimum wage is raised to it."""
    if minimum is None:
        return _Floor(wage, [], [], "")
    standard = (f"{minimum.city}月最低工资标准{yuan(minimum.monthly)}"
                f"（{date_zh(minimum.effective_on)}起执行）")
    warnings = [] if minimum.verified else [
        f"{standard}未经核实（来源：{minimum.source or '未注明'}），请管理员核对后标记为已核实"]
    if wage >= minimum.monthly:
        return _Floor(wage, [f"月平均工资不低于{standard}，按实际平均工资计算"], warnings, "")
    floor = minimum.monthly
    return _Floor(floor, [f"月平均工资{yuan(wage)}低于{standard}，依{ART_27}按最低工资标准"
                          f"{yuan(floor)}计算"], warnings,
                  f"申请人前十二个月平均工资{yuan(wage)}低于当地最低工资标准，依{ART_27}"
                  f"按{minimum.city}月最低工资标准{yuan(floor)}计算，")


def economic_compensation(start: object, end: object, monthly_wage: object, *,
                          average_wage: AverageWage | None = None,
                          pre_2008_payable: bool = True,
                          minimum_wage: MinimumWage | None = None) -> CalcResult:
    """经济补偿 for a termination that art 46 pays for. `end` is the last day of employment;
    `monthly_wage` the average of the last twelve months (art 47 ¶3), raised to
    `minimum_wage` (the local standard in force on `end`) when below it (实施条例 art 27)."""
    first, last = _period(start, end)
    wage = amount(monthly_wage, "月平均工资")
    floor = _minimum_floor(wage, minimum_wage)
    parts = _compensation(first, last, floor.wage, average_wage, pre_2008_payable)
    steps = [_wage_note(wage), *floor.steps, *parts.steps, f"经济补偿合计：{yuan(parts.amount)}"]
    basis = (f"依据{ART_47}" + ("、" + "；".join(parts.basis) if parts.basis else "")
             + f"，申请人自{date_zh(first)}至{date_zh(last)}在被申请人处工作，{floor.basis}"
             f"经济补偿按{months_text(parts.months)}工资计算，计{yuan(parts.amount)}。")
    return CalcResult("economic_compensation", "经济补偿", parts.amount, basis,
                      f"请求裁决被申请人支付解除劳动合同经济补偿（{months_text(parts.months)}）",
                      parts.months, tuple(steps), (*floor.warnings, *parts.warnings), first, last)


def illegal_termination(start: object, end: object, monthly_wage: object, *,
                        average_wage: AverageWage | None = None,
                        minimum_wage: MinimumWage | None = None) -> CalcResult:
    """违法解除或终止劳动合同的赔偿金: twice the art 47 compensation (art 87), counted from the
    first day of employment (实施条例 art 25), so the whole period follows art 47 here; the
    wage is raised to the local minimum wage as for 经济补偿 (实施条例 art 27)."""
    first, last = _period(start, end)
    wage = amount(monthly_wage, "月平均工资")
    floor = _minimum_floor(wage, minimum_wage)
    parts = _compensation(first, last, floor.wage, average_wage, True, whole_period_new_law=True)
    total = fen(parts.amount * 2)
    warnings = [*floor.warnings, *parts.warnings]
    if first < NEW_LAW:
        warnings.append("赔偿金年限自用工之日起计算（实施条例第二十五条），2008年前的年限这里按第四十七条"
                        "标准计入；当地裁审口径不同的，请按当地口径核对")
    warnings.append("已支付赔偿金的，不再支付经济补偿（实施条例第二十五条）：两项请勿同时主张")
    steps = [_wage_note(wage), *floor.steps, *parts.steps,
             f"经济补偿标准{yuan(parts.amount)}×2＝{yuan(total)}"]
    basis = (f"依据{ART_87}、{ART_47}及{ART_25}，被申请人违法解除劳动合同，申请人自{date_zh(first)}"
             f"至{date_zh(last)}在被申请人处工作，{floor.basis}应按经济补偿标准（{months_text(parts.months)}工资）"
             f"的二倍支付赔偿金，计{yuan(total)}。")
    return CalcResult("termination_damages", "违法解除劳动合同赔偿金", total, basis,
                      f"请求裁决被申请人支付违法解除劳动合同赔偿金（{months_text(parts.months)}×2）",
                      parts.months * 2, tuple(steps), tuple(warnings), first, last)


def notice_pay(monthly_wage: object) -> CalcResult:
    """代通知金: one month's wage instead of thirty days' written notice (art 40)."""
    wage = amount(monthly_wage, "月工资")
    total = fen(wage)
    steps = (f"额外支付一个月工资：{yuan(wage)}×1＝{yuan(total)}",
             "月工资按劳动者上一个月的工资标准确定（劳动合同法实施条例第二十条）")
    basis = (f"依据{ART_40}，被申请人未提前三十日以书面形式通知申请人即解除劳动合同，"
             f"应额外支付一个月工资{yuan(total)}。")
    return CalcResult("economic_compensation", "代通知金", total, basis,
                      "请求裁决被申请人支付未提前三十日通知解除劳动合同的代通知金（一个月工资）",
                      Decimal(1), steps, ("仅适用于第四十条规定的三种解除情形；违法解除已主张赔偿金的，"
                                         "代通知金是否另行支持各地口径不一",))
