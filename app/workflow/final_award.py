"""Final awards (一裁终局, 调解仲裁法 art 47) and the local minimum wages they depend on."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from pathlib import Path
from typing import Any

from app.workflow.calendar import date_zh
from app.workflow.errors import BadWageTable
from app.workflow.routing import LegalCategory, legal_category

BASIS = ("《劳动争议调解仲裁法》第四十七条；《劳动人事争议仲裁办案规则》第五十条；"
         "《最高人民法院关于审理劳动争议案件适用法律问题的解释（一）》第十九条、第二十条")
AMOUNT_CATEGORIES = frozenset({LegalCategory.LABOUR_PAY, LegalCategory.WORK_INJURY_MEDICAL,
                               LegalCategory.COMPENSATION})
MONTHS = 12
WAGE_FIELDS = ("province", "city", "monthly", "hourly", "effective_on", "source", "verified")


@dataclass(frozen=True)
class MinimumWage:
    """One local minimum-wage standard (月/小时最低工资标准), as the administrator keeps it."""

    province: str
    city: str
    monthly: Decimal
    hourly: Decimal
    effective_on: date
    source: str
    verified: bool


def _city_key(name: str) -> str:
    # "绍兴" and "绍兴市" are the same city to a clerk.
    name = name.strip()
    return name[:-1] if name.endswith("市") and len(name) > 2 else name


def _amount(value: Any, where: str, name: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise BadWageTable(f"{where}的{name}应为金额（如 \"2280.00\"），收到的是“{value}”")
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        raise BadWageTable(f"{where}的{name}“{value}”不是有效金额") from None
    if not amount.is_finite() or amount <= 0:
        raise BadWageTable(f"{where}的{name}必须大于0")
    return amount


def parse_minimum_wages(data: Any) -> list[MinimumWage]:
    """Check and convert the table ({"entries": [...]}); any flaw is refused with its place."""
    if not isinstance(data, Mapping) or not isinstance(data.get("entries"), list):
        raise BadWageTable("最低工资表格式有误：应为含 entries 列表的对象")
    wages: list[MinimumWage] = []
    seen: set[tuple[str, date]] = set()
    for i, entry in enumerate(data["entries"], start=1):
        where = f"最低工资表第{i}条"
        if not isinstance(entry, Mapping):
            raise BadWageTable(f"{where}应为对象")
        missing = [f for f in WAGE_FIELDS if f not in entry]
        if missing:
            raise BadWageTable(f"{where}缺少字段：{'、'.join(missing)}")
        for name in ("province", "city", "source"):
            if not isinstance(entry[name], str) or not entry[name].strip():
                raise BadWageTable(f"{where}的{name}应为非空文字")
        if not isinstance(entry["verified"], bool):
            # "false" as a string would read as true: refuse rather than guess.
            raise BadWageTable(f"{where}的 verified 应为 true 或 false")
        try:
            effective = date.fromisoformat(str(entry["effective_on"]))
        except ValueError:
            raise BadWageTable(f"{where}的生效日期“{entry['effective_on']}”应为 YYYY-MM-DD") from None
        monthly = _amount(entry["monthly"], where, "月最低工资")
        hourly = _amount(entry["hourly"], where, "小时最低工资")
        if hourly >= monthly:
            raise BadWageTable(f"{where}的小时最低工资不应高于月最低工资，请检查是否填反")
        key = (_city_key(entry["city"]), effective)
        if key in seen:
            raise BadWageTable(f"{where}与前面的条目重复（同一城市、同一生效日期）")
        seen.add(key)
        wages.append(MinimumWage(entry["province"].strip(), entry["city"].strip(), monthly, hourly,
                                 effective, entry["source"].strip(), entry["verified"]))
    return wages


def load_minimum_wages(path: Path) -> list[MinimumWage]:
    """Read a JSON table such as resources/minimum_wages.json."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise BadWageTable(f"最低工资表 {path} 无法读取：{exc.strerror or exc}") from exc
    except ValueError as exc:
        raise BadWageTable(f"最低工资表 {path} 不是有效的 JSON：{exc}") from exc
    return parse_minimum_wages(data)


def wage_in_force(wages: Iterable[MinimumWage], city: str, on: date) -> MinimumWage | None:
    """The latest standard for `city` that took effect on or before `on`."""
    key = _city_key(city)
    candidates = [w for w in wages if _city_key(w.city) == key and w.effective_on <= on]
    return max(candidates, key=lambda w: w.effective_on) if candidates else None


class AwardKind(StrEnum):
    FINAL = "final"
    NON_FINAL = "nonfinal"
    MIXED = "mixed"


@dataclass(frozen=True)
class ClaimItem:
    claim_type: str
    amount: Decimal | None = None


@dataclass(frozen=True)
class ItemVerdict:
    claim_type: str
    amount: Decimal | None
    final: bool
    reason: str


@dataclass(frozen=True)
class FinalAwardTest:
    kind: AwardKind
    limit: Decimal | None
    items: tuple[ItemVerdict, ...]
    warnings: tuple[str, ...]
    basis: str = BASIS

    @property
    def separate_documents(self) -> bool:
        """办案规则 art 50: final and non-final items go into separate award documents."""
        return self.kind == AwardKind.MIXED


def _verdict(claim_type: str, amount: Decimal | None, limit: Decimal | None) -> ItemVerdict:
    category = legal_category(claim_type)
    if category == LegalCategory.LABOUR_STANDARDS:
        return ItemVerdict(claim_type, amount, True, "因执行国家的劳动标准在工作时间、休息休假、"
                                                     "社会保险等方面发生的争议，第四十七条第（二）项")
    if category not in AMOUNT_CATEGORIES:
        return ItemVerdict(claim_type, amount, False, "不属第四十七条规定的终局裁决事项")
    if limit is None or amount is None:
        return ItemVerdict(claim_type, amount, False, "缺少金额或者当地最低工资标准，按非终局处理")
    if amount <= limit:
        return ItemVerdict(claim_type, amount, True, f"单项金额{amount}元不超过当地月最低工资"
                                                     f"标准12个月金额（{limit}元），第四十七条第（一）项")
    return ItemVerdict(claim_type, amount, False,
                       f"单项金额{amount}元超过当地月最低工资标准12个月金额（{limit}元）")


def classify_award(claims: Sequence[ClaimItem | tuple[str, Decimal | None]],
                   wage: MinimumWage | None) -> FinalAwardTest:
    """Each item on its own (办案规则 art 50: 单项裁决数额); the award is final, non-final or
    mixed. Pass the amounts awarded (or, for a forecast, the amounts claimed)."""
    warnings: list[str] = []
    limit = wage.monthly * MONTHS if wage else None
    if wage is None:
        warnings.append("没有当地的最低工资标准，无法判断金额类请求是否一裁终局；"
                        "请在“设置—最低工资”中录入")
    elif not wage.verified:
        warnings.append(f"所用最低工资标准（{wage.city} {wage.monthly}元/月，"
                        f"{date_zh(wage.effective_on)}起）未经核实：{wage.source}")
    items = tuple(_verdict(*(c if isinstance(c, tuple) else (c.claim_type, c.amount)), limit)
                  for c in claims)
    finals = sum(1 for i in items if i.final)
    if items and finals == len(items):
        kind = AwardKind.FINAL
    elif finals:
        kind = AwardKind.MIXED
        warnings.append("部分事项终局、部分非终局：应分别制作裁决书，并分别告知当事人救济途径"
                        "（《劳动人事争议仲裁办案规则》第五十条；《解释（一）》第十九条、第二十条）")
    else:
        kind = AwardKind.NON_FINAL
    return FinalAwardTest(kind, limit, items, tuple(warnings))
