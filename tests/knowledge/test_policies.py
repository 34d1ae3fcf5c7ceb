"""Shipped policies: structure, status on a given day, citations, fidelity to the source texts."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from app.knowledge.policies import PolicyStatus, cite, policy_status, status_text
from app.knowledge.policy_file import load_builtin_policies
from app.knowledge.vocab import RightId, Topic
from tests.needs import needs

TODAY = date(2026, 11, 23)
SOURCE_DIR = Path(__file__).resolve().parents[3] / "shared" / "policies"


@pytest.fixture(scope="module")
def policies():
    return {p.id: p for p in load_builtin_policies()}


def test_five_policies_with_expected_shape(policies):
    assert sorted(policies) == ["000", "001", "002", "003", "004"]
    counts = {pid: len(p.articles) for pid, p in policies.items()}
    assert counts == {"000": 38, "001": 27, "002": 17, "003": 20, "004": 42}
    assert policies["001"].document_number == "宁政办〔2022〕41号"
    assert policies["003"].document_number == "淄人社发〔2021〕16号"
    assert policies["004"].document_number == "绍市人社发〔2022〕53号"
    assert len(policies["003"].issuers) == 8 and len(policies["004"].issuers) == 9
    assert policies["000"].issuers == () and policies["000"].document_number is None


def test_jurisdictions_recorded_without_invention(policies):
    names = {pid: p.jurisdiction.name for pid, p in policies.items()}
    assert names == {
        "000": "乌鲁木齐市",
        "001": "西宁市",
        "002": None,
        "003": "淄博市",
        "004": "绍兴市",
    }
    assert policies["002"].jurisdiction.level == "province"
    assert policies["002"].jurisdiction.province is None
    assert policies["002"].jurisdiction.display_name == "未载明省份"


@pytest.mark.parametrize(
    ("pid", "status"),
    [
        ("000", PolicyStatus.DRAFT),
        ("001", PolicyStatus.EXPIRING_SOON),
        ("002", PolicyStatus.UNKNOWN_DATES),
        ("003", PolicyStatus.IN_FORCE),
        ("004", PolicyStatus.IN_FORCE),
    ],
)
def test_status_on_2026_11_23(policies, pid, status):
    assert policy_status(policies[pid], TODAY) == status


def test_xining_expiry_boundaries(policies):
    xining = policies["001"]
    assert xining.dates.expires == date(2026, 12, 21)
    assert policy_status(xining, date(2026, 12, 21)) == PolicyStatus.EXPIRING_SOON
    assert policy_status(xining, date(2026, 12, 22)) == PolicyStatus.EXPIRED
    assert policy_status(xining, TODAY, expiring_within_days=20) == PolicyStatus.IN_FORCE
    assert policy_status(xining, date(2022, 4, 23)) == PolicyStatus.NOT_YET_IN_FORCE
    assert status_text(xining, TODAY) == "即将到期（2026年12月21日届满，还有28天）"
    assert status_text(xining, date(2027, 1, 1)) == "已失效（2026年12月21日届满）"


def test_shaoxing_in_force_only_from_december_2022(policies):
    assert policy_status(policies["004"], date(2022, 11, 30)) == PolicyStatus.NOT_YET_IN_FORCE
    assert policy_status(policies["004"], date(2022, 12, 1)) == PolicyStatus.IN_FORCE


def test_citations(policies):
    assert (
        cite(policies["000"], "14")
        == "《乌鲁木齐市新业态新就业群体劳动保障权益服务管理办法》第十四条"
    )
    assert cite(policies["001"], "6") == (
        "《西宁市关于维护新就业形态劳动者劳动保障权益的具体措施》（宁政办〔2022〕41号）第六条"
    )
    assert (
        cite(policies["002"], "4")
        == "《关于切实维护新就业形态劳动者劳动保障权益的若干措施》第（四）项"
    )
    assert cite(policies["004"], "3.11").endswith("（绍市人社发〔2022〕53号）第三部分第（十一）项")
    assert cite(policies["003"], "8").endswith("（淄人社发〔2021〕16号）第（八）项")


def test_article_numbers_as_printed(policies):
    assert policies["000"].article("14").label == "第十四条"
    assert policies["001"].article("6").label == "6．"
    assert policies["001"].article("1.2").label == "一（二）"
    assert policies["003"].article("5").label == "（五）"
    assert policies["004"].article("3.11").label == "三（十一）"
    assert policies["004"].article("4.4").section == "4"


def test_key_texts_transcribed_in_full(policies):
    art14 = policies["000"].article("14").text
    assert art14.endswith(
        "平台对连续送单超过四小时的，休息二十分钟后再派单，防止因连续作业产生事故隐患。"
    )
    assert "同一路程首单平台企业承担工伤保险责任" in policies["004"].article("4.4").text
    assert "最长不得超过一个月" in policies["001"].article("6").text
    assert policies["003"].article("5").text.count("3日反馈") == 1


def test_rights_grounded_where_domain_says(policies):
    def keys(pid, right):
        return [a.key for a, _ in policies[pid].articles_for(right)]

    assert keys("000", RightId.REST_BREAK) == ["14"]
    assert keys("004", RightId.REST_BREAK) == ["3.11"]
    assert keys("001", RightId.PAY_CYCLE) == ["6"]
    assert keys("003", RightId.SOCIAL_INSURANCE_REGISTRATION) == ["8"]
    assert keys("004", RightId.FIRST_ORDER_PLATFORM) == ["4.4"]
    for pid in ("000", "001", "002", "003"):
        assert keys(pid, RightId.FIRST_ORDER_PLATFORM) == []
    ref = policies["004"].article("3.11").right_ref(RightId.REST_BREAK)
    assert ref is not None and ref.params == {
        "max_continuous_minutes": 240,
        "min_break_minutes": 20,
    }


def test_topics_tagged(policies):
    assert Topic.REST in policies["000"].article("14").topics
    assert Topic.DEPOSITS in policies["003"].article("4").topics
    assert Topic.WORK_INJURY in policies["004"].article("4.4").topics
    assert Topic.LEGAL_AID in policies["000"].article("36").topics


@needs(SOURCE_DIR.is_dir(), "the policy source texts beside the repository (../shared)")
def test_every_article_is_verbatim_and_in_order(policies):
    """Whitespace aside, each article is a run of the source text, in source order."""
    for p in policies.values():
        source = (SOURCE_DIR / p.source_file).read_text(encoding="utf-8")
        source = re.sub(r"\s|\[bookmark: OLE_LINK\d\]", "", source)
        pos = 0
        for a in p.articles:
            text = re.sub(r"\s", "", a.text)
            found = source.find(text, pos)
            assert found >= 0, (p.id, a.key)
            pos = found + len(text)
