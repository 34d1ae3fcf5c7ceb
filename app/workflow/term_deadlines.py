"""Agreement terms as deadlines (履行期限届满): each term's due date is a duty of the payer;
performing the term meets it, and an unperformed one past its date opens 协议未按期履行."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from app.workflow.case_deadlines import CLOSING_KINDS, CaseDeadline, DeadlineState, EventRecord

RULE_ID = "agreement.term_due"
BASIS = "《劳动争议调解仲裁法》第十四条、第十五条"
BREACH_NOTE = ("已逾期未履行：可在“办理”中登记“协议未按期履行”，当事人可以依法申请仲裁"
               "（《劳动争议调解仲裁法》第十五条）或者支付令（第十六条）")
# After these the terms are no longer followed here (performed as a whole, closed, or enforced
# through another forum's document).
ENDING_KINDS = (*CLOSING_KINDS, "agreement.performed", "agreement.breached")


@dataclass(frozen=True)
class TermRecord:
    """One term of an agreement still in force (a voided agreement has none)."""

    agreement_id: int
    seq: int
    payer: str
    payee: str
    amount: Decimal | None
    due_on: date | None
    performed_on: date | None
    performed: bool = False


def _what(term: TermRecord) -> str:
    amount = f"{term.amount:,.2f}元" if term.amount is not None else ""
    return f"{term.payer}向{term.payee}履行{amount}".rstrip()


def term_deadlines(terms: Sequence[TermRecord], events: Sequence[EventRecord],
                   today: date) -> list[CaseDeadline]:
    """A duty per term with a due date, in the order of the terms."""
    out = []
    for term in terms:
        if term.due_on is None:
            continue
        title = f"履行期限届满：第{term.seq}项，{_what(term)}"
        ended = next((e for e in events if e.kind in ENDING_KINDS), None)
        note = ""
        completed = term.performed_on if term.performed else None
        if term.performed:
            late = completed is not None and completed > term.due_on
            state = DeadlineState.MISSED if late else DeadlineState.MET
        elif ended is not None:
            state = DeadlineState.NOT_APPLICABLE
        elif today > term.due_on:
            state, note = DeadlineState.MISSED, BREACH_NOTE
        else:
            state = DeadlineState.OPEN
        out.append(CaseDeadline(RULE_ID, title, "agreement.term", term.due_on, term.due_on,
                                BASIS, state, (), note, completed))
    return out
