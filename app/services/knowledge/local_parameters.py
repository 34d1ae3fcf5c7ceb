"""The administrator's table of local figures for the claim calculators (地方参数): the previous
year's local average monthly wage per city and the province's one-off injury subsidies.

Kept like the minimum wages (app/services/workflow/wages.py): a database table, so every clerk
of a shared PostgreSQL office reads the same figures, only an administrator changes them (the
flush guard: `local_parameter` is an administrator's table) and every change is in the audit
log. resources/local_parameters.json only seeds the table the first time it is read.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from sqlmodel import col, select

from app.errors import AppError, FieldError, NotFound, ValidationFailed
from app.knowledge.calculators.base import CalcError
from app.knowledge.calculators.local import LocalFigure, check_figure, city_key, parse_figures
from app.models import LocalParameter
from app.resources import RESOURCES_DIR
from app.services.context import ServiceContext
from app.services.security.accounts import Permission, can

SHIPPED = RESOURCES_DIR / "local_parameters.json"


def _figure(row: LocalParameter) -> LocalFigure:
    return LocalFigure(row.city, row.kind, row.year, row.value, row.unit, row.grade, row.province,
                       row.source, row.verified)


def _shipped() -> list[LocalFigure]:
    try:
        return parse_figures(json.loads(SHIPPED.read_text(encoding="utf-8")))
    except (OSError, ValueError, CalcError) as exc:
        raise AppError(f"随程序提供的地方参数表无法读取：{exc}", code="bad_local_table") from exc


class LocalParameterService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def figures(self) -> list[tuple[int, LocalFigure]]:
        """Every figure with its row id (seeding from the shipped file once, by an admin)."""
        with self.ctx.session() as s:
            rows = list(s.exec(select(LocalParameter).order_by(
                col(LocalParameter.city), col(LocalParameter.kind), col(LocalParameter.year))))
        if not rows:
            shipped = _shipped()
            if shipped and (self.ctx.role is None or can(self.ctx.role, Permission.ADMIN)):
                for figure in shipped:
                    self.save(figure)
                return self.figures()
            return [(0, f) for f in shipped]
        return [(r.id or 0, _figure(r)) for r in rows]

    def save(self, data: LocalFigure | dict[str, Any], figure_id: int | None = None) -> int:
        """Add a figure, or change the one with `figure_id`; one transaction."""
        raw = asdict(data) if isinstance(data, LocalFigure) else dict(data)
        try:
            figure = check_figure(raw)
        except CalcError as exc:
            raise ValidationFailed([FieldError("local_parameter", exc.message)]) from None
        with self.ctx.session() as s:
            for other in s.exec(select(LocalParameter).where(
                    LocalParameter.kind == figure.kind, LocalParameter.year == figure.year)):
                if city_key(other.city) == city_key(figure.city) and \
                        other.grade == figure.grade and other.id != figure_id:
                    raise ValidationFailed([FieldError(
                        "local_parameter", f"已有{figure.city}{figure.year}年的这项参数，请修改那一条")])
            row = s.get(LocalParameter, figure_id) if figure_id else LocalParameter(city=figure.city)
            if row is None:
                raise NotFound("这条地方参数已被删除，请刷新后重试")
            for name in ("province", "city", "kind", "year", "grade", "value", "unit", "source",
                         "verified"):
                setattr(row, name, getattr(figure, name))
            s.add(row)
            s.commit()
            return int(row.id or 0)

    def delete(self, figure_id: int) -> None:
        with self.ctx.session() as s:
            row = s.get(LocalParameter, figure_id)
            if row is None:
                raise NotFound("这条地方参数已被删除")
            s.delete(row)
            s.commit()
