"""Local minimum wages (最低工资标准) as the administrator keeps them.

The shipped table (resources/minimum_wages.json) is unverified, so it only seeds the database
table the first time it is read; from then on the administrator's rows are the truth: edit a
figure, paste the bureau's notice as the source and mark it verified.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from sqlmodel import col, select

from app.errors import AppError, FieldError, NotFound, ValidationFailed
from app.models import MinimumWage as WageRow
from app.resources import RESOURCES_DIR
from app.services.context import ServiceContext
from app.services.security.accounts import Permission, can
from app.workflow.errors import BadWageTable
from app.workflow.final_award import MinimumWage, load_minimum_wages, wage_in_force

SHIPPED = RESOURCES_DIR / "minimum_wages.json"


@dataclass(frozen=True)
class WageInput:
    province: str
    city: str
    monthly: str
    hourly: str
    effective_on: str
    source: str = ""
    verified: bool = False


def _amount(text: str, field: str, caption: str, problems: list[FieldError]) -> Decimal | None:
    try:
        value = Decimal(str(text).strip().replace(",", ""))
    except InvalidOperation:
        problems.append(FieldError(field, f"{caption}“{text}”不是金额，请填写如 2280.00"))
        return None
    if not value.is_finite() or value <= 0 or value != value.quantize(Decimal("0.01")):
        problems.append(FieldError(field, f"{caption}必须大于0，且最多两位小数"))
        return None
    return value


def check_wage(data: WageInput) -> tuple[MinimumWage, list[FieldError]]:
    problems: list[FieldError] = []
    if not data.city.strip():
        problems.append(FieldError("city", "请填写城市"))
    monthly = _amount(data.monthly, "monthly", "月最低工资", problems)
    hourly = _amount(data.hourly, "hourly", "小时最低工资", problems)
    if monthly is not None and hourly is not None and hourly >= monthly:
        problems.append(FieldError("hourly", "小时最低工资应低于月最低工资，请检查是否填反"))
    try:
        effective = date.fromisoformat(data.effective_on.strip())
    except ValueError:
        problems.append(FieldError("effective_on", f"生效日期“{data.effective_on}”应写作 2026-01-01"))
        effective = date.min
    if data.verified and not data.source.strip():
        problems.append(FieldError("source", "标记为已核实时，请填写来源（发文机关和文号）"))
    wage = MinimumWage(data.province.strip(), data.city.strip(), monthly or Decimal(0),
                       hourly or Decimal(0), effective, data.source.strip(), data.verified)
    return wage, problems


class WageService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def standards(self) -> list[tuple[int, MinimumWage]]:
        """Every standard with its row id, seeding the table from the shipped file once."""
        with self.ctx.session() as s:
            rows = s.exec(select(WageRow).order_by(col(WageRow.city),
                                                   col(WageRow.effective_on))).all()
        if not rows and (self.ctx.role is None or can(self.ctx.role, Permission.ADMIN)):
            self._seed()
            with self.ctx.session() as s:
                rows = s.exec(select(WageRow).order_by(col(WageRow.city),
                                                       col(WageRow.effective_on))).all()
        if not rows:  # a user who may not write sees the shipped table itself
            try:
                return [(0, w) for w in load_minimum_wages(SHIPPED)]
            except BadWageTable as exc:
                raise AppError(exc.message, code="bad_wage_table") from exc
        return [(r.id or 0, MinimumWage(r.province, r.city, r.monthly, r.hourly, r.effective_on,
                                        r.source, r.verified)) for r in rows]

    def in_force(self, city: str, on: date) -> MinimumWage | None:
        return wage_in_force([w for _, w in self.standards()], city, on)

    def _seed(self) -> None:
        try:
            shipped = load_minimum_wages(SHIPPED)
        except BadWageTable as exc:
            raise AppError(exc.message, code="bad_wage_table") from exc
        with self.ctx.session() as s:
            for w in shipped:
                s.add(WageRow(province=w.province, city=w.city, monthly=w.monthly,
                              hourly=w.hourly, effective_on=w.effective_on, source=w.source,
                              verified=w.verified))
            s.commit()

    def save(self, data: WageInput, wage_id: int | None = None) -> int:
        """Add a standard, or change the one with `wage_id`; one transaction."""
        wage, problems = check_wage(data)
        if problems:
            raise ValidationFailed(problems)
        with self.ctx.session() as s:
            same = s.exec(select(WageRow).where(WageRow.city == wage.city,
                                                WageRow.effective_on == wage.effective_on)).first()
            if same is not None and same.id != wage_id:
                raise ValidationFailed([FieldError(
                    "effective_on", f"{wage.city}已有 {wage.effective_on} 生效的标准，请修改那一条")])
            row = s.get(WageRow, wage_id) if wage_id else WageRow(city=wage.city)
            if row is None:
                raise NotFound("这条最低工资标准已被删除，请刷新后重试")
            row.province, row.city, row.monthly, row.hourly = (wage.province, wage.city,
                                                               wage.monthly, wage.hourly)
            row.effective_on, row.source, row.verified = (wage.effective_on, wage.source,
                                                          wage.verified)
            s.add(row)
            s.commit()
            return int(row.id or 0)

    def mark_verified(self, wage_id: int, source: str) -> MinimumWage:
        """An administrator confirms a standard against its source document (发文机关和文号);
        the minimum_wage table is an administrator's table, so others are refused."""
        if not source.strip():
            raise ValidationFailed([FieldError("source", "请填写核实所依据的文件（发文机关、文号、日期）")])
        self.standards()  # seeds the table from the shipped file the first time
        with self.ctx.session() as s:
            row = s.get(WageRow, wage_id)
            if row is None:
                raise NotFound(f"找不到编号为 {wage_id} 的最低工资标准，请用 wages 命令查看编号")
            row.source, row.verified = source.strip(), True
            s.add(row)
            s.commit()
            return MinimumWage(row.province, row.city, row.monthly, row.hourly, row.effective_on,
                               row.source, row.verified)

    def delete(self, wage_id: int) -> None:
        with self.ctx.session() as s:
            row = s.get(WageRow, wage_id)
            if row is None:
                raise NotFound("这条最低工资标准已被删除")
            s.delete(row)
            s.commit()
