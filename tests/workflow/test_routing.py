"""Routes by relationship category and claim types, and the claim-type table behind them."""

from __future__ import annotations

import pytest

from app.models.enums import ClaimType, RelationshipCategory
from app.workflow.routing import (
    CLAIM_CATEGORY,
    CaseFacts,
    LegalCategory,
    arbitrable,
    direct_suit_exception,
    direct_suit_refusal,
    goes_to_arbitration_first,
    legal_category,
    payment_order_note,
    payment_order_refusal,
    review_refusal,
    route_summary,
)


def test_every_claim_type_is_mapped() -> None:
    assert set(CLAIM_CATEGORY) == set(ClaimType)
    assert legal_category("not-a-claim") == LegalCategory.OTHER


@pytest.mark.parametrize("claim, category", [
    (ClaimType.WAGES, LegalCategory.LABOUR_PAY),
    (ClaimType.OVERTIME_PAY, LegalCategory.LABOUR_PAY),
    (ClaimType.WAGE_IOU, LegalCategory.LABOUR_PAY),
    (ClaimType.ECONOMIC_COMPENSATION, LegalCategory.COMPENSATION),
    (ClaimType.TERMINATION_DAMAGES, LegalCategory.COMPENSATION),
    (ClaimType.WORK_INJURY_MEDICAL, LegalCategory.WORK_INJURY_MEDICAL),
    (ClaimType.WORK_INJURY_BENEFITS, LegalCategory.OTHER),
    (ClaimType.SOCIAL_INSURANCE, LegalCategory.LABOUR_STANDARDS),
    (ClaimType.WORKING_TIME_REST, LegalCategory.LABOUR_STANDARDS),
    (ClaimType.CONFIRM_RELATIONSHIP, LegalCategory.RELATIONSHIP),
    (ClaimType.DOUBLE_WAGES, LegalCategory.OTHER),
])
def test_statutory_categories(claim: ClaimType, category: LegalCategory) -> None:
    assert legal_category(claim) == category
    assert legal_category(claim.value) == category  # the database stores plain strings


@pytest.mark.parametrize("category, route, arbitration_first", [
    (RelationshipCategory.LABOUR, "arbitration", True),
    (RelationshipCategory.LABOUR, "civil", True),  # the setting only concerns category ②
    (RelationshipCategory.MANAGED, "arbitration", True),
    (RelationshipCategory.MANAGED, "civil", False),
    (RelationshipCategory.CIVIL, "arbitration", False),
    (RelationshipCategory.UNDETERMINED, "arbitration", False),
])
def test_category_routes(category: str, route: str, arbitration_first: bool) -> None:
    facts = CaseFacts(category=category, category2_route=route)
    assert goes_to_arbitration_first(facts) == arbitration_first
    civil = category == RelationshipCategory.CIVIL or (
        category == RelationshipCategory.MANAGED and route == "civil")
    assert (arbitrable(facts) is not None) == civil
    assert (direct_suit_refusal(facts) is None) == civil


def test_direct_suit_exceptions_name_their_articles() -> None:
    iou = CaseFacts(category="1", claim_types=("wage_iou",))
    assert "第十五条" in (direct_suit_exception(iou) or "")
    wages = CaseFacts(category="1", claim_types=("wages",), agreement_wage_only=True)
    assert direct_suit_exception(wages) is None  # only once the agreement is breached
    assert "第五十一条第二款" in (direct_suit_exception(wages, agreement_breached=True) or "")
    terminated = direct_suit_exception(CaseFacts(category="1"), after_payment_order=True)
    assert terminated is not None and "第十三条第三款" in terminated


def test_review_refusal() -> None:
    assert review_refusal(CaseFacts(category="1", claim_types=("wages",))) is None
    relationship = CaseFacts(category="1", claim_types=("confirm_relationship", "wages"))
    assert "第七十五条" in (review_refusal(relationship) or "")


@pytest.mark.parametrize("claims, allowed", [
    (("wages",), True), (("work_injury_medical", "economic_compensation"), True),
    (("termination_damages",), True), (("wages", "social_insurance"), True),
    (("double_wages",), False), ((), False), (("social_insurance",), False),
])
def test_payment_order_claim_types(claims: tuple[str, ...], allowed: bool) -> None:
    facts = CaseFacts(category="1", claim_types=claims, has_agreement=True)
    assert (payment_order_refusal(facts) is None) == allowed
    assert payment_order_refusal(CaseFacts(claim_types=claims)) is not None  # no agreement


def test_payment_order_covers_the_art_16_items_of_a_mixed_agreement() -> None:
    mixed = CaseFacts(category="1", claim_types=("wages", "social_insurance"), has_agreement=True)
    note = payment_order_note(mixed) or ""
    assert "第十六条" in note and "执行国家劳动标准" in note and "另行申请仲裁" in note
    assert payment_order_note(CaseFacts(category="1", claim_types=("wages",),
                                        has_agreement=True)) is None


def test_route_summary() -> None:
    civil = route_summary(CaseFacts(category="3", claim_types=("deduction_refund",)))
    assert civil[0].startswith("可向人民法院起诉") and not any("仲裁审查" in r for r in civil)
    labour = route_summary(CaseFacts(category="1", claim_types=("wages",), has_agreement=True))
    assert any("仲裁前置" in r for r in labour) and any("支付令" in r for r in labour)
    iou = route_summary(CaseFacts(category="1", claim_types=("wage_iou",)))
    assert any("欠条" in r for r in iou)
