"""Jurisdiction (管辖) over the shipped forum registry, and the filing date against its deadline."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

import pytest

from app.services.admin.forums import shipped
from app.workflow.filing.dates import StoredDeadline, check_filing_date
from app.workflow.filing.forums import ForumFacts, locate, propose

REGISTRY = shipped()
# A rider in 越城区 against a platform seated in 越城区 and an outsourcer seated in 柯桥区; the
# mediation committee sits in 越城区.
FACTS = ForumFacts("绍兴市", "越城区", ("浙江省绍兴市越城区科技园路8号", "浙江省绍兴市柯桥区华舍街道蜀阜路66号"),
                   "浙江省绍兴市越城区科技园路8号A座2楼", "浙江省绍兴市柯桥区华舍街道蜀阜路66号")


def test_the_registry_ships_full_names_for_the_four_named_cities() -> None:
    names = {e.name for e in REGISTRY}
    for name in ("绍兴市越城区人民法院", "绍兴市中级人民法院", "绍兴市劳动人事争议仲裁委员会",
                 "淄博市张店区人民法院", "西宁市城东区人民法院", "乌鲁木齐市天山区人民法院",
                 "诸暨市人民法院", "桓台县人民法院", "西宁市劳动人事争议仲裁委员会"):
        assert name in names
    assert not any(n.startswith(("西宁劳动", "淄博张店")) or n == "区人民法院" for n in names)
    assert {e.city for e in REGISTRY} == {"乌鲁木齐市", "西宁市", "淄博市", "绍兴市"}
    assert "乌鲁木齐市水磨沟区劳动人事争议仲裁委员会" in names  # a district commission found


def test_a_verified_entry_names_its_official_source_and_the_others_say_why_not() -> None:
    verified = [e for e in REGISTRY if e.verified]
    assert {e.name for e in verified} == {"淄博市张店区人民法院", "乌鲁木齐市中级人民法院",
                                          "乌鲁木齐市水磨沟区劳动人事争议仲裁委员会",
                                          "乌鲁木齐市天山区人民法院", "乌鲁木齐市米东区人民法院",
                                          "嵊州市人民法院"}
    for entry in verified:  # an official court site or the SPC's, the page and its date
        assert re.search(r"\b([a-z]+\.(sdcourt|xjcourt)\.gov\.cn|chinacourt\.org|"
                         r"sznews\.zjol\.com\.cn)", entry.source), entry.name
        assert re.search(r"20\d\d-\d\d", entry.source), entry.name
    for entry in REGISTRY:
        assert entry.source, entry.name
        assert entry.verified or "未核实" in entry.source or "未找到官方来源" in entry.source
    keys = [(e.kind, e.name) for e in REGISTRY]
    assert len(keys) == len(set(keys))  # no entry twice


@pytest.mark.parametrize(("address", "place"), [
    ("山东省淄博市张店区华光路1号", ("淄博市", "张店区")),
    ("淄博张店区某路", ("淄博市", "张店区")),  # written without 市
    ("浙江省诸暨市暨阳街道", ("绍兴市", "诸暨市")),
    ("北京市朝阳区", ("", "")),
])
def test_addresses_are_located_in_the_registry(address: str, place: tuple[str, str]) -> None:
    assert locate(address, REGISTRY) == place


def test_each_filing_goes_where_its_article_says() -> None:
    arbitration = propose("arbitration", FACTS, REGISTRY)
    assert arbitration is not None and arbitration.name == "绍兴市劳动人事争议仲裁委员会"
    assert "第二十一条" in arbitration.basis and arbitration.reason == "劳动合同履行地"
    suit = propose("lawsuit", FACTS, REGISTRY)
    assert suit is not None and suit.name == "绍兴市越城区人民法院" and "解释（一）》第三条" in suit.basis
    assert [e.name for e in suit.alternatives] == ["绍兴市柯桥区人民法院"]  # the outsourcer's seat
    order = propose("payment_order", FACTS, REGISTRY)  # the debtor sits in 柯桥区
    assert order is not None and order.name == "绍兴市柯桥区人民法院" and "第二百二十五条" in order.basis
    confirmation = propose("judicial_confirmation", FACTS, REGISTRY)
    assert confirmation is not None and confirmation.name == "绍兴市越城区人民法院"
    assert confirmation.reason == "调解组织所在地" and "第二百零五条" in confirmation.basis
    invited = propose("judicial_confirmation",
                      ForumFacts("绍兴市", "越城区", inviting_court="绍兴市柯桥区人民法院"), REGISTRY)
    assert invited is not None and invited.name == "绍兴市柯桥区人民法院"
    revocation = propose("award_revocation", ForumFacts(
        "淄博市", "张店区", commission="绍兴市劳动人事争议仲裁委员会"), REGISTRY)
    assert revocation is not None and revocation.name == "绍兴市中级人民法院"  # where it sat
    assert "第四十九条" in revocation.basis
    assert "未经核实" in suit.warning


def test_enforcement_goes_to_the_court_of_its_title() -> None:
    """民诉法 art 235: a court's title to its first-instance court; a labour commission's award
    to the basic court where the respondent is domiciled (调解仲裁法 art 51), not to the
    intermediate court of 法释〔2018〕5号 art 2, which covers 仲裁法 awards only."""
    award = propose("enforcement", replace(FACTS, title_kind="arbitration",
                                           title_forum="绍兴市劳动人事争议仲裁委员会"), REGISTRY)
    assert award is not None and award.name == "绍兴市越城区人民法院"  # the platform's seat
    assert "第五十一条" in award.basis and "第二百三十五条第二款" in award.basis
    assert "被执行人住所地" in award.reason
    assert [e.name for e in award.alternatives] == ["绍兴市柯桥区人民法院"]  # the other debtor
    assert "中级" not in award.name
    ruling = propose("enforcement", replace(FACTS, title_kind="judicial_confirmation",
                                            title_forum="绍兴市柯桥区人民法院"), REGISTRY)
    assert ruling is not None and ruling.name == "绍兴市柯桥区人民法院"
    assert ruling.basis.endswith("第二百三十五条第一款") and "第一审" in ruling.reason
    assert [e.name for e in ruling.alternatives] == ["绍兴市越城区人民法院"]
    order = propose("enforcement", replace(FACTS, title_kind="payment_order",
                                           title_forum="淄博市张店区人民法院"), REGISTRY)
    assert order is not None and order.name == "淄博市张店区人民法院" and not order.warning
    untitled = propose("enforcement", replace(FACTS, employer_addresses=()), REGISTRY)
    assert untitled is not None and untitled.name == "绍兴市越城区人民法院"
    assert "按案件所在地" in untitled.reason
    nothing = propose("enforcement", ForumFacts(), REGISTRY)
    assert nothing is not None and nothing.name == "" and "设置 → 受理机关" in nothing.warning


def test_a_place_the_registry_lacks_is_spelled_in_full_and_said() -> None:
    proposal = propose("lawsuit", ForumFacts("某市", "某区"), REGISTRY)
    assert proposal is not None and proposal.name == "某市某区人民法院" and proposal.entry is None
    assert "不在受理机关登记表中" in proposal.warning
    nothing = propose("lawsuit", ForumFacts(), REGISTRY)
    assert nothing is not None and nothing.name == "" and "设置 → 受理机关" in nothing.warning


CONFIRM = StoredDeadline("confirmation.apply", "双方共同申请司法确认", "agreement.effective",
                         date(2026, 7, 10), date(2026, 8, 10), "《民事诉讼法》第二百零五条")
SUE = StoredDeadline("award.nonfinal.sue", "不服非终局裁决起诉", "award.nonfinal",
                     date(2026, 9, 1), date(2026, 9, 16), "《劳动争议调解仲裁法》第五十条")


def test_a_late_filing_is_warned_with_its_article_and_an_early_one_refused() -> None:
    today = date(2026, 11, 23)
    late = check_filing_date("judicial_confirmation", today, today, [CONFIRM])
    assert late.ok and len(late.warnings) == 1
    assert "已超过双方共同申请司法确认的期限" in late.warnings[0] and "第二百零五条" in late.warnings[0]
    assert "2026年08月10日届满" in late.warnings[0]
    assert check_filing_date("judicial_confirmation", date(2026, 8, 10), today, [CONFIRM]) \
        .warnings == ()  # the last day is in time
    early = check_filing_date("judicial_confirmation", date(2026, 7, 1), today, [CONFIRM])
    assert not early.ok and "早于调解协议生效之日（2026年07月10日）" in early.errors[0]
    suit = check_filing_date("lawsuit", date(2026, 9, 17), today, [SUE, CONFIRM])
    assert len(suit.warnings) == 1 and "第五十条" in suit.warnings[0]  # not the confirmation
    future = check_filing_date("lawsuit", date(2026, 11, 30), today, [])
    assert any("晚于今天" in w for w in future.warnings)


def test_without_a_stored_deadline_the_event_itself_is_the_limit() -> None:
    today = date(2026, 11, 23)
    events = {"agreement.effective": date(2026, 11, 10)}
    assert not check_filing_date("payment_order", date(2026, 11, 9), today, [], events).ok
    assert check_filing_date("payment_order", date(2026, 11, 20), today, [], events).warnings == ()
    unknown = check_filing_date("payment_order", date(2026, 11, 20), today, [], {})
    assert "尚未记录调解协议生效" in unknown.warnings[0]
    before = check_filing_date("arbitration_review", date(2026, 10, 1), today, [], {},
                               received_on=date(2026, 11, 2))
    assert "早于本案收到调解申请之日" in before.errors[0]
