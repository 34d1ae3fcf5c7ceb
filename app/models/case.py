"""The dispute case and the people and claims in it."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache

from sqlalchemy import Index, event
from sqlmodel import Field, SQLModel

from app.models.base import Money, optimistic_lock, utcnow

STATS_COLUMNS = ("received_on", "organisation_id", "stage", "state", "status", "category", "city",
                 "occupation", "platform", "collective", "accepted_on", "mediator_id")
# What the case register lists of each case, in its order (reports/report_service.py).
REGISTER_COLUMNS = ("received_on", "case_no", "id", "organisation_id", "accepted_on", "occupation",
                    "platform", "city", "stage", "status", "mediator_id")


class Case(SQLModel, table=True):
    """One dispute followed from intake to court (案件)."""

    __tablename__ = "dispute_case"

    id: int | None = Field(default=None, primary_key=True)
    case_no: str = Field(max_length=80, unique=True)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    intake_channel: str = Field(default="written", max_length=20)
    received_on: date = Field(index=True)
    accepted_on: date | None = None
    province: str = Field(default="", max_length=40)
    city: str = Field(default="", max_length=40, index=True)
    district: str = Field(default="", max_length=60)
    category: str = Field(default="undetermined", max_length=20)
    category_reason: str = Field(default="")
    occupation: str = Field(default="", max_length=60, index=True)
    platform: str = Field(default="", max_length=100, index=True)
    collective: bool = Field(default=False)
    representatives: str = Field(default="", max_length=300)
    stage: str = Field(default="intake", max_length=40, index=True)
    state: str = Field(default="intake.received", max_length=60)
    status: str = Field(default="active", max_length=20, index=True)
    summary: str = Field(default="", max_length=500)
    facts: str = Field(default="")
    mediator_id: int | None = Field(default=None, foreign_key="mediator.id")
    owner_user_id: int | None = Field(default=None, foreign_key="app_user.id")
    # Concatenated case number, names, ID numbers, phones and summary; the search index reads it.
    search_text: str = Field(default="")
    # search_text's distinct character and adjacent-pair tokens (search_grams), derived on
    # every insert and update: SQLite's index for 1-2 character terms reads it (migrations
    # 0008, 0020; PostgreSQL searches md_search_grams(search_text) instead).
    search_chars: str = Field(default="")
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    version: int = Field(default=1)

    __mapper_args__ = optimistic_lock()
    # Statistics read these columns for every case of a period: a covering index lets the
    # database answer from the index alone instead of the wide rows (search text, facts).
    # (status, stage): the workbench's active cases per stage from the index alone (0018).
    # The case register (reports: 案件登记台账) reads a period's cases in its order from
    # ix_dispute_case_register alone, and their names from ix_party_register: a month's 16,828
    # cases are scattered over a 100,000-case table, and their wide case and party rows came to
    # more pages than the page cache holds (184 MB read again at each register; migration 0019).
    __table_args__ = (Index("ix_dispute_case_stats", *STATS_COLUMNS),
                      Index("ix_dispute_case_status_stage", "status", "stage"),
                      Index("ix_dispute_case_register", *REGISTER_COLUMNS))


# A token no character of a search term encodes to: whitespace and control characters never
# reach a term (search_terms splits on them), so no pair is made across them.
CHAR_BREAK = "zz"
# Between the two characters' tokens of a pair token (王伟 → "738bx4f1f").
PAIR_JOIN = "x"


def char_token(ch: str) -> str:
    """One character as an FTS5 unicode61 token with LIKE's matching: ASCII letters and digits
    as themselves (lower case: LIKE ignores ASCII case only), anything else as its code point
    in hex, which the tokenizer neither folds nor splits."""
    if ch.isascii() and ch.isalnum():
        return ch.lower()
    return f"{ord(ch):x}"


@lru_cache(maxsize=65536)
def _token_or_break(ch: str) -> str:
    return CHAR_BREAK if ch.isspace() or not ch.isprintable() else char_token(ch)


def pair_token(first: str, second: str) -> str:
    """Two adjacent characters as one token: their tokens joined by "x" (王伟 → "738bx4f1f").

    It is one unicode61 token (letters and digits only) and no other pair's or character's:
    - a character's token is one ASCII letter or digit, or the hex code point (0-9a-f, at
      least 2 digits: characters below U+0020 are control characters, never tokens), so the
      only character token holding an "x" is the letter x itself, "x";
    - a pair token holds an "x" and is 3 or more long, so it is no character's token;
    - in a pair token t = a + "x" + b, either t starts with "x", and then a is "x" (no token
      is empty, and an a without "x" would have to end before t's first "x"), or it does not,
      and then a is free of "x" (a = "x" would start t) and ends right before t's first "x".
      Either way a, and with it b, is read off t alone: two pairs with one token are one pair.
    Tested with hypothesis over random characters (tests/services/cases/test_search_pairs.py)."""
    return char_token(first) + PAIR_JOIN + char_token(second)


def search_grams(text: str) -> str:
    """search_text as the distinct tokens of its characters and of its adjacent pairs of
    characters inside a word (王伟 1 → "738b 4f1f 738bx4f1f 1"): exactly the 1 and 2 character
    substrings a term can be (no whitespace or control character in it), so a 1-2 character
    term is one token of case_search_chars (migration 0020)."""
    grams: dict[str, None] = {}
    last = CHAR_BREAK
    for ch in text:
        token = _token_or_break(ch)
        if token != CHAR_BREAK:
            grams[token] = None
            if last != CHAR_BREAK:
                grams[last + PAIR_JOIN + token] = None
        last = token
    return " ".join(grams)


def phrase_chars(text: str) -> str:
    """The search_chars of revisions 0008 to 0019, one token per character in order with word
    breaks kept (王伟 → "738b 4f1f"), searched as phrases: frozen here for migration 0008 and
    the downgrade of 0020, nothing else."""
    out: list[str] = []
    for ch in text:
        token = _token_or_break(ch)
        if token == CHAR_BREAK:
            if out and out[-1] != CHAR_BREAK:
                out.append(CHAR_BREAK)
        else:
            out.append(token)
    return " ".join(out)


# The rowid of a case in the SQLite full-text indexes (migration 0017): its received date and
# id in one integer, yyyymmdd · 2³² + id, so the indexes hold a term's cases in the list's
# default order (received_on, then id) and a page in date order is read off the index's end
# and stops. The id is the low 32 bits (SEARCH_KEY_ID_MASK). SQLite stores a date as
# 'YYYY-MM-DD' text, so the trigger expression below is the same number.
SEARCH_KEY_SHIFT = 4294967296  # 2**32
SEARCH_KEY_ID_MASK = SEARCH_KEY_SHIFT - 1


def search_key(received_on: date, case_id: int) -> int:
    """The case's rowid in case_search / case_search_chars."""
    day = received_on.year * 10000 + received_on.month * 100 + received_on.day
    return day * SEARCH_KEY_SHIFT + case_id


def search_key_sql(row: str = "") -> str:
    """search_key as SQLite computes it from a row of dispute_case (`row` = "new." in a
    trigger, "" in a SELECT)."""
    return (f"CAST(replace({row}received_on, '-', '') AS INTEGER) * {SEARCH_KEY_SHIFT} "
            f"+ {row}id")


@event.listens_for(Case, "before_insert")
@event.listens_for(Case, "before_update")
def _derive_search_chars(_mapper: object, _connection: object, target: Case) -> None:
    chars = search_grams(target.search_text or "")
    if target.search_chars != chars:
        target.search_chars = chars


class Party(SQLModel, table=True):
    """An applicant, respondent or third party: a natural person or an organisation."""

    __tablename__ = "party"
    __table_args__ = (Index("ix_party_case_role_kind", "case_id", "role", "kind"),  # statistics
                      # the register's names of each case in their order (migration 0019)
                      Index("ix_party_register", "case_id", "seq", "id", "role", "name"))

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="dispute_case.id", index=True)
    seq: int = Field(default=1)
    role: str = Field(max_length=20)
    party_type: str = Field(default="person", max_length=20)
    kind: str = Field(default="worker", max_length=20)
    name: str = Field(max_length=200, index=True)
    sex: str = Field(default="", max_length=10)
    birth_date: date | None = None
    ethnicity: str = Field(default="", max_length=20)
    id_type: str = Field(default="", max_length=30)
    id_number: str = Field(default="", max_length=40, index=True)
    domicile: str = Field(default="", max_length=300)
    mailing_address: str = Field(default="", max_length=300)
    phone: str = Field(default="", max_length=40)
    occupation: str = Field(default="", max_length=60)
    workplace: str = Field(default="", max_length=200)
    credit_code: str = Field(default="", max_length=18)
    legal_representative: str = Field(default="", max_length=60)
    representative_title: str = Field(default="", max_length=60)
    version: int = Field(default=1)

    __mapper_args__ = optimistic_lock()


class Agent(SQLModel, table=True):
    """A party's agent (委托代理人) and the authority granted."""

    __tablename__ = "agent"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="dispute_case.id", index=True)
    party_id: int = Field(foreign_key="party.id", index=True)
    name: str = Field(max_length=60)
    agent_type: str = Field(max_length=20)
    authority: str = Field(default="general", max_length=20)
    authority_detail: str = Field(default="", max_length=500)
    id_number: str = Field(default="", max_length=40)
    phone: str = Field(default="", max_length=40)
    workplace: str = Field(default="", max_length=200)


class Claim(SQLModel, table=True):
    """A claim (请求事项) with its amount in RMB and the period it covers."""

    __tablename__ = "claim"
    __table_args__ = (Index("ix_claim_case_type_amount", "case_id", "claim_type", "amount"),)

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="dispute_case.id", index=True)
    party_id: int | None = Field(default=None, foreign_key="party.id")
    seq: int = Field(default=1)
    claim_type: str = Field(max_length=40)
    description: str = Field(default="", max_length=1000)
    amount: Decimal | None = Field(default=None, sa_type=Money)
    period_start: date | None = None
    period_end: date | None = None
