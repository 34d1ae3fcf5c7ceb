"""Three cases every document kind is rendered for (issue 18's acceptance): one rider against
two companies, a joint application of three parties, and a collective dispute of 12 workers
each with claims of their own. Each has what its filings need (the arbitration's number and
award, the texts typed before generating)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from app.documents.data import (
    AddressData,
    CaseData,
    ClaimData,
    FilingData,
    PartyData,
    TermData,
)
from app.models.enums import ClaimType, FilingKind, FilingStatus, Sex
from tests.documents.sample_case import OUTSOURCER, PLATFORM, RIDER, SAMPLE_CASE

AWARD_NO = "越劳人仲案字〔2026〕第318号"
FILINGS = (
    FilingData(FilingKind.ARBITRATION, "绍兴市越城区劳动人事争议仲裁委员会", date(2026, 11, 24),
               AWARD_NO, FilingStatus.ACCEPTED, "裁决被申请人支付申请人劳动报酬12,345.68元"),
    FilingData(FilingKind.JUDICIAL_CONFIRMATION, "绍兴市越城区人民法院"),
)
# What the clerk types just before generating (生成文书前的补充内容, `render --set`).
TYPED = {
    "defence_text": "答辩人与申请人之间不存在劳动关系，申请人系通过平台自主接单的配送人员。",
    "hearing_on": "2026-12-10",
    "postponement_reason": "申请人的委托代理人同日另有开庭，无法到庭，相关通知附后。",
    "enforcement_request": "被执行人向申请执行人支付劳动报酬人民币12,345.68元及迟延履行期间的债务利息。",
    "award_received_on": "2026-12-20",
    "revocation_grounds": "仲裁裁决适用法律、法规确有错误：申请人与被申请人之间不存在劳动关系。",
    "visit_on": "2026-11-28",
    "title_effective_on": "2026-12-10", "enforcement_amount": "12,345.68",
    "payee_bank": "中国工商银行绍兴越城支行", "payee_account": "6222020000001234567",
    "debtor_bank": "中国建设银行绍兴分行营业部", "debtor_account": "33050161000000000888",
    "property_clues": "被执行人名下车辆浙D·12345",
}
TWO_RESPONDENTS: CaseData = replace(SAMPLE_CASE, filings=FILINGS, extra=dict(TYPED))


def _addresses(parties: tuple[PartyData, ...]) -> tuple[AddressData, ...]:
    """Every party confirmed its address for service (送达地址确认书)."""
    return tuple(AddressData(p.name, p.mailing_address or p.domicile, phone=p.phone,
                             confirmed_on=date(2026, 11, 4)) for p in parties)


SECOND_RIDER = PartyData(
    RIDER.role, "李秀英", RIDER.type, RIDER.kind, sex=Sex.FEMALE, birth_date=date(1994, 8, 16),
    ethnicity="汉族", id_type=RIDER.id_type, id_number="330602199408162344",
    domicile="浙江省绍兴市越城区城南街道镜湖路5号", phone="13600136000", occupation="外卖骑手")
# 仲裁审查 / 司法确认: a joint application of every party — two riders and the platform.
JOINT_THREE: CaseData = replace(
    TWO_RESPONDENTS, parties=(RIDER, SECOND_RIDER, PLATFORM),
    service_addresses=_addresses((RIDER, SECOND_RIDER, PLATFORM)),
    claims=SAMPLE_CASE.claims[:2] + (ClaimData(3, ClaimType.WAGES, "支付李秀英2026年10月劳动报酬",
                                               Decimal("4800"), claimant=1),),
    agreement=replace(SAMPLE_CASE.agreement, terms=(  # type: ignore[type-var]
        TermData("迅达即配科技有限公司", "王小明", Decimal("12345.675"), date(2026, 11, 25),
                 "银行转账"),
        TermData("迅达即配科技有限公司", "李秀英", Decimal("4800"), date(2026, 11, 25),
                 "银行转账"))))

WORKERS = 12


def _worker(i: int) -> PartyData:
    return replace(RIDER, name=f"骑手{i:02d}", id_number=f"33060219900307{i:03d}6"[:18],
                   phone=f"1380013{i:04d}", agents=())


def _worker_claims(i: int, seq: int) -> tuple[ClaimData, ...]:
    """Each worker's own pay and compensation, different amounts, stored against him."""
    return (ClaimData(seq, ClaimType.WAGES, f"支付骑手{i + 1:02d}拖欠的劳动报酬",
                      Decimal(3000 + 100 * i), claimant=i),
            ClaimData(seq + 1, ClaimType.ECONOMIC_COMPENSATION,
                      f"支付骑手{i + 1:02d}解除劳动关系的经济补偿", Decimal(5000 + 10 * i),
                      claimant=i))


COLLECTIVE_TWELVE: CaseData = replace(
    TWO_RESPONDENTS, collective=True,
    parties=tuple(_worker(i) for i in range(1, WORKERS + 1)) + (PLATFORM, OUTSOURCER),
    service_addresses=_addresses(tuple(_worker(i) for i in range(1, WORKERS + 1))
                                 + (PLATFORM, OUTSOURCER)),
    representatives=("骑手01", "骑手02", "骑手03"),
    claims=(ClaimData(1, ClaimType.CONFIRM_RELATIONSHIP,
                      "确认各申请人与被申请人自2025年3月1日起存在劳动关系"),)
    + tuple(c for i in range(WORKERS) for c in _worker_claims(i, 2 + 2 * i)))

CASES = {"two": TWO_RESPONDENTS, "joint": JOINT_THREE, "collective": COLLECTIVE_TWELVE}
