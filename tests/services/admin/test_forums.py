"""The forum registry as a service: seeded once and audited, an administrator's table, every
bad entry named in Chinese with nothing saved, and the proposal for a stored case."""

from __future__ import annotations

import dataclasses
import json

import pytest
from sqlmodel import select

from app.bootstrap import Services
from app.errors import ValidationFailed
from app.models import AuditEntry
from app.services.admin.forums import ForumService, shipped
from app.services.cases.dto import PartyInput
from app.services.security.accounts import PermissionDenied
from tests.factories import case_input, platform, worker


def test_seeded_on_the_first_read_and_audited(services: Services) -> None:
    forums = ForumService(services.ctx)
    entries = forums.entries()
    assert len(entries) == len(shipped()) and all(forum_id for forum_id, _e in entries)
    assert len(forums.entries()) == len(entries)  # seeded once
    with services.ctx.session() as s:
        logged = s.exec(select(AuditEntry).where(AuditEntry.entity == "forum",
                                                 AuditEntry.action == "create")).all()
    assert {json.loads(e.new_value or "{}")["name"] for e in logged} == \
        {e.name for _id, e in entries}
    report = services.check.run()
    assert report.ok, report.problems


def test_bad_entries_are_refused_in_chinese_and_nothing_changes(services: Services) -> None:
    forums = ForumService(services.ctx)
    before = forums.entries()
    with pytest.raises(ValidationFailed) as refused:
        forums.save({"kind": "basic_court", "name": "张店区法院", "city": ""})
    messages = {e.field: e.message for e in refused.value.errors}
    assert "全称" in messages["forum.name"] and "城市" in messages["forum.city"]
    assert "区县" in messages["forum.district"]
    with pytest.raises(ValidationFailed, match="已有“绍兴市中级人民法院”"):
        forums.save({"kind": "intermediate_court", "name": "绍兴市中级人民法院", "city": "绍兴市"})
    with pytest.raises(ValidationFailed, match="机关类别"):
        forums.save({"kind": "police", "name": "某派出所", "city": "绍兴市"})
    assert forums.entries() == before


def test_only_an_administrator_changes_the_registry(services: Services) -> None:
    ForumService(services.ctx).entries()  # seeded
    mediator = ForumService(dataclasses.replace(services.ctx, role="mediator"))
    entries = mediator.entries()
    new = {"kind": "legal_aid", "name": "绍兴市越城区法律援助中心", "city": "绍兴市",
           "district": "越城区"}
    with pytest.raises(PermissionDenied):
        mediator.save(new)
    with pytest.raises(PermissionDenied):
        mediator.delete(entries[0][0])
    assert mediator.entries() == entries
    admin = ForumService(dataclasses.replace(services.ctx, role="administrator"))
    forum_id = admin.save({**new, "address": "绍兴市越城区某路1号", "verified": True})
    edited = dict(admin.entries())[forum_id]
    assert edited.verified and edited.address == "绍兴市越城区某路1号"
    admin.delete(forum_id)
    assert forum_id not in dict(admin.entries())


def test_a_mediator_reads_the_shipped_list_before_any_administrator(services: Services) -> None:
    mediator = ForumService(dataclasses.replace(services.ctx, role="mediator"))
    entries = mediator.entries()
    assert entries and all(forum_id == 0 for forum_id, _e in entries)  # nothing written


def test_the_proposal_for_a_stored_case(services: Services) -> None:
    outsourcer = PartyInput(role="respondent", name="绍兴众包人力外包服务有限公司",
                            party_type="organisation", kind="outsourcing",
                            domicile="浙江省绍兴市柯桥区华舍街道蜀阜路66号")
    case_no = services.cases.create_case(case_input(
        district="越城区", parties=[worker(), platform(), outsourcer])).case_no
    forums = ForumService(services.ctx)
    suit = forums.propose(case_no, "lawsuit")
    assert suit is not None and suit.name == "绍兴市越城区人民法院"
    assert [e.name for e in suit.alternatives] == ["绍兴市柯桥区人民法院"]
    order = forums.propose(case_no, "payment_order", debtor="绍兴众包人力外包服务有限公司")
    assert order is not None and order.name == "绍兴市柯桥区人民法院"
