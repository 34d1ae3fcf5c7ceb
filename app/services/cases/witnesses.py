"""Witnesses and the text of evidence items: add, correct and delete, each change one
transaction under the case's version (a stale screen is refused), audited on flush."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session, SQLModel, col, func, select

from app.errors import ConflictError, FieldError, NotFound
from app.models import Case, Evidence, Party, Witness
from app.models.base import utcnow
from app.models.enums import EvidenceForm
from app.services.cases import field_checks as v
from app.services.cases.edit import describe_changes_since
from app.services.context import ServiceContext

T = TypeVar("T")


@dataclass
class WitnessInput:
    name: str
    address: str = ""
    phone: str = ""
    relation: str = ""
    proves: str = ""
    party_seq: int | None = None  # the party who calls the witness


@dataclass(frozen=True)
class WitnessView:
    id: int
    seq: int
    name: str
    address: str
    phone: str
    relation: str
    proves: str
    party_name: str


@dataclass
class EvidenceInput:
    """An evidence item's text (证据名称、来源、证明内容、页数、原件/复印件), with or without a file."""

    name: str
    source: str = ""
    proves: str = ""
    pages: int | None = None
    form: str = EvidenceForm.COPY
    received_on: date | None = None


def check_length(value: str, limit: int, field: str, name: str) -> list[FieldError]:
    if len(value or "") > limit:
        return [FieldError(field, f"{name}不能超过{limit}个字（现为{len(value)}个字），请删减")]
    return []


def check_line(value: str, field: str, name: str) -> list[FieldError]:
    """A one-line field: no line breaks or control characters (they break the documents)."""
    if any(not c.isprintable() for c in value or ""):
        return [FieldError(field, f"{name}只能填一行，不能含换行符或控制字符")]
    if "|" in (value or ""):  # the documents' tables use it between cells
        return [FieldError(field, f"{name}不能含竖线“|”，请改用“/”或“、”")]
    return []


def witness_problems(data: WitnessInput) -> list[FieldError]:
    problems = v.require(data.name, "name", "证人姓名")
    for key, name, limit in (("name", "证人姓名", 60), ("address", "住所", 300),
                             ("relation", "与当事人的关系", 100)):
        problems += check_length(getattr(data, key), limit, key, name)
        problems += check_line(getattr(data, key), key, name)
    problems += check_length(data.proves, 1000, "proves", "证明内容")
    problems += check_line(data.proves, "proves", "证明内容")
    problems += v.check_phone(data.phone, "phone")
    return problems


def evidence_problems(data: EvidenceInput, today: date) -> list[FieldError]:
    problems = v.require(data.name, "name", "证据名称")
    problems += v.check_choice(data.form, EvidenceForm, "form", "原件/复印件")
    for key, name, limit in (("name", "证据名称", 200), ("source", "证据来源", 200)):
        problems += check_length(getattr(data, key), limit, key, name)
        problems += check_line(getattr(data, key), key, name)
    problems += check_length(data.proves, 500, "proves", "证明内容")
    problems += check_line(data.proves, "proves", "证明内容")
    if data.pages is not None and not 0 <= data.pages <= 100_000:
        problems.append(FieldError("pages", "页数应为0至100000之间的整数"))
    problems += v.check_not_future(data.received_on, "received_on", "收到日期", today)
    return problems


def next_seq(s: Session, model: type[SQLModel], case_id: int) -> int:
    current = s.exec(select(func.max(model.seq)).where(model.case_id == case_id)).one()  # type: ignore[attr-defined]
    return int(current or 0) + 1


def party_by_seq(s: Session, case: Case, seq: int | None, field: str = "party_seq"
                 ) -> tuple[Party | None, list[FieldError]]:
    if seq is None:
        return None, []
    party = s.exec(select(Party).where(Party.case_id == case.id, Party.seq == seq)).first()
    if party is None:
        return None, [FieldError(field, f"本案没有第{seq}号当事人")]
    return party, []


class CaseGuard:
    """The case-version guard every record service of this module shares."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    @contextmanager
    def locked(self, case_no: str, expected_version: int) -> Iterator[tuple[Session, Case]]:
        """A session with the case locked at `expected_version`; the caller commits. A save
        from a stale screen, or one that loses a race, is refused with what changed."""
        try:
            with self.ctx.session() as s:
                case = s.exec(select(Case).where(Case.case_no == case_no.strip())
                              .with_for_update()).first()
                if case is None:
                    raise NotFound(f"找不到案号为“{case_no}”的案件")
                if case.version != expected_version:
                    raise self._conflict(s, case, expected_version)
                yield s, case
        except StaleDataError:
            with self.ctx.session() as s:
                case = s.exec(select(Case).where(Case.case_no == case_no.strip())).one()
                raise self._conflict(s, case, expected_version) from None

    def write(self, case_no: str, expected_version: int,
              change: Callable[[Session, Case], T]) -> tuple[T, int]:
        """Run `change` under the guard, touch the case (its version moves on) and commit;
        returns what `change` returned and the case's new version."""
        with self.locked(case_no, expected_version) as (s, case):
            result = change(s, case)
            case.updated_at = utcnow()
            s.commit()
            return result, case.version

    @staticmethod
    def _conflict(s: Session, case: Case, seen: int) -> ConflictError:
        changes = describe_changes_since(s, case, seen)
        detail = "；".join(changes) if changes else "（证人、证据或送达记录已被修改）"
        return ConflictError(f"案件 {case.case_no} 在您打开后已被他人修改：{detail}。"
                             "您的修改没有保存，请刷新后重新操作。")


def _row(s: Session, model: type[Any], row_id: int, case: Case, what: str) -> Any:
    row = s.get(model, row_id)
    if row is None or row.case_id != case.id:
        raise NotFound(f"案件 {case.case_no} 中没有这项{what}（可能已被删除），请刷新")
    return row


class WitnessService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self.guard = CaseGuard(ctx)

    # --- witnesses ---------------------------------------------------------------------
    def witnesses(self, case_no: str) -> list[WitnessView]:
        with self.ctx.session() as s:
            case = s.exec(select(Case).where(Case.case_no == case_no.strip())).first()
            if case is None:
                return []
            rows = s.exec(select(Witness, Party).join(Party, col(Party.id) == Witness.party_id,
                                                      isouter=True)
                          .where(Witness.case_id == case.id).order_by(col(Witness.seq)))
            return [WitnessView(w.id or 0, w.seq, w.name, w.address, w.phone, w.relation,
                                w.proves, p.name if p else "") for w, p in rows]

    def add_witness(self, case_no: str, data: WitnessInput, expected_version: int
                    ) -> tuple[int, int]:
        """A new witness; returns (its id, the case's new version)."""
        v.raise_if_errors(witness_problems(data))

        def change(s: Session, case: Case) -> int:
            party, problems = party_by_seq(s, case, data.party_seq)
            v.raise_if_errors(problems)
            assert case.id is not None
            row = Witness(case_id=case.id, seq=next_seq(s, Witness, case.id), **self._values(data),
                          party_id=party.id if party else None)
            s.add(row)
            s.flush()
            assert row.id is not None
            return row.id

        return self.guard.write(case_no, expected_version, change)

    def update_witness(self, case_no: str, witness_id: int, data: WitnessInput,
                       expected_version: int) -> int:
        v.raise_if_errors(witness_problems(data))

        def change(s: Session, case: Case) -> None:
            row = _row(s, Witness, witness_id, case, "证人")
            party, problems = party_by_seq(s, case, data.party_seq)
            v.raise_if_errors(problems)
            for key, value in self._values(data).items():
                setattr(row, key, value)
            row.party_id = party.id if party else None

        return self.guard.write(case_no, expected_version, change)[1]

    def delete_witness(self, case_no: str, witness_id: int, expected_version: int) -> int:
        def change(s: Session, case: Case) -> None:
            s.delete(_row(s, Witness, witness_id, case, "证人"))

        return self.guard.write(case_no, expected_version, change)[1]

    @staticmethod
    def _values(data: WitnessInput) -> dict[str, str]:
        return {"name": data.name.strip(), "address": data.address.strip(),
                "phone": data.phone.strip(), "relation": data.relation.strip(),
                "proves": data.proves.strip()}

    # --- evidence as text ----------------------------------------------------------------
    def add_evidence(self, case_no: str, data: EvidenceInput, expected_version: int
                     ) -> tuple[int, int]:
        """An evidence item without a file (a paper original, a witness statement…)."""
        v.raise_if_errors(evidence_problems(data, self.ctx.today()))

        def change(s: Session, case: Case) -> int:
            assert case.id is not None
            row = Evidence(case_id=case.id, seq=next_seq(s, Evidence, case.id),
                           **self._evidence_values(data))
            s.add(row)
            s.flush()
            assert row.id is not None
            return row.id

        return self.guard.write(case_no, expected_version, change)

    @staticmethod
    def _evidence_values(data: EvidenceInput) -> dict[str, Any]:
        return {"name": data.name.strip(), "source": data.source.strip(),
                "proves": data.proves.strip(), "pages": data.pages, "form": data.form,
                "received_on": data.received_on}
