"""Short terms as one token of case_search_chars (migration 0020): a character's token or a
pair's, exactly the 1-2 character substrings a LIKE scan of search_text finds."""

from __future__ import annotations

import itertools
import sqlite3
from datetime import timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlmodel import Session, select

from app.bootstrap import Services
from app.models import Case
from app.models.case import PAIR_JOIN, char_token, pair_token, search_grams
from app.services.cases import search
from app.services.cases.dto import CaseQuery
from app.services.cases.search import like_pattern, search_terms
from tests.conftest import TODAY
from tests.factories import case_input, worker
from tests.services.cases.test_search_index import every_page, scan

# Characters that make the token scheme work: Chinese (one repeated: 王王), ASCII letters in
# both cases with x and X among them, digits, punctuation whose hex looks like digits (%
# → "25"), a character beyond the BMP, spaces, a tab, a no-break space, a zero-width space
# and a control character (word breaks: no pair across them).
TRICKY = "王伟张xXaAbB05%_-'\"𠮷é \t\u00a0\u200b\x07"
# Characters whose tokens run into each other when simply joined: 1·# is "1" "23", Ē·3 is
# "112" "3" and 1·ģ is "1" "123"; x is the letter and the joint.
AMBIGUOUS = "123abxX!#ģĒġ王伟"
term_chars = (st.sampled_from(AMBIGUOUS)
              | st.characters(blacklist_categories=("Cs", "Cc", "Zs", "Zl", "Zp")))

LIKE = sqlite3.connect(":memory:")


def like(text: str, term: str) -> bool:
    return bool(LIKE.execute("SELECT ? LIKE ? ESCAPE '\\'", (text, like_pattern(term))).fetchone()[0])


def query_token(term: str) -> str:
    return search.chars_query(term).strip('"')


@settings(max_examples=300)
@given(a=term_chars, b=term_chars)
def test_a_pair_token_is_one_pair_and_no_character(a: str, b: str) -> None:
    """Two pairs share a token only when their characters share tokens, and no character's
    token is a pair's (the proof is pair_token's docstring): any pair against every pair
    and character of the characters whose tokens run into each other."""
    for c, d in itertools.product(AMBIGUOUS + a + b, repeat=2):
        same = char_token(a) == char_token(c) and char_token(b) == char_token(d)
        assert (pair_token(a, b) == pair_token(c, d)) == same, (a, b, c, d)
        assert pair_token(a, b) != char_token(c)
    # What the proof rests on: a pair token holds an x and is 3 or more long (no character's
    # token is both), and no character but the letter x has an x in its token.
    assert PAIR_JOIN in pair_token(a, b) and len(pair_token(a, b)) >= 3
    assert PAIR_JOIN not in char_token(a) or char_token(a) == "x"


@given(st.lists(st.text(alphabet=TRICKY, max_size=2), min_size=2, max_size=2))
def test_the_letter_x_splits_one_way(pair: list[str]) -> None:
    # x, X and hex tokens side by side: "xxx" is x·x, "xx25" x·%, "25xx" %·x.
    assert ("x" + PAIR_JOIN + "x", "x" + PAIR_JOIN + "25") == (pair_token("x", "X"),
                                                               pair_token("X", "%"))
    if len(pair[0]) == len(pair[1]) == 2:
        assert (pair_token(*pair[0]) == pair_token(*pair[1])) == (
            [char_token(ch) for ch in pair[0]] == [char_token(ch) for ch in pair[1]])


@settings(max_examples=300)
@given(text=st.text(alphabet=TRICKY, max_size=12) | st.text(max_size=12),
       start=st.integers(0, 11), how=st.sampled_from(["piece", "across", "any"]),
       other=st.text(alphabet=TRICKY, min_size=1, max_size=2) | st.text(min_size=1, max_size=2))
def test_a_terms_token_is_there_exactly_when_like_finds_it(text: str, start: int, how: str,
                                                           other: str) -> None:
    """For any text and any 1-2 character term a clerk can type: the term's one token is
    among the text's tokens exactly when SQLite's LIKE finds the term in the text. The term
    is a piece of the text, or the characters either side of a word break in it (never a
    match), or anything. The text as search_text holds it (`searchable`: no NUL, where
    SQLite's LIKE stops and the index reads on; hypothesis found '\\x000' and '0')."""
    text = search.searchable(text)
    piece = text[start:start + 3]
    term = {"piece": piece[:2],
            "across": "".join(search_terms(piece))[:2],
            "any": other}[how] or other
    terms = search_terms(term)
    if terms != [term]:  # whitespace or control characters: never a term
        return
    assert (query_token(term) in search_grams(text).split()) == like(text, term)


def test_a_nul_in_a_field_is_a_word_break_in_the_search_text() -> None:
    """A NUL typed or imported into a field: the scan and the index see the same text."""
    assert search.searchable("张\x00三") == "张 三"
    stored = search.searchable("\x000")
    assert like(stored, "0") and query_token("0") in search_grams(stored).split()
    case = Case(case_no="（2026）调字第1号", city="杭州", summary="欠薪\x00三个月")
    assert "\x00" not in search.build_search_text(case, [worker(name="王\x00伟")])


@given(text=st.text(alphabet=TRICKY, max_size=12) | st.text(max_size=12))
def test_every_token_is_one_unicode61_token_and_distinct(text: str) -> None:
    """FTS5's unicode61 tokenizer (the index's) keeps each token whole and as it is."""
    grams = search_grams(text).split()
    assert len(grams) == len(set(grams))
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE t USING fts5(x, tokenize='unicode61 remove_diacritics 0')")
    db.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance')")
    db.execute("INSERT INTO t(x) VALUES (?)", (search_grams(text),))
    assert [term for (term,) in db.execute("SELECT term FROM v ORDER BY offset")] == grams


def add(s: Session, case_no: str, text: str, days_ago: int) -> Case:
    """A case with this search text, through the ORM (the flush hook derives search_chars)."""
    org = s.scalars(select(Case.organisation_id)).first()
    case = Case(case_no=case_no, organisation_id=org, received_on=TODAY - timedelta(days=days_ago),
                search_text=text)
    s.add(case)
    s.commit()
    return case


TEXTS = ("王王伟 张三", "张 三迅达", "AbX xx 5%", "x𠮷王 ab", "é-_'\"", "王\t伟\u00a0张\u200b三\x07x",
         "XXX 𠮷𠮷")
TERMS = ("王王", "王伟", "王", "伟张", "三迅", "张三", "ab", "AB", "b", "x", "X", "xx", "Xx", "bx",
         "xa", "5%", "%", "_", "-_", "'\"", "𠮷", "𠮷王", "𠮷𠮷", "x𠮷", "é", "E", "张 三")


def test_short_terms_are_the_scan_after_corrections_and_deletes(services: Services) -> None:
    """On SQLite (one token of the index) and PostgreSQL (md_search_grams): pairs at word
    breaks, ASCII case, punctuation, characters beyond the BMP, the letter x, repeated
    characters; then after corrections of the search text and the received date (the update
    trigger moves the case in the index) and a delete."""
    def same() -> None:
        for term in TERMS:
            assert every_page(services, term, True) == scan(services, term), term
            assert every_page(services, term, False) == scan(services, term, "ASC"), term
        if services.ctx.engine.dialect.name == "sqlite":
            with services.ctx.engine.begin() as conn:
                conn.exec_driver_sql("INSERT INTO case_search_chars(case_search_chars, rank) "
                                     "VALUES ('integrity-check', 1)")

    services.cases.create_case(case_input())  # the office, and a case of the service's
    with Session(services.ctx.engine) as s:
        cases = [add(s, f"临时{i}", text, i % 3) for i, text in enumerate(TEXTS)]
        assert scan(services, "王王") and scan(services, "x") and scan(services, "𠮷王")
        same()
        cases[0].search_text = "王 王伟"  # 王王 no more: now across a word break
        cases[2].received_on = TODAY - timedelta(days=30)
        cases[3].search_text, cases[3].received_on = "XA", TODAY - timedelta(days=5)
        s.commit()
        assert [c.case_no for c in services.cases.list_cases(CaseQuery(search="王王")).rows] == []
        same()
        s.delete(cases[1])
        s.delete(cases[5])
        s.commit()
        same()
        left = s.scalars(select(Case.search_chars).order_by(Case.id)).all()
    assert left[1:] == [search_grams(t) for t in ("王 王伟", "AbX xx 5%", "XA", "é-_'\"", "XXX 𠮷𠮷")]


def test_a_case_from_the_service_is_found_by_its_pairs(sqlite_services: Services) -> None:
    """Through create_case and a correction of the applicant's name (the edit service
    rewrites the search text): the new name's pair finds the case, the old one no longer."""
    case_no = sqlite_services.cases.create_case(case_input(summary="工资纠纷")).case_no
    assert [r.case_no for r in sqlite_services.cases.list_cases(
        CaseQuery(search="张三")).rows] == [case_no]
    version = sqlite_services.case_detail.detail(case_no).version
    sqlite_services.case_edit.update_party(case_no, 1, worker(name="钱七"), version)
    assert [r.case_no for r in sqlite_services.cases.list_cases(
        CaseQuery(search="钱七")).rows] == [case_no]
    assert sqlite_services.cases.list_cases(CaseQuery(search="张三")).total == 0
    assert sqlite_services.cases.list_cases(CaseQuery(search="三")).total == 0


@pytest.mark.parametrize("term, token", [("王", "738b"), ("王伟", "738bx4f1f"), ("Ab", "axb"),
                                         ("x", "x"), ("xX", "xxx"), ("%", "25")])
def test_a_short_term_is_one_quoted_token(term: str, token: str) -> None:
    assert search.chars_query(term) == f'"{token}"'
