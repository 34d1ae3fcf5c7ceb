"""The workflow tables agree with each other: states, events, recorded kinds, rule triggers."""

from __future__ import annotations

import pytest

from app.models.enums import Stage
from app.workflow.deadline_rules import DEFAULT_RULES
from app.workflow.events import (
    AWARD_PAUSE_KINDS,
    AWARD_RESTART_KINDS,
    EVENT_RECORDS,
    KIND_LABELS,
    kind_label,
    recorded_kinds,
)
from app.workflow.states import STATE_LABELS, stage_of, state_label
from app.workflow.transitions import BY_EVENT, TRANSITIONS


def test_every_state_belongs_to_a_stage_and_every_stage_has_states() -> None:
    stages = {stage_of(s) for s in STATE_LABELS}
    assert stages == set(Stage)
    assert state_label("mediation.accepted") == "已受理调解"
    assert state_label("unknown.x") == "unknown.x"


def test_transitions_name_only_known_states() -> None:
    for row in TRANSITIONS:
        assert row.basis.startswith(("《", "人社部发", "淄人社发")), row.event
        assert row.label_zh, row.event
        for state in row.sources + ((row.target,) if row.target else ()):
            assert state in STATE_LABELS, (row.event, state)


def test_every_state_but_the_closed_ones_can_be_left() -> None:
    leaving = {s for row in TRANSITIONS if row.target for s in row.sources}
    open_states = {s for s in STATE_LABELS if not s.startswith("closed.")}
    # case.close and case.withdraw have () sources: they leave any open state, so check the
    # table also offers a real next step from each open state.
    dead_ends = open_states - leaving - {"court.suit_filed"}
    assert dead_ends == set()


def test_every_state_is_reachable() -> None:
    targets = {row.target for row in TRANSITIONS if row.target} | {"intake.received"}
    assert set(STATE_LABELS) - targets == {"closed.award_effective"}  # kept for old records


def test_recorded_kinds_are_labelled() -> None:
    for event in BY_EVENT:
        for kind in recorded_kinds(event):
            assert kind in KIND_LABELS, (event, kind)
    assert set(EVENT_RECORDS) <= set(BY_EVENT)
    assert kind_label("agreement.effective") == "调解协议生效"


@pytest.mark.parametrize("rule", DEFAULT_RULES, ids=lambda r: r.id)
def test_rule_events_are_known_kinds(rule: object) -> None:
    kinds = [rule.trigger, *rule.satisfied_by, *rule.moot_by]  # type: ignore[attr-defined]
    for kind in kinds:
        assert kind in KIND_LABELS, kind


def test_award_period_kinds_are_labelled() -> None:
    for kind in [*AWARD_RESTART_KINDS, *AWARD_PAUSE_KINDS, *AWARD_PAUSE_KINDS.values()]:
        assert kind in KIND_LABELS
