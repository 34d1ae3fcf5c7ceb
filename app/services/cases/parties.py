"""Parties already on record, found as the clerk types (当事人检索), to copy into a new case."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import col, or_, select

from app.models import Party
from app.services.context import ServiceContext

# Past the last character any name or number uses: "张" ≤ name < "张\uffff" is a prefix range
# both SQLite and PostgreSQL answer from the name index (LIKE 'x%' cannot on SQLite).
RANGE_END = "\uffff"


@dataclass(frozen=True)
class PartySuggestion:
    """An earlier party's particulars (the most recent entry of that person or company)."""

    party_type: str
    kind: str
    name: str
    sex: str
    birth_date: date | None
    ethnicity: str
    id_type: str
    id_number: str
    domicile: str
    mailing_address: str
    phone: str
    occupation: str
    workplace: str
    credit_code: str
    legal_representative: str
    representative_title: str

    @property
    def key(self) -> str:
        return self.id_number or self.credit_code or self.name

    @property
    def caption(self) -> str:
        """The completer line: name plus what tells two 张伟 apart."""
        extra = self.id_number or self.credit_code or self.phone
        masked = extra[:6] + "…" + extra[-4:] if len(extra) > 12 else extra
        return f"{self.name}（{masked}）" if masked else self.name


class PartyService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def search(self, prefix: str, limit: int = 10, party_type: str | None = None
               ) -> list[PartySuggestion]:
        """Parties whose name, ID number, credit code or phone starts with `prefix`."""
        text = prefix.strip()
        if not text:
            return []
        upper = text.upper()

        def starts(column: object, value: str) -> object:
            column = col(column)  # type: ignore[arg-type]
            return (column >= value) & (column < value + RANGE_END)

        if text[0].isdigit():
            # Numbers: ID (indexed), credit code and phone (scanned; typed rarely, debounced).
            condition = or_(starts(Party.id_number, upper), starts(Party.credit_code, upper),
                            starts(Party.phone, text))
        else:
            condition = starts(Party.name, text)
        query = select(Party).where(condition)
        if party_type:
            query = query.where(Party.party_type == party_type)
        # Newest first, a few more rows than asked: the same person appears once per case.
        query = query.order_by(col(Party.id).desc()).limit(limit * 8)
        found: dict[str, PartySuggestion] = {}
        with self.ctx.session() as s:
            for p in s.exec(query):
                item = PartySuggestion(p.party_type, p.kind, p.name, p.sex, p.birth_date,
                                       p.ethnicity, p.id_type, p.id_number, p.domicile,
                                       p.mailing_address, p.phone, p.occupation, p.workplace,
                                       p.credit_code, p.legal_representative,
                                       p.representative_title)
                found.setdefault(item.key, item)
                if len(found) >= limit:
                    break
        return list(found.values())
