"""How demo cases got where they are: each (stage, status) is reached by real workflow events."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from app.workflow.errors import TransitionRefused
from app.workflow.routing import CaseFacts
from app.workflow.transitions import INITIAL_STATE, apply_event, recorded_kinds

MEDIATE = ["mediation.accept", "mediation.session"]
HEARING = ["arbitration.accept", "arbitration.serve", "arbitration.form_tribunal",
           "arbitration.schedule_hearing"]
PATHS: dict[tuple[str, str], list[str]] = {
    ("intake", "active"): [],
    ("negotiation", "active"): ["negotiation.start"],
    ("mediation", "active"): MEDIATE,
    ("agreement", "active"): MEDIATE + ["agreement.sign"],
    ("arbitration_review", "active"): MEDIATE + ["agreement.sign", "review.apply", "review.accept"],
    ("judicial_confirmation", "active"): MEDIATE + ["agreement.sign", "confirmation.apply",
                                                    "confirmation.accept"],
    ("payment_order", "active"): MEDIATE + ["agreement.sign", "agreement.breach",
                                            "payment_order.apply", "payment_order.issue"],
    ("arbitration", "active"): ["mediation.accept", "mediation.fail", "arbitration.apply"] + HEARING,
    ("court", "active"): ["mediation.refuse", "arbitration.apply"] + HEARING + [
        "award.nonfinal", "court.sue", "court.accept"],
    ("enforcement", "active"): MEDIATE + ["agreement.sign", "confirmation.apply",
                                          "confirmation.accept", "confirmation.confirm",
                                          "enforcement.apply"],
    ("closed", "closed"): MEDIATE + ["agreement.sign", "agreement.perform"],
    ("closed", "withdrawn"): ["mediation.accept", "case.withdraw"],
    ("closed", "refused"): ["mediation.refuse"],
}
NEEDS_ARBITRATION = {"arbitration", "court"}


def walk(rng: random.Random, stage: str, status: str, facts: CaseFacts, received: date,
         latest: date) -> tuple[str, list[tuple[str, date, dict[str, Any]]]]:
    """Apply the path's events a few days apart; stop early if the date would pass `latest`
    or the law refuses a step for these facts. Returns the final state and the events."""
    state, day = INITIAL_STATE, received
    events: list[tuple[str, date, dict[str, Any]]] = [("application.received", received, {})]
    path = PATHS[(stage, status)]
    if stage == "arbitration" and rng.random() < 0.3:
        path = path[:rng.randrange(3, len(path) + 1)]  # some arbitrations still early on
    for event in path:
        step = day + timedelta(days=rng.choice((1, 1, 1, 2, 2, 3, 6)))  # most duties met
        if step > latest:
            break
        try:
            state = apply_event(state, event, facts).state
        except TransitionRefused:
            break
        day = step
        data = {"hearing_date": (day + timedelta(days=12)).isoformat()} \
            if event == "arbitration.schedule_hearing" else {}
        events += [(kind, day, data) for kind in recorded_kinds(event)]
    return state, events
