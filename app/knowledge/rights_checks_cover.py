"""Checks of hiring, social-insurance and workload rights; each turns answers into an Outcome."""

from __future__ import annotations

from datetime import date

from app.knowledge.questions import YesNo
from app.knowledge.rights_base import (
    Context,
    FindingStatus,
    Outcome,
    SuggestedClaim,
    check,
    money,
    yuan,
)
from app.knowledge.rights_checks import amount_check
from app.knowledge.vocab import RightId as R
from app.knowledge.vocab import Strength
from app.models.enums import ClaimType, RelationshipCategory

B, P, OK, ND = (
    FindingStatus.BREACH,
    FindingStatus.POSSIBLE_BREACH,
    FindingStatus.NO_BREACH,
    FindingStatus.NOT_ENOUGH_DATA,
)
YES, NO = YesNo.YES, YesNo.NO
# Where the local text sets no share (002 （四）, 000 第十八条), 90 % (001 7, 004 三（十一）) is the
# yardstick.
REFERENCE_QUOTA_PERCENT = 90
# 人社部发〔2025〕24号: from 2026 occupational-injury protection runs in every province for the
# ride-hailing, instant-delivery and same-city freight platforms (17 provinces from 2025-07-01).
OCCUPATIONAL_INJURY_NATIONWIDE = date(2026, 1, 1)
OCCUPATIONAL_INJURY_BASIS = (("mohrss_2025_24", "whole"),)
# 解释（二）第十九条 with 劳动合同法第三十八条第一款第三项、第四十六条.
SI_WAIVER_BASIS = (("labour_dispute_interpretation_2", "19"), ("labour_contract_law", "38"),
                   ("labour_contract_law", "46"))


@check(R.DEPOSITS)
def deposits(ctx: Context) -> Outcome:
    return amount_check(
        ctx,
        "deposit_amount",
        ClaimType.DEPOSIT_REFUND,
        "以押金、保证金等名义收取且未退还的金额",
        "请求返还押金、保证金",
        "缺少押金、保证金的金额。",
    )


def _yes_no_check(
    ctx: Context, key: str, yes_text: str, no_text: str, claim: SuggestedClaim
) -> Outcome:
    answer = ctx.answers.yes_no(key)
    if answer == YES:
        return Outcome(B, yes_text, claim)
    if answer == NO:
        return Outcome(OK, no_text)
    return Outcome(ND, "尚未回答。", None, (key,))


@check(R.DISCRIMINATION)
def discrimination(ctx: Context) -> Outcome:
    return _yes_no_check(
        ctx,
        "discriminatory_condition",
        "招用时设置了歧视性条件。",
        "未发现歧视性招用条件。",
        SuggestedClaim(ClaimType.OTHER, None, "就业歧视：可依法向人民法院提起诉讼"),
    )


@check(R.MULTI_PLATFORM)
def multi_platform(ctx: Context) -> Outcome:
    return _yes_no_check(
        ctx,
        "multi_platform_restricted",
        "被限制在多个平台就业或因此受处罚。",
        "未被限制在多个平台就业。",
        SuggestedClaim(ClaimType.OTHER, None, "请求撤销对多平台就业的限制及相关处罚"),
    )


@check(R.INDIVIDUAL_BUSINESS)
def individual_business(ctx: Context) -> Outcome:
    registered = ctx.answers.yes_no("registered_as_business")
    pushed = ctx.answers.yes_no("registration_pushed")
    claim = SuggestedClaim(
        ClaimType.CONFIRM_RELATIONSHIP,
        None,
        "请求按用工事实确认劳动关系（或不完全符合确立劳动关系情形）",
    )
    if registered == YES and pushed == YES:
        return Outcome(B, "被平台或合作企业要求、诱导注册为个体工商户。", claim)
    if registered == YES and pushed != NO:
        return Outcome(
            P,
            "已被注册为个体工商户，注册是否出于平台要求尚不清楚。",
            claim,
            ("registration_pushed",),
        )
    if registered == YES:
        return Outcome(OK, "自行注册为个体工商户；如实际受劳动管理，仍按用工事实认定关系。")
    if registered == NO:
        return Outcome(OK, "未被注册为个体工商户。")
    return Outcome(ND, "不清楚是否被注册为个体工商户。", None, ("registered_as_business",))


@check(R.SOCIAL_INSURANCE_REGISTRATION)
def social_insurance_registration(ctx: Context) -> Outcome:
    if ctx.category == RelationshipCategory.MANAGED:
        return Outcome(
            FindingStatus.NOT_APPLICABLE,
            "不完全符合确立劳动关系情形的，可由劳动者以灵活就业人员"
            "身份参保，不适用用工之日起30日内办理登记的规定。",
        )
    days = int(str(ctx.duty_params(R.SOCIAL_INSURANCE_REGISTRATION).get("days", 30)))
    hired = ctx.answers.date("hire_date")
    registered = ctx.answers.yes_no("si_registered")
    on = ctx.answers.date("si_registration_date")
    claim = SuggestedClaim(
        ClaimType.SOCIAL_INSURANCE, None, "请求依法办理社会保险登记并缴纳社会保险费"
    )
    if ctx.answers.yes_no("si_waiver") == YES:
        # The waiver is void whatever the dates say, and gives the worker a ground to resign.
        return Outcome(
            B,
            "与用工方约定或承诺不缴纳社会保险费，该约定或承诺无效，用工方仍须依法缴纳；"
            "用人单位未依法缴纳社会保险费的，劳动者可以解除劳动合同并请求支付经济补偿。",
            SuggestedClaim(ClaimType.SOCIAL_INSURANCE, None,
                           "请求依法缴纳社会保险费（不缴纳社会保险费的约定或承诺无效）"),
            national=SI_WAIVER_BASIS,
        )
    if hired is None:
        return Outcome(ND, "缺少开始用工日期。", None, ("hire_date",))
    if on is not None or registered == YES:
        if on is None:
            return Outcome(OK, "已办理社会保险登记。")
        late = (on - hired).days
        if late > days:
            return Outcome(
                B, f"用工之日（{hired}）起第{late}天才办理社会保险登记，超过{days}日。", claim
            )
        return Outcome(OK, f"用工之日起第{late}天办理社会保险登记，未超过{days}日。")
    if registered == NO:
        elapsed = (ctx.today - hired).days
        if elapsed > days:
            return Outcome(
                B,
                f"用工之日（{hired}）起已{elapsed}天，仍未办理社会保险登记，超过{days}日。",
                claim,
            )
        return Outcome(OK, f"用工之日起{elapsed}天，尚在{days}日登记期限内。")
    return Outcome(
        ND, "不清楚是否已办理社会保险登记。", None, ("si_registered", "si_registration_date")
    )


def _occupational_injury(ctx: Context, insured: YesNo, injured: YesNo) -> Outcome:
    """Category ② on a covered platform: 职业伤害保障, an administrative route (the 社会保险经办机构
    confirms the injury), not a claim for arbitration, so no claim is suggested for the injury."""
    covered = "通过出行、即时配送或同城货运平台接单，平台企业应为其参加职业伤害保障"
    if insured == YES:
        return Outcome(OK, "已参加职业伤害保障。", national=OCCUPATIONAL_INJURY_BASIS)
    if injured == YES:
        return Outcome(
            B if insured == NO else P,
            covered + ("而未参加" if insured == NO else "")
            + "；已在工作中受伤：应向社会保险经办机构申请职业伤害确认并享受职业伤害保障待遇"
            "（行政途径，不经劳动争议仲裁；对确认结论不服的依法申请行政复议或者提起行政诉讼）。",
            None, () if insured == NO else ("work_injury_insured",),
            national=OCCUPATIONAL_INJURY_BASIS,
        )
    if insured == NO:
        return Outcome(B, covered + "而未参加。",
                       SuggestedClaim(ClaimType.SOCIAL_INSURANCE, None,
                                      "请求平台企业依法为其参加职业伤害保障"),
                       national=OCCUPATIONAL_INJURY_BASIS)
    return Outcome(ND, "不清楚是否参加职业伤害保障。", None, ("work_injury_insured",),
                   national=OCCUPATIONAL_INJURY_BASIS)


@check(R.WORK_INJURY)
def work_injury(ctx: Context) -> Outcome:
    insured = ctx.answers.yes_no("work_injury_insured")
    injured = ctx.answers.yes_no("injured_at_work")
    costs = ctx.answers.number("injury_costs")
    if (ctx.category in (RelationshipCategory.MANAGED, RelationshipCategory.UNDETERMINED)
            and ctx.answers.yes_no("covered_sector") == YES
            and ctx.today >= OCCUPATIONAL_INJURY_NATIONWIDE):
        return _occupational_injury(ctx, insured, injured)
    if insured == YES:
        return Outcome(OK, "已参加工伤保险（职业伤害保障）。")
    if insured == NO:
        labour = ctx.category == RelationshipCategory.LABOUR
        if injured == YES:
            kind = ClaimType.WORK_INJURY_BENEFITS if labour else ClaimType.OCCUPATIONAL_INJURY
            amount = money(costs) if costs else None
            return Outcome(
                B,
                "未参加工伤保险，且已在工作中受伤"
                + (f"，已发生损失{yuan(amount)}" if amount else "")
                + "。",
                SuggestedClaim(
                    kind, amount, "请求按工伤保险待遇标准赔偿" + (yuan(amount) if amount else "")
                ),
            )
        return Outcome(
            B,
            "未参加工伤保险（职业伤害保障）。",
            SuggestedClaim(ClaimType.SOCIAL_INSURANCE, None, "请求依法参加工伤保险"),
        )
    return Outcome(ND, "不清楚是否参加工伤保险。", None, ("work_injury_insured",))


@check(R.FIRST_ORDER_PLATFORM)
def first_order_platform(ctx: Context) -> Outcome:
    if not ctx.local(R.FIRST_ORDER_PLATFORM):
        return Outcome(
            FindingStatus.NOT_APPLICABLE,
            "多单同路程由首单平台承担工伤保险责任的规则仅见于绍兴市政策。",
        )
    multi = ctx.answers.yes_no("multi_order_trip")
    injured = ctx.answers.yes_no("injured_at_work")
    platform = ctx.answers.text("first_order_platform")
    if injured == YES and multi == YES:
        who = f"（{platform}）" if platform else ""
        status = B if ctx.answers.yes_no("liability_unclear") == YES else P
        return Outcome(
            status,
            f"受伤时同一路程接送多单，应由首单平台企业{who}承担工伤保险责任。",
            SuggestedClaim(
                ClaimType.WORK_INJURY_BENEFITS, None, f"请求首单平台企业{who}承担工伤保险责任"
            ),
            () if platform else ("first_order_platform",),
        )
    if injured == NO or multi == NO:
        return Outcome(OK, "不涉及多单同路程受伤的情形。")
    return Outcome(
        ND, "不清楚受伤时是否同时接送多单。", None, ("injured_at_work", "multi_order_trip")
    )


@check(R.WORKLOAD_QUOTA)
def workload_quota(ctx: Context) -> Outcome:
    share = ctx.answers.number("quota_share_percent")
    strict = ctx.answers.yes_no("strictest_algorithm")
    need = int(
        str(ctx.duty_params(R.WORKLOAD_QUOTA).get("min_share_percent", REFERENCE_QUOTA_PERCENT))
    )
    claim = SuggestedClaim(
        ClaimType.WORKING_TIME_REST,
        None,
        f"请求调整劳动定额，使同岗位{need}%以上劳动者能在法定工作时间内完成",
    )
    if share is not None and share < need:
        return Outcome(
            B, f"同岗位仅{share}%的劳动者能在法定工作时间内完成劳动定额，低于{need}%。", claim
        )
    if strict == YES:
        # Only 002 （四） forbids the "strictest algorithm" outright; elsewhere it is a pointer.
        forbidden = any(
            ref.strength == Strength.DUTY and "min_share_percent" not in ref.params
            for _, _, ref in ctx.local(R.WORKLOAD_QUOTA)
        )
        return Outcome(B if forbidden else P, "考核按最高效率、最低成本设定（“最严算法”）。", claim)
    if share is not None:
        return Outcome(OK, f"同岗位{share}%的劳动者能在法定工作时间内完成劳动定额。")
    if strict == NO:
        return Outcome(OK, "未发现按“最严算法”设定考核。")
    return Outcome(
        ND, "缺少劳动定额完成情况。", None, ("quota_share_percent", "strictest_algorithm")
    )
