"""Local figures the calculators need (地方参数): the previous year's local average monthly wage
per city and the province's one-off injury subsidies by grade, each with its source and whether
an administrator verified it. The shipped table only seeds the administrator's."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from app.knowledge.calculators.base import MAX_AMOUNT, CalcError

AVERAGE_WAGE = "average_monthly_wage"   # 本地区上年度职工月平均工资（元/月）
MEDICAL_SUBSIDY = "injury_medical_subsidy"   # 一次性工伤医疗补助金
EMPLOYMENT_SUBSIDY = "injury_employment_subsidy"   # 一次性伤残就业补助金
KINDS = {AVERAGE_WAGE: "上年度职工月平均工资", MEDICAL_SUBSIDY: "一次性工伤医疗补助金",
         EMPLOYMENT_SUBSIDY: "一次性伤残就业补助金"}
YUAN, OWN_WAGE_MONTHS, AVERAGE_MONTHS = "yuan", "months_own_wage", "months_average_wage"
UNITS = {YUAN: "元", OWN_WAGE_MONTHS: "个月本人工资", AVERAGE_MONTHS: "个月上年度职工月平均工资"}
FIELDS = ("city", "kind", "year", "value", "unit", "source", "verified")


@dataclass(frozen=True)
class LocalFigure:
    city: str
    kind: str
    year: int  # the year the figure describes (an average wage) or took effect (a subsidy)
    value: Decimal
    unit: str = YUAN
    grade: int | None = None  # disability grade, for the subsidies
    province: str = ""
    source: str = ""
    verified: bool = False

    def describe(self) -> str:
        grade = f"{self.grade}级" if self.grade else ""
        return (f"{self.city}{self.year}年{grade}{KINDS.get(self.kind, self.kind)}"
                f"{self.value.normalize():f}{UNITS.get(self.unit, self.unit)}")


def city_key(name: str) -> str:
    """绍兴 and 绍兴市 are one city to a clerk."""
    name = name.strip()
    return name[:-1] if name.endswith("市") and len(name) > 2 else name


def check_figure(data: Mapping[str, Any], where: str = "") -> LocalFigure:
    """One entry as typed or read from the shipped file; any flaw is refused in Chinese."""
    missing = [f for f in FIELDS if f not in data]
    if missing:
        raise CalcError(f"{where}缺少：{'、'.join(missing)}")
    city = str(data["city"] or "").strip()
    if not city:
        raise CalcError(f"{where}请填写城市")
    kind = str(data["kind"])
    if kind not in KINDS:
        raise CalcError(f"{where}参数类别“{kind}”不认识，应为：{'、'.join(KINDS.values())}")
    try:
        year = int(str(data["year"]).strip())
    except ValueError:
        raise CalcError(f"{where}年度“{data['year']}”应为四位数年份，如 2025") from None
    if not 1990 <= year <= 2100:
        raise CalcError(f"{where}年度“{year}”应为四位数年份，如 2025")
    try:
        value = Decimal(str(data["value"]).strip().replace(",", ""))
    except InvalidOperation:
        raise CalcError(f"{where}数值“{data['value']}”不是数字") from None
    if not value.is_finite() or value <= 0 or value >= MAX_AMOUNT or \
            value != value.quantize(Decimal("0.01")):
        raise CalcError(f"{where}数值必须大于0，且最多两位小数")
    unit = str(data["unit"])
    if unit not in UNITS or (kind == AVERAGE_WAGE and unit != YUAN):
        raise CalcError(f"{where}单位“{unit}”不适用于{KINDS[kind]}")
    grade = data.get("grade")
    if kind == AVERAGE_WAGE:
        grade = None
    else:
        try:
            grade = int(str(grade))
        except ValueError:
            raise CalcError(f"{where}请填写伤残等级（5至10级）") from None
        if not 5 <= grade <= 10:
            raise CalcError(f"{where}伤残补助金只适用于五至十级（工伤保险条例第三十六、三十七条），"
                            f"填写的是{grade}级")
    if not isinstance(data["verified"], bool):
        raise CalcError(f"{where}verified 应为 true 或 false")
    source = str(data["source"] or "").strip()
    if data["verified"] and not source:
        raise CalcError(f"{where}标记为已核实时，请填写来源（发布机关、文件或公报名称）")
    return LocalFigure(city, kind, year, value, unit, grade, str(data.get("province") or "").strip(),
                       source, data["verified"])


def parse_figures(data: Any) -> list[LocalFigure]:
    if not isinstance(data, Mapping) or not isinstance(data.get("entries"), list):
        raise CalcError("地方参数表格式有误：应为含 entries 列表的对象")
    return [check_figure(e if isinstance(e, Mapping) else {}, f"地方参数表第{i}条：")
            for i, e in enumerate(data["entries"], start=1)]


def average_wage_for(figures: Iterable[LocalFigure], city: str,
                     year: int) -> tuple[LocalFigure | None, bool]:
    """The average wage of `year` for `city`; else the latest earlier one (flag True)."""
    key = city_key(city)
    found = sorted((f for f in figures if f.kind == AVERAGE_WAGE and city_key(f.city) == key
                    and f.year <= year), key=lambda f: f.year)
    if not found:
        return None, False
    return found[-1], found[-1].year != year


def subsidies_for(figures: Iterable[LocalFigure], city: str, grade: int) -> list[LocalFigure]:
    """The latest medical and employment subsidy of `grade` for `city`, where entered."""
    key = city_key(city)
    latest: dict[str, LocalFigure] = {}
    for f in figures:
        if f.kind != AVERAGE_WAGE and city_key(f.city) == key and f.grade == grade and \
                (f.kind not in latest or f.year > latest[f.kind].year):
            latest[f.kind] = f
    return [latest[k] for k in (MEDICAL_SUBSIDY, EMPLOYMENT_SUBSIDY) if k in latest]
