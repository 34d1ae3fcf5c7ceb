"""Committee members with their side, and the mediator roster."""

from __future__ import annotations

import pytest

from app.bootstrap import Services
from app.errors import ValidationFailed


def test_committee_members_by_side(services: Services) -> None:
    org = services.organisations.default_id()
    services.roster.add_member(org, "王工会", "union", title="工会主席")
    services.roster.add_member(org, "李职工", "worker")
    services.roster.add_member(org, "赵企业", "enterprise", phone="13800138000")
    assert [m.name for m in services.roster.members(org)] == ["王工会", "李职工", "赵企业"]
    assert services.roster.committee_balance(org) == {"union": 1, "worker": 1, "enterprise": 1}


def test_sides_only_for_enterprise_committees(services: Services) -> None:
    court = services.organisations.create("越城区人民法院", "court",
                                          case_no_pattern="（{year}）浙0602民特{seq}号")
    with pytest.raises(ValidationFailed, match="只有企业劳动争议调解委员会"):
        services.roster.add_member(court, "某法官", "union")


@pytest.mark.parametrize("side, phone, fragment", [
    ("boss", "", "代表方"), ("union", "12", "电话号码"),
])
def test_bad_member_refused(services: Services, side: str, phone: str, fragment: str) -> None:
    org = services.organisations.default_id()
    with pytest.raises(ValidationFailed, match=fragment):
        services.roster.add_member(org, "某人", side, phone=phone)
    assert services.roster.members(org) == []


def test_invited_mediators(services: Services) -> None:
    services.roster.add_mediator("张调解", kind="staff")
    services.roster.add_mediator("陈特邀", kind="invited", court_roster_no="越法特调2026-03")
    assert [m.name for m in services.roster.mediators(invited_only=True)] == ["陈特邀"]
    assert len(services.roster.mediators()) == 2


def test_case_number_pattern_is_checked(services: Services) -> None:
    with pytest.raises(ValidationFailed, match="必须包含"):
        services.organisations.create("某调委会", "enterprise_committee", case_no_pattern="调〔{year}〕")
    with pytest.raises(ValidationFailed, match="无法使用"):
        services.organisations.create("某调委会", "enterprise_committee",
                                      case_no_pattern="调{seq}{oops}")
