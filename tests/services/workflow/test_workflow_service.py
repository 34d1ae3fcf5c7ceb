"""The workflow through the services: advancing cases, refusals, stored deadlines, due lists."""

from __future__ import annotations

import json
from datetime import date

import pytest

from app.bootstrap import Services
from app.cli.main import main
from app.errors import AppError, ValidationFailed
from tests.factories import case_input


def test_walk_to_judicial_confirmation_with_deadlines(services: Services) -> None:
    case_no = services.cases.create_case(case_input(received_on=date(2026, 11, 2))).case_no
    deadlines = {d.rule_id: d for d in services.workflow.deadlines(case_no)}
    assert deadlines["mediation.accept"].due == date(2026, 11, 5)  # 3 working days
    services.workflow.advance(case_no, "mediation.accept", date(2026, 11, 3))
    services.workflow.advance(case_no, "mediation.session", date(2026, 11, 6))
    result = services.workflow.advance(case_no, "agreement.sign", date(2026, 11, 10))
    assert result.state == "agreement.signed" and "第十四条" in result.basis
    got = {d.rule_id: d for d in result.deadlines}
    assert got["mediation.accept"].state.value == "met"
    assert got["confirmation.apply"].due == date(2026, 12, 10)
    assert got["review.apply"].due == date(2026, 11, 25)
    result = services.workflow.advance(case_no, "confirmation.apply", date(2026, 11, 20))
    assert result.state == "judicial_confirmation.applied"
    states = {d.rule_id: d.state.value for d in result.deadlines}
    assert states["confirmation.apply"] == "met" and states["review.apply"] == "not_applicable"
    case = services.cases.get(case_no)
    assert (case.stage, case.accepted_on) == ("judicial_confirmation", date(2026, 11, 3))


def test_illegal_event_is_refused_and_changes_nothing(services: Services) -> None:
    case_no = services.cases.create_case(case_input(category="1")).case_no
    before = services.exchange.export_case(case_no)
    with pytest.raises(AppError, match="须先经劳动仲裁"):
        services.workflow.advance(case_no, "court.sue_direct", date(2026, 11, 3))
    with pytest.raises(ValidationFailed, match="不能早于"):
        services.workflow.advance(case_no, "mediation.accept", date(2026, 10, 1))
    with pytest.raises(ValidationFailed, match="晚于今天"):
        services.workflow.advance(case_no, "mediation.accept", date(2026, 12, 1))
    assert services.exchange.export_case(case_no) == before


def test_hearing_needs_its_date(services: Services) -> None:
    case_no = services.cases.create_case(case_input(category="1")).case_no
    for event in ("arbitration.apply", "arbitration.accept", "arbitration.form_tribunal"):
        services.workflow.advance(case_no, event, date(2026, 11, 5))
    with pytest.raises(ValidationFailed, match="开庭日期"):
        services.workflow.advance(case_no, "arbitration.schedule_hearing", date(2026, 11, 6))
    result = services.workflow.advance(case_no, "arbitration.schedule_hearing", date(2026, 11, 6),
                                       data={"hearing_date": "2026-11-30"})
    notice = next(d for d in result.deadlines if d.rule_id == "arbitration.hearing_notice")
    assert notice.due == date(2026, 11, 25) and notice.state.value == "met"


def test_deleting_an_event_recomputes(services: Services) -> None:
    case_no = services.cases.create_case(case_input()).case_no
    event_id = services.records.add_event(case_no, "dispute.known", date(2026, 11, 2))
    assert "limitation" in {d.rule_id for d in services.workflow.deadlines(case_no)}
    services.records.change_event_date(case_no, event_id, date(2026, 11, 4))
    limitation = next(d for d in services.workflow.deadlines(case_no) if d.rule_id == "limitation")
    assert limitation.due == date(2027, 11, 4)
    services.records.delete_event(case_no, event_id)
    assert "limitation" not in {d.rule_id for d in services.workflow.deadlines(case_no)}


def test_due_list_across_cases(services: Services) -> None:
    late = services.cases.create_case(case_input(received_on=date(2026, 11, 2))).case_no
    soon = services.cases.create_case(case_input(received_on=date(2026, 11, 20))).case_no
    done = services.cases.create_case(case_input(received_on=date(2026, 11, 2))).case_no
    services.workflow.advance(done, "mediation.accept", date(2026, 11, 9))  # accepted late
    items = services.workflow.due_list(within_days=7)
    by_case = {(i.case_no, i.rule_id): i for i in items}
    assert by_case[(late, "mediation.accept")].overdue
    assert not by_case[(soon, "mediation.accept")].overdue
    assert (done, "mediation.accept") not in by_case  # done, even if late
    assert [i.due for i in items] == sorted(i.due for i in items)


def test_rule_overrides_only_for_unverified(services: Services) -> None:
    services.workflow.set_rule_amount("mediation.end", 30)
    assert services.workflow.compute("mediation.end", date(2026, 11, 2)).due == date(2026, 12, 2)
    with pytest.raises(AppError, match="不能修改"):
        services.workflow.set_rule_amount("arbitration.award", 60)


def test_cli_deadlines_match_the_service(sqlite_services: Services,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    case_no = sqlite_services.cases.create_case(case_input()).case_no
    sqlite_services.workflow.advance(case_no, "mediation.accept", date(2026, 11, 3))
    data_dir = str(sqlite_services.ctx.config.data_dir)
    assert main(["--data-dir", data_dir, "deadlines", case_no, "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    service = sqlite_services.workflow.deadlines(case_no)
    # The CLI runs with the real today; compare the dates, which do not depend on it.
    assert [(d["rule"], d["due"]) for d in listed] == \
        [(d.rule_id, d.due.isoformat() if d.due else None) for d in service]
    assert main(["--data-dir", data_dir, "deadline", "mediation.end", "--from", "2026-11-03",
                 "--json"]) == 0
    single = json.loads(capsys.readouterr().out)
    assert single == {"rule": "mediation.end", "from": "2026-11-03", "due": "2026-11-18",
                      "basis": single["basis"], "warnings": []}
    assert main(["--data-dir", data_dir, "advance", case_no, "court.sue_direct"]) == 1
    assert "不能办理“直接向人民法院起诉”" in capsys.readouterr().err


def test_commission_silence_opens_the_way_to_court(services: Services) -> None:
    case_no = services.cases.create_case(case_input(category="1")).case_no
    services.workflow.advance(case_no, "arbitration.apply", date(2026, 11, 3))
    options = {o.event: o for o in services.workflow.options(case_no)}
    # 11-03 + 5 days = 11-08 (Sunday) → 11-09; today is 11-23: the commission has been silent.
    sue = [o for o in options.values() if o.event.startswith("court.sue") and o.allowed]
    assert sue, {k: (o.allowed, o.reason) for k, o in options.items() if k.startswith("court")}


def test_calendar_days_count_what_the_calendar_lists(services: Services) -> None:
    services.demo.generate(60, seed=4)
    first, last = date(2026, 10, 1), date(2026, 12, 31)
    items = services.workflow.calendar(first, last, limit=100_000)
    days = services.workflow.calendar_days(first, last)
    assert items and sum(d.duties + d.windows for d in days.values()) == len(items)
    for day, count in days.items():
        on_day = [i for i in items if i.due == day]
        assert count.duties == sum(1 for i in on_day if i.kind == "duty")
        assert count.overdue == sum(1 for i in on_day if i.overdue)
    assert all(first <= i.due <= last for i in items)
    assert [i.due for i in items] == sorted(i.due for i in items)
    mediator = next(i.mediator for i in items if i.mediator)
    mediator_id = next(m.id for m in services.roster.mediators() if m.name == mediator)
    mine = services.workflow.calendar(first, last, mediator_id=mediator_id, limit=100_000)
    assert mine and {i.mediator for i in mine} == {mediator}
    assert sum(d.duties + d.windows for d in services.workflow.calendar_days(
        first, last, mediator_id=mediator_id).values()) == len(mine)
    with pytest.raises(AppError):
        services.workflow.calendar_days(last, first)


def test_cli_records_an_award_with_receipts_items_and_who_acts(
        sqlite_services: Services, capsys: pytest.CaptureFixture[str]) -> None:
    from app.services.cases.dto import ClaimInput
    case_no = sqlite_services.cases.create_case(case_input(
        category="1", received_on=date(2026, 8, 3),
        claims=[ClaimInput("wages", "工资", "30000")])).case_no
    data_dir = str(sqlite_services.ctx.config.data_dir)

    def cli(*args: str) -> int:
        return main(["--data-dir", data_dir, "advance", case_no, *args])

    assert cli("arbitration.apply", "--date", "2026-08-04") == 0
    assert cli("arbitration.accept", "--date", "2026-08-05") == 0
    assert cli("arbitration.form_tribunal", "--date", "2026-08-06") == 0
    assert cli("arbitration.schedule_hearing", "--date", "2026-08-07",
               "--hearing-date", "2026-08-20") == 0
    capsys.readouterr()
    # 30000 claimed, 12000 awarded: only the awarded amount decides.
    assert cli("award.final", "--date", "2026-09-01", "--served", "worker=2026-09-03",
               "--served", "employer=2026-09-07=迅达公司", "--item", "wages=12000",
               "--json") == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["state"] == "arbitration.award_final"
    assert any("未经核实" in n for n in shown["notes"])
    revoke = next(d for d in shown["deadlines"] if d["rule"] == "award.final.employer_revoke")
    assert revoke["from"] == "2026-09-07" and revoke["due"] == "2026-10-08"
    assert cli("court.sue", "--date", "2026-09-10", "--by", "employer") == 1
    assert "只有劳动者" in capsys.readouterr().err
    assert cli("award.serve", "--served", "oops") == 1
    assert "--served" in capsys.readouterr().err
    assert main(["--data-dir", data_dir, "wages", "--json"]) == 0
    wages = json.loads(capsys.readouterr().out)
    shaoxing = next(w for w in wages if w["city"] == "绍兴市")
    assert not shaoxing["verified"]
    assert main(["--data-dir", data_dir, "wage-verify", str(shaoxing["id"]),
                 "--source", "浙江省人社厅公告"]) == 0
    assert "已核实" in capsys.readouterr().out
    assert main(["--data-dir", data_dir, "wages", "--json"]) == 0
    assert next(w for w in json.loads(capsys.readouterr().out)
                if w["id"] == shaoxing["id"])["verified"]
