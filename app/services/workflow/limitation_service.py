"""The arbitration limitation period (调解仲裁法 art 27) for dates a person gives, on this office's calendar."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from app.errors import AppError
from app.services.context import ServiceContext
from app.services.workflow import deadline_store
from app.workflow.errors import WorkflowError
from app.workflow.limitation import LimitationResult, Suspension, compute_limitation, input_problems


class LimitationService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def compute(self, known_on: date, interruptions: Sequence[date] = (),
                suspensions: Sequence[Suspension] = ()) -> LimitationResult:
        """The last day to apply, step by step; dates out of order are refused (code bad_input)."""
        problems = input_problems(known_on, interruptions, suspensions)
        if problems:
            raise AppError("；".join(problems), code="bad_input")
        with self.ctx.session() as s:
            calendar = deadline_store.calendar_for(s)
        try:
            return compute_limitation(calendar, known_on=known_on, interruptions=interruptions,
                                      suspensions=suspensions)
        except WorkflowError as exc:  # holiday data that never lets a period end
            raise AppError(exc.message, code=exc.code) from exc
