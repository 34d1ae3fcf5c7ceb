"""The layout of the MA1 table (劳动人事争议调解情况, 人社统MA1号): its columns, their numbers
(栏号), their header groups, and how the product's stored values map onto them.

Sources (docs/statistics.md says which part of each is verified): the indicator explanations
of 人社统MA1号表 (当期受理案件总数, 工作时间及休假, 订立劳动合同, the four kinds of mediation
organisation numbered 13-16 and 其他, 调解结案数, 涉案金额) and the published yearbook table
of labour disputes (上期未结案件数, #集体劳动争议, 劳动者当事人数, 争议原因).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from app.errors import AppError
from app.models.enums import ClaimType, OrgKind

FORM_NUMBER = "人社统MA1号"
FORM_TITLE = "劳动人事争议调解情况"
COLLECTIVE_WORKERS = 10  # 调解仲裁法 art 7: 劳动者一方在十人以上并有共同请求


@dataclass(frozen=True)
class Leaf:
    number: int  # 栏号
    key: str
    label: str
    kind: str = "int"  # int | money (万元, two decimals)


@dataclass(frozen=True)
class Group:
    label: str
    children: tuple[Leaf | Group, ...]


DISPUTE_TYPES = ("pay", "insurance", "hours", "contract", "termination", "injury", "other_type")
ORG_KINDS = ("org_enterprise", "org_town", "org_public", "org_arbitration", "org_other")
OUTCOMES = ("success", "failed", "withdrawn", "other_outcome")

LAYOUT: tuple[Leaf | Group, ...] = (
    Leaf(1, "carried", "上期未结案件数"),
    Group("当期受理案件情况", (
        Leaf(2, "accepted", "当期受理案件总数"),
        Leaf(3, "collective", "其中：集体劳动争议（10人及以上）"),
        Leaf(4, "workers", "涉及劳动者人数（人）"),
        Leaf(5, "collective_workers", "其中：集体劳动争议劳动者人数（人）"),
        Group("按主要争议事项分", (
            Leaf(6, "pay", "劳动报酬"), Leaf(7, "insurance", "社会保险"),
            Leaf(8, "hours", "工作时间及休假"), Leaf(9, "contract", "订立劳动合同"),
            Leaf(10, "termination", "解除、终止劳动合同"), Leaf(11, "injury", "工伤（职业伤害）"),
            Leaf(12, "other_type", "其他"))),
        Group("按调解组织分", (
            Leaf(13, "org_enterprise", "企业劳动争议调解委员会"),
            Leaf(14, "org_town", "乡镇（街道）劳动争议调解组织"),
            Leaf(15, "org_public", "机关、事业单位人事争议调解组织"),
            Leaf(16, "org_arbitration", "仲裁机构（案外调解）"),
            Leaf(17, "org_other", "其他"))))),
    Group("当期调解结案情况", (
        Leaf(18, "closed", "调解结案数"),
        Group("按结案方式分", (
            Leaf(19, "success", "达成调解协议"), Leaf(20, "failed", "未达成调解协议"),
            Leaf(21, "withdrawn", "当事人撤回申请"), Leaf(22, "other_outcome", "其他"))),
        Leaf(23, "amount", "涉案金额（万元）", "money"))),
    Leaf(24, "open_end", "期末未结案件数"),
)


def leaves(nodes: tuple[Leaf | Group, ...] = LAYOUT) -> list[Leaf]:
    out: list[Leaf] = []
    for node in nodes:
        out += [node] if isinstance(node, Leaf) else leaves(node.children)
    return out


# The main dispute item (主要争议事项) of a case is the type of its first claim.
CLAIM_TYPE_COLUMN: dict[str, str] = {
    ClaimType.WAGES: "pay", ClaimType.OVERTIME_PAY: "pay",
    ClaimType.MINIMUM_WAGE_SHORTFALL: "pay", ClaimType.WAGE_IOU: "pay",
    ClaimType.DEDUCTION_REFUND: "pay",
    ClaimType.SOCIAL_INSURANCE: "insurance",
    ClaimType.WORKING_TIME_REST: "hours", ClaimType.HOLIDAY_PAY: "hours",
    ClaimType.DOUBLE_WAGES: "contract",
    ClaimType.ECONOMIC_COMPENSATION: "termination", ClaimType.TERMINATION_DAMAGES: "termination",
    ClaimType.WORK_INJURY_MEDICAL: "injury", ClaimType.WORK_INJURY_BENEFITS: "injury",
    ClaimType.OCCUPATIONAL_INJURY: "injury",
}

ORG_KIND_COLUMN: dict[str, str] = {
    OrgKind.ENTERPRISE_COMMITTEE: "org_enterprise",
    OrgKind.TOWN_STREET_MEDIATION: "org_town",
    OrgKind.ARBITRATION_COMMISSION: "org_arbitration",
}

# Timeline kinds that end a mediation, with the outcome column they count under. A mediation
# ends on the earliest of them on or after its acceptance; several on that day: the first
# outcome in OUTCOMES wins. Applying for arbitration or suing without a recorded failure is
# a mediation that reached no agreement (调解仲裁法 art 14 ¶3).
END_KINDS: dict[str, str] = {
    "agreement.signed": "success",
    "mediation.failed": "failed", "arbitration.submitted": "failed", "court.filed": "failed",
    "case.withdrawn": "withdrawn",
    "case.closed": "other_outcome",
}


def type_column(claim_type: str | None) -> str:
    return CLAIM_TYPE_COLUMN.get(claim_type or "", "other_type")


def org_column(kind: str) -> str:
    return ORG_KIND_COLUMN.get(kind, "org_other")


# --- the period and the filled table -------------------------------------------------------

@dataclass(frozen=True)
class Period:
    year: int
    quarter: int | None = None
    month: int | None = None

    @property
    def bounds(self) -> tuple[date, date]:
        if self.month is not None:
            first_month, last_month = self.month, self.month
        elif self.quarter is not None:
            first_month, last_month = 3 * self.quarter - 2, 3 * self.quarter
        else:
            first_month, last_month = 1, 12
        last_day = calendar.monthrange(self.year, last_month)[1]
        return date(self.year, first_month, 1), date(self.year, last_month, last_day)

    @property
    def label(self) -> str:
        """报告期 as the form writes it: 2026年第1季度, 2026年3月, 2026年."""
        if self.month is not None:
            return f"{self.year}年{self.month}月"
        if self.quarter is not None:
            return f"{self.year}年第{self.quarter}季度"
        return f"{self.year}年"

    @property
    def slug(self) -> str:
        if self.month is not None:
            return f"{self.year}-{self.month:02d}"
        if self.quarter is not None:
            return f"{self.year}-Q{self.quarter}"
        return str(self.year)


def make_period(year: int, quarter: int | None = None, month: int | None = None) -> Period:
    """A report period; anything else is refused with a Chinese message."""
    if quarter is not None and month is not None:
        raise AppError("报告期只能是一年、一个季度或一个月：--quarter 与 --month 请只填一个")
    if not 2000 <= year <= 2100:
        raise AppError(f"年份“{year}”无效：请填写 2000 至 2100 之间的四位年份")
    if quarter is not None and not 1 <= quarter <= 4:
        raise AppError(f"季度“{quarter}”无效：季度应为 1 至 4")
    if month is not None and not 1 <= month <= 12:
        raise AppError(f"月份“{month}”无效：月份应为 1 至 12")
    return Period(year, quarter, month)


@dataclass
class Ma1Row:
    unit: str  # 填报单位 (an organisation) or 合计
    values: dict[str, Any] = field(default_factory=dict)

    def __getitem__(self, key: str) -> Any:
        return self.values[key]


@dataclass
class Ma1Table:
    period: Period
    unit: str  # the 填报单位 line: one organisation's name or 全部组织
    rows: list[Ma1Row]  # one per organisation with figures, then 合计
    made_on: date

    @property
    def total(self) -> Ma1Row:
        return self.rows[-1]
