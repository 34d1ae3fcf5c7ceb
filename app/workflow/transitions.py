"""The case workflow as data: (from-states, event) → to-state, with legal basis and guards."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from app.models.enums import OrgKind, Stage
from app.workflow.errors import TransitionRefused
from app.workflow.events import EVENT_RECORDS, recorded_kinds
from app.workflow.guards import (
    A_LAW,
    AID,
    CPL,
    CPL_INTERP,
    INTERP1,
    RULES,
    Guard,
    acceptance_overdue,
    after_an_award,
    after_final_award,
    award_overdue,
    award_takes_effect,
    breached_suit,
    correction_pending,
    final_award_suit,
    litigation_refusal,
    mediation_ongoing_arbitration,
    needs,
    revocation_by_employer,
    revocation_while_worker_sues,
    to_litigation,
    wage_clue_answer,
)
from app.workflow.routing import (
    CaseFacts,
    arbitrable,
    civil_forum_note,
    confirmation_basis,
    direct_suit_refusal,
    local_wage_clue_refusal,
    payment_order_note,
    payment_order_refusal,
    review_refusal,
)
from app.workflow.states import (
    ARBITRATION_ACCEPTED,
    ARBITRATION_OPEN,
    AWARDED,
    ENFORCEABLE,
    INITIAL_STATE,
    MEDIATING,
    OPEN_BEFORE_AGREEMENT,
    STATE_LABELS,
    is_closed,
    stage_of,
    state_label,
)

__all__ = ["BY_EVENT", "EVENT_RECORDS", "INITIAL_STATE", "STATE_LABELS", "TRANSITIONS",
           "Applied", "CaseFacts", "EventOption", "Transition", "TransitionRule",
           "apply_event", "available_events", "check", "is_closed", "recorded_kinds",
           "stage_of", "state_label"]

@dataclass(frozen=True)
class TransitionRule:
    """One row of the table. An event may have several rows with different sources."""

    event: str
    label_zh: str
    sources: tuple[str, ...]   # states it may start from; () = any open state
    target: str | None         # None = the main state does not change
    basis: str
    guard: Guard | None = None

    @property
    def label(self) -> str:
        return self.label_zh


R = TransitionRule
_PARALLEL = ()  # sources of the parallel tracks: any open state, main state unchanged
TRANSITIONS: tuple[TransitionRule, ...] = (
    # --- S0 intake, S1 negotiation, S2 mediation -------------------------------------------
    R("classify", "认定用工关系类别", ("intake.received", "intake.classified"), "intake.classified",
      "人社部发〔2021〕56号；劳社部发〔2005〕12号第一条"),
    R("negotiation.start", "开始协商", OPEN_BEFORE_AGREEMENT, "negotiation.in_progress",
      "《企业劳动争议协商调解规定》第二章"),
    R("mediation.accept", "受理调解申请", OPEN_BEFORE_AGREEMENT, "mediation.accepted",
      f"{A_LAW}第十条、第十二条"),
    R("mediation.refuse", "不予受理调解申请", OPEN_BEFORE_AGREEMENT, "mediation.refused",
      f"《企业劳动争议协商调解规定》第二十二条；{A_LAW}第五条"),
    R("mediation.session", "记录调解", MEDIATING, "mediation.in_progress", f"{A_LAW}第十三条"),
    R("agreement.sign", "签订调解协议", MEDIATING, "agreement.signed", f"{A_LAW}第十四条"),
    R("mediation.fail", "调解不成、终止调解", MEDIATING, "mediation.failed", f"{A_LAW}第十四条"),
    # --- agreement performance and its three enforcement routes ---------------------------
    R("agreement.perform", "协议已履行",
      ("agreement.signed", "agreement.not_performed", "arbitration_review.confirmed",
       "judicial_confirmation.confirmed", "payment_order.issued", "payment_order.objection_filed",
       "payment_order.effective"),
      "closed.performed", f"{A_LAW}第十四条"),
    R("agreement.breach", "协议未按期履行", ("agreement.signed",), "agreement.not_performed",
      f"{A_LAW}第十五条"),
    R("review.apply", "申请仲裁审查", ("agreement.signed",), "arbitration_review.applied",
      f"{RULES}第七十四条", review_refusal),
    R("review.accept", "仲裁委受理审查申请", ("arbitration_review.applied",),
      "arbitration_review.accepted", f"{RULES}第七十五条"),
    R("review.refuse", "仲裁委不予受理或者不予确认",
      ("arbitration_review.applied", "arbitration_review.accepted"),
      "arbitration_review.refused", f"{RULES}第七十五条、第七十八条"),
    R("review.confirm", "出具仲裁调解书", ("arbitration_review.accepted",),
      "arbitration_review.confirmed", f"{RULES}第七十六条、第七十七条"),
    R("confirmation.apply", "申请司法确认", ("agreement.signed", "arbitration_review.refused"),
      "judicial_confirmation.applied", f"《人民调解法》第三十三条；{CPL}第二百零五条"),
    R("confirmation.accept", "法院受理司法确认申请", ("judicial_confirmation.applied",),
      "judicial_confirmation.accepted", "《关于人民调解协议司法确认程序的若干规定》第四条"),
    R("confirmation.confirm", "法院裁定调解协议有效", ("judicial_confirmation.accepted",),
      "judicial_confirmation.confirmed", f"{CPL}第二百零六条"),
    R("confirmation.object", "对确认调解协议的裁定提出异议", ("judicial_confirmation.confirmed",),
      None, f"{CPL_INTERP}第三百七十二条"),
    R("confirmation.reject", "法院裁定驳回申请",
      ("judicial_confirmation.applied", "judicial_confirmation.accepted"),
      "judicial_confirmation.rejected", f"{CPL}第二百零六条；《民诉解释》第三百五十八条"),
    # Art 16: only once the employer failed to perform by the agreed date.
    R("payment_order.apply", "申请支付令", ("agreement.not_performed",), "payment_order.applied",
      f"{A_LAW}第十六条；{CPL}第二百二十五条", payment_order_refusal),
    R("payment_order.accept", "法院受理支付令申请", ("payment_order.applied",),
      "payment_order.accepted", f"{CPL}第二百二十六条"),
    R("payment_order.issue", "法院发出支付令", ("payment_order.applied", "payment_order.accepted"),
      "payment_order.issued", f"{CPL}第二百二十七条"),
    R("payment_order.dismiss", "法院裁定驳回支付令申请",
      ("payment_order.applied", "payment_order.accepted"), "payment_order.dismissed",
      f"{CPL}第二百二十七条"),
    R("payment_order.serve", "支付令送达债务人", ("payment_order.issued",), None,
      f"{CPL}第二百二十七条"),
    # The objection is examined first; the order lapses only when it is upheld (民诉解释 436).
    R("payment_order.object", "债务人提出书面异议", ("payment_order.issued",),
      "payment_order.objection_filed", f"{CPL}第二百二十七条、第二百二十八条"),
    R("payment_order.terminate", "异议成立，裁定终结督促程序（支付令失效）",
      ("payment_order.objection_filed",), "payment_order.terminated",
      f"{CPL}第二百二十八条；{CPL_INTERP}第四百三十六条"),
    R("payment_order.reject_objection", "异议不成立，裁定驳回异议", ("payment_order.objection_filed",),
      "payment_order.issued", f"{CPL}第二百二十八条；{CPL_INTERP}第四百三十六条"),
    R("payment_order.refuse_litigation", "申请人不同意提起诉讼（7日内）", ("payment_order.terminated",),
      None, f"{CPL_INTERP}第四百三十八条", litigation_refusal),
    R("payment_order.to_litigation", "7日内未表示不同意，视为起诉，转入诉讼程序",
      ("payment_order.terminated",), "court.suit_filed",
      f"{CPL}第二百二十八条；{CPL_INTERP}第四百三十九条", to_litigation),
    R("payment_order.effective", "期满未异议，支付令生效", ("payment_order.issued",),
      "payment_order.effective", f"{CPL}第二百二十七条"),
    # --- S3 arbitration -------------------------------------------------------------------
    R("arbitration.apply", "申请劳动仲裁",
      OPEN_BEFORE_AGREEMENT + ("mediation.refused", "mediation.failed", "agreement.not_performed",
                               "arbitration_review.refused", "judicial_confirmation.rejected",
                               "payment_order.dismissed", "payment_order.terminated"),
      "arbitration.applied", f"{A_LAW}第五条、第十四条、第十五条、第二十八条", arbitrable),
    R("arbitration.apply_after_15_days", "调解逾15日未达成协议，申请劳动仲裁", MEDIATING,
      "arbitration.applied", f"{A_LAW}第十四条第三款", mediation_ongoing_arbitration),
    R("arbitration.request_correction", "通知补正材料", ("arbitration.applied",),
      "arbitration.correction_requested", f"{RULES}第二十九条"),
    R("arbitration.receive_correction", "补正材料已收到（受理期限重新计算）",
      ("arbitration.correction_requested",), "arbitration.applied",
      f"{RULES}第二十九条；参照{CPL_INTERP}第一百二十六条"),
    R("arbitration.accept", "仲裁委受理",
      ("arbitration.applied", "arbitration.correction_requested"), "arbitration.accepted",
      f"{A_LAW}第二十九条"),
    R("arbitration.refuse", "仲裁委不予受理",
      ("arbitration.applied", "arbitration.correction_requested"), "arbitration.refused",
      f"{A_LAW}第二十九条"),
    # Service, answer and tribunal notice all run from acceptance: any order is legal.
    R("arbitration.serve", "送达仲裁申请书副本", ("arbitration.accepted",), "arbitration.served",
      f"{A_LAW}第三十条"),
    R("arbitration.serve", "送达仲裁申请书副本", ("arbitration.tribunal_formed",), None,
      f"{A_LAW}第三十条"),
    R("arbitration.answer", "收到答辩书", ("arbitration.served",), "arbitration.answered",
      f"{A_LAW}第三十条"),
    R("arbitration.answer", "收到答辩书",
      ("arbitration.tribunal_formed", "arbitration.hearing_scheduled"), None, f"{A_LAW}第三十条"),
    R("arbitration.serve_answer", "送达答辩书副本",
      ("arbitration.answered", "arbitration.tribunal_formed", "arbitration.hearing_scheduled"),
      None, f"{A_LAW}第三十条"),
    R("arbitration.form_tribunal", "组成仲裁庭并书面通知当事人",
      ("arbitration.accepted", "arbitration.served", "arbitration.answered"),
      "arbitration.tribunal_formed", f"{A_LAW}第三十一条、第三十二条"),
    R("arbitration.schedule_hearing", "通知开庭",
      ("arbitration.tribunal_formed", "arbitration.hearing_scheduled"),
      "arbitration.hearing_scheduled", f"{A_LAW}第三十五条"),
    R("arbitration.postpone_hearing", "延期开庭", ("arbitration.hearing_scheduled",), None,
      f"{A_LAW}第三十五条"),
    R("arbitration.extend", "批准延长审理期限（不超过15日）", ARBITRATION_ACCEPTED, None,
      f"{A_LAW}第四十三条；{RULES}第四十六条"),
    R("arbitration.suspend", "中止审理", ARBITRATION_ACCEPTED, None, f"{RULES}第四十六条"),
    R("arbitration.resume", "恢复审理", ARBITRATION_ACCEPTED, None, f"{RULES}第四十六条"),
    R("arbitration.add_party", "追加当事人或者第三人（期限重新计算）", ARBITRATION_ACCEPTED, None,
      f"{RULES}第四十六条"),
    R("arbitration.change_claims", "受理增加、变更仲裁请求（期限重新计算）", ARBITRATION_ACCEPTED,
      None, f"{RULES}第四十六条"),
    R("arbitration.counterclaim", "受理反申请并合并处理（期限重新计算）", ARBITRATION_ACCEPTED,
      None, f"{RULES}第四十六条"),
    R("arbitration.transfer", "接受移送管辖（期限重新计算）", ARBITRATION_ACCEPTED, None,
      f"{RULES}第四十六条"),
    R("arbitration.mediate", "仲裁调解，制作调解书", ARBITRATION_ACCEPTED, "arbitration.mediated",
      f"{A_LAW}第四十二条"),
    R("arbitration.partial_award", "先行裁决部分事项", ("arbitration.hearing_scheduled",), None,
      f"{A_LAW}第四十三条第二款"),
    R("award.final", "作出终局裁决", ("arbitration.hearing_scheduled",), "arbitration.award_final",
      f"{A_LAW}第四十七条"),
    R("award.nonfinal", "作出非终局裁决", ("arbitration.hearing_scheduled",),
      "arbitration.award_nonfinal", f"{A_LAW}第四十三条、第五十条"),
    R("award.mixed", "作出裁决（部分事项终局，应分别制作裁决书）",
      ("arbitration.hearing_scheduled",), "arbitration.award_mixed",
      f"{RULES}第五十条；《解释（一）》第十九条、第二十条"),
    R("award.default", "缺席裁决（非终局）", ("arbitration.hearing_scheduled",),
      "arbitration.award_nonfinal", f"{A_LAW}第三十六条"),
    R("award.default_final", "缺席裁决（终局）", ("arbitration.hearing_scheduled",),
      "arbitration.award_final", f"{A_LAW}第三十六条、第四十七条"),
    R("arbitration.withdraw", "撤回仲裁申请", ARBITRATION_OPEN, "closed.withdrawn",
      f"{A_LAW}第四十一条；{RULES}第三十五条"),
    R("award.serve", "当事人收到裁决书（送达）", AWARDED, None,
      f"{A_LAW}第四十八条、第四十九条、第五十条"),
    R("award.effective", "起诉期满，裁决生效", ("arbitration.award_nonfinal",),
      "arbitration.award_effective", f"{A_LAW}第五十条", award_takes_effect),
    # --- S5 court -------------------------------------------------------------------------
    R("court.sue", "向人民法院起诉", ("arbitration.award_final",), "court.suit_filed",
      f"{A_LAW}第四十八条", final_award_suit),
    R("court.sue", "向人民法院起诉",
      ("arbitration.award_nonfinal", "arbitration.award_mixed", "arbitration.refused",
       "court.award_revoked", "enforcement.refused"),
      "court.suit_filed", f"{A_LAW}第二十九条、第四十八条、第四十九条、第五十条；"
      "《解释（一）》第二十条、第二十四条"),
    R("court.sue", "向人民法院起诉", ("arbitration.applied",),
      "court.suit_filed", f"{A_LAW}第二十九条", acceptance_overdue),
    R("court.sue", "向人民法院起诉", ("arbitration.correction_requested",),
      "court.suit_filed", f"{A_LAW}第二十九条；参照{CPL_INTERP}第一百二十六条",
      correction_pending),
    R("court.sue", "向人民法院起诉", ARBITRATION_ACCEPTED, "court.suit_filed",
      f"{A_LAW}第四十三条", award_overdue),
    R("court.sue_direct", "直接向人民法院起诉",
      OPEN_BEFORE_AGREEMENT + ("mediation.refused", "mediation.failed"), "court.suit_filed",
      f"{A_LAW}第五条；《解释（一）》第十五条", direct_suit_refusal),
    R("court.sue_on_agreement", "协议不履行，直接起诉",
      ("agreement.not_performed", "payment_order.dismissed"), "court.suit_filed",
      "《解释（一）》第五十一条第二款", breached_suit),
    R("court.sue_after_payment_order", "督促程序终结后，依据调解协议起诉",
      ("payment_order.terminated",), "court.suit_filed", "《解释（一）》第十三条第三款"),
    R("court.accept", "人民法院立案", ("court.suit_filed",), None, f"{CPL}第一百二十六条"),
    R("court.revoke_apply", "用人单位申请撤销终局裁决",
      ("arbitration.award_final", "arbitration.award_mixed"), "court.revocation_applied",
      f"{A_LAW}第四十九条", revocation_by_employer),
    R("court.revoke_apply", "用人单位申请撤销终局裁决", ("court.suit_filed",),
      "court.revocation_applied", f"{INTERP1}第二十一条", revocation_while_worker_sues),
    R("court.worker_suit_ended", "劳动者撤诉或者起诉被驳回（用人单位可在30日内申请撤销）",
      ("court.suit_filed",), "arbitration.award_final", f"{INTERP1}第二十一条",
      after_final_award),
    R("court.refuse_as_final", "基层法院认定为终局裁决，裁定不予受理或者驳回起诉",
      ("court.suit_filed",), "arbitration.award_final", f"{INTERP1}第十八条第（二）项",
      after_an_award),
    R("court.revoke_grant", "中级人民法院裁定撤销裁决", ("court.revocation_applied",),
      "court.award_revoked", f"{A_LAW}第四十九条"),
    R("court.revoke_reject", "中级人民法院驳回撤销申请", ("court.revocation_applied",),
      "arbitration.award_effective", f"{A_LAW}第四十九条"),
    R("court.judgment", "人民法院作出一审判决", ("court.suit_filed",), "court.judgment",
      f"{CPL}第一百五十五条"),
    R("court.appeal", "提起上诉", ("court.judgment",), "court.appealed", f"{CPL}第一百七十一条"),
    R("court.second_instance", "二审判决", ("court.appealed",), "court.judgment_final",
      f"{CPL}第一百八十二条"),
    R("court.judgment_effective", "上诉期满，判决生效", ("court.judgment",), "court.judgment_final",
      f"{CPL}第一百七十一条"),
    # --- S6 enforcement, closing ----------------------------------------------------------
    R("enforcement.apply", "申请强制执行", ENFORCEABLE, "enforcement.applied",
      f"{A_LAW}第五十一条；{CPL}第二百四十七条、第二百五十条"),
    R("enforcement.refuse", "法院裁定不予执行", ("enforcement.applied",), "enforcement.refused",
      f"{CPL}第二百四十八条；《解释（一）》第二十四条"),
    R("enforcement.conclude", "执行完毕", ("enforcement.applied",), "closed.enforced",
      "《最高人民法院关于执行案件立案、结案若干问题的意见》第十五条"),
    R("case.close", "结案归档", _PARALLEL, "closed.closed", "《企业劳动争议协商调解规定》第三十一条"),
    R("case.withdraw", "申请人撤回申请", _PARALLEL, "closed.withdrawn",
      f"{A_LAW}第五条（调解以自愿为前提，不愿调解的可以申请仲裁）"),
    # --- parallel tracks: any open state, the main state stays ------------------------------
    R("legal_aid.apply", "申请法律援助", _PARALLEL, None, f"{AID}第三十一条、第四十二条"),
    R("legal_aid.grant", "法律援助机构决定给予援助", _PARALLEL, None, f"{AID}第四十三条",
      needs("legal_aid.applied", "申请法律援助", f"{AID}第四十三条")),
    R("legal_aid.refuse", "法律援助机构决定不予援助", _PARALLEL, None, f"{AID}第四十三条",
      needs("legal_aid.applied", "申请法律援助", f"{AID}第四十三条")),
    R("legal_aid.assign", "指派法律援助人员", _PARALLEL, None, f"{AID}第四十三条、第四十四条",
      needs("legal_aid.applied", "申请法律援助", f"{AID}第四十三条")),
    R("inspection.complain", "向劳动保障监察机构投诉", _PARALLEL, None, "《劳动保障监察条例》第十四条"),
    R("inspection.result", "收到监察处理结果", _PARALLEL, None, "《劳动保障监察条例》第十八条"),
    R("wage_clue.receive", "受理欠薪线索", _PARALLEL, None, "淄人社发〔2021〕16号（五）",
      local_wage_clue_refusal),
    R("wage_clue.answer", "反馈欠薪线索处理情况", _PARALLEL, None, "淄人社发〔2021〕16号（五）",
      wage_clue_answer),
)


def _withdraw_basis(state: str, facts: CaseFacts) -> str:
    if stage_of(state) == Stage.ARBITRATION:
        return f"{A_LAW}第四十一条；{RULES}第三十五条"
    if facts.org_kind == OrgKind.PEOPLES_MEDIATION:  # the law of people's mediation only there
        return "《人民调解法》第二十三条（当事人可以要求终止调解）"
    return BY_EVENT["case.withdraw"].basis


def _sue_note(facts: CaseFacts) -> str | None:
    late = facts.award_effective_on
    if late is not None and facts.on is not None and facts.on >= late \
            and facts.recorded & {"award.nonfinal", "award.mixed"}:
        return (f"起诉期（{facts.award_effective_note}）已经届满，非终局裁决已发生法律效力"
                f"（{A_LAW}第五十条）；除非因正当理由耽误期限并在障碍消除后10日内申请顺延"
                f"（{CPL}第八十六条），人民法院可能不予受理")
    if facts.actor == "employer" and "award.mixed" in facts.recorded:
        return ("用人单位只能就裁决中的非终局事项起诉（第五十条）；对终局事项应向中级人民法院申请撤销"
                f"（第四十九条）。同一裁决含终局和非终局事项而起诉的，按非终局裁决处理（{INTERP1}第二十条）")
    if not facts.actor and "award.final" in facts.recorded:
        return "未注明起诉方：对终局裁决只有劳动者可以起诉，按劳动者起诉记录（第四十八条）"
    return None


# Where the article depends on the case: the organisation, the stage.
BASIS_FOR: dict[str, Callable[[str, CaseFacts], str]] = {
    "confirmation.apply": lambda state, facts: confirmation_basis(facts),
    "case.withdraw": _withdraw_basis,
}
# What the clerk should know when the step is taken (not a refusal).
NOTES_FOR: dict[str, tuple[Callable[[CaseFacts], str | None], ...]] = {
    "payment_order.apply": (payment_order_note,),
    "classify": (civil_forum_note,), "mediation.accept": (civil_forum_note,),
    "court.sue": (_sue_note,),
}
ROWS_BY_EVENT: dict[str, tuple[TransitionRule, ...]] = {}
for _row in TRANSITIONS:
    ROWS_BY_EVENT[_row.event] = ROWS_BY_EVENT.get(_row.event, ()) + (_row,)
BY_EVENT: dict[str, TransitionRule] = {event: rows[0] for event, rows in ROWS_BY_EVENT.items()}
PARALLEL_EVENTS = frozenset(t.event for t in TRANSITIONS if not t.sources and t.target is None)


@dataclass(frozen=True)
class EventOption:
    event: str
    label_zh: str
    allowed: bool
    reason_zh: str | None  # why not, for a hover text
    basis: str

    @property
    def label(self) -> str:
        return self.label_zh

    @property
    def reason(self) -> str | None:
        return self.reason_zh


@dataclass(frozen=True)
class Transition:
    """The result of an allowed event."""

    new_state: str
    stage: Stage
    basis: str
    event: str = ""
    records: tuple[str, ...] = ()  # timeline kinds to store (app/workflow/events.py)
    notes: tuple[str, ...] = ()    # what the clerk should know (a wrong forum, a partial order)

    @property
    def state(self) -> str:
        return self.new_state


Applied = Transition  # the earlier name, kept for callers written against it


def _row_for(state: str, event: str) -> TransitionRule | None:
    for row in ROWS_BY_EVENT.get(event, ()):
        if state in row.sources or (not row.sources and not is_closed(state)):
            return row
    return None


def _where(event: str) -> str:
    states = [s for row in ROWS_BY_EVENT[event] for s in row.sources]
    labels = "、".join(f"“{state_label(s)}”" for s in states[:4])
    return labels + ("等" if len(states) > 4 else "")


def check(state: str, event: str, facts: CaseFacts) -> str | None:
    """None when `event` is allowed in `state` for these facts, otherwise why not (Chinese)."""
    if event not in ROWS_BY_EVENT:
        return f"未知的办理事项“{event}”"
    if state not in STATE_LABELS:
        return f"未知的案件状态“{state}”"
    row = _row_for(state, event)
    if row is None:
        label = BY_EVENT[event].label_zh
        if is_closed(state) and not any(state in r.sources for r in ROWS_BY_EVENT[event]):
            return f"案件已结案（{state_label(state)}），不能再办理“{label}”"
        return f"当前状态（{state_label(state)}）不能办理“{label}”，须在{_where(event)}时办理"
    return row.guard(facts) if row.guard else None


def apply_event(state: str, event: str, facts: CaseFacts) -> Transition:
    """The new state after `event`, or TransitionRefused with the reason in Chinese."""
    reason = check(state, event, facts)
    if reason:
        raise TransitionRefused(reason)
    row = _row_for(state, event)
    assert row is not None
    target = row.target or state
    notes = tuple(n for note in NOTES_FOR.get(event, ()) if (n := note(facts)))
    return Transition(target, stage_of(target), basis_of(row, state, facts), event,
                      recorded_kinds(event), notes)


def basis_of(row: TransitionRule, state: str, facts: CaseFacts) -> str:
    rule = BASIS_FOR.get(row.event)
    return rule(state, facts) if rule and len(ROWS_BY_EVENT[row.event]) == 1 else row.basis


def available_events(state: str, facts: CaseFacts, *,
                     include_all: bool = False) -> list[EventOption]:
    """The next steps from `state`: allowed ones, and plausible ones a guard refuses (with the
    reason, for a hover text). `include_all` also lists events of other states."""
    options = []
    for event in ROWS_BY_EVENT:
        row = _row_for(state, event)
        if row is None and not include_all:
            continue
        reason = check(state, event, facts)
        options.append(EventOption(event, BY_EVENT[event].label_zh, reason is None, reason,
                                   basis_of(row or BY_EVENT[event], state, facts)))
    return options
