"""Full-text search and filters over the policy library."""

from __future__ import annotations

from datetime import date

import pytest

from app.knowledge.library import PolicyLibrary
from app.knowledge.national import cite_national, national_laws
from app.knowledge.policies import PolicyStatus
from app.knowledge.vocab import Topic

TODAY = date(2026, 11, 23)


@pytest.fixture(scope="module")
def library():
    return PolicyLibrary.builtin()


def keys(hits):
    return [(h.policy.id, h.article.key if h.article else None) for h in hits]


def test_two_character_terms(library):
    deposits = keys(library.search("押金"))
    assert deposits == [("000", "8"), ("000", "9"), ("001", "5"), ("003", "4"), ("004", "3.6")]
    rest = keys(library.search("休息"))
    assert ("000", "14") in rest and ("004", "3.11") in rest and ("001", "7") in rest
    # Articles whose heading says 休息 rank before those with the word only in the text.
    assert rest[:2] == [("001", "7"), ("003", "6")]


def test_longer_terms_and_whitespace_in_source(library):
    assert keys(library.search("最低工资")) == [
        ("000", "19"),
        ("001", "6"),
        ("002", "4"),
        ("003", "5"),
        ("003", "9"),
        ("004", "3.9"),
    ]
    # The source prints "超 4 小时"; the search ignores whitespace.
    assert ("004", "3.11") in keys(library.search("超4小时"))
    assert keys(library.search("首单平台")) == [("004", "4.4")]


def test_one_character_and_several_terms(library):
    assert len(library.search("薪")) > 3
    assert keys(library.search("押金 多平台")) == [
        ("000", "9"),
        ("001", "5"),
        ("003", "4"),
        ("004", "3.6"),
    ]


def test_title_hits_come_first(library):
    hits = library.search("西宁")
    assert hits[0].article is None and hits[0].policy.id == "001" and hits[0].tier == 0
    assert all(h.tier > 0 for h in hits[1:])


def test_snippet_shows_the_match(library):
    hit = library.search("首单")[0]
    assert "首单平台企业承担工伤保险责任" in hit.snippet


def test_filters(library):
    assert keys(library.search("押金", jurisdiction="淄博")) == [("003", "4")]
    in_force = library.search("押金", statuses=[PolicyStatus.IN_FORCE], today=TODAY)
    assert {h.policy.id for h in in_force} == {"003", "004"}
    by_topic = library.search("", topics=[Topic.OCCUPATIONAL_INJURY], jurisdiction="绍兴市")
    assert keys(by_topic) == [("004", "4.4")]
    assert [p.id for p in library.filter(statuses=[PolicyStatus.DRAFT], today=TODAY)] == ["000"]
    assert [p.id for p in library.filter(jurisdiction="未载明省份")] == ["002"]
    assert library.for_place("杭州市") == []


def test_no_hit(library):
    assert library.search("区块链") == []


def test_national_index():
    laws = national_laws()
    assert (
        cite_national("mediation_arbitration_law", "47")
        == "《中华人民共和国劳动争议调解仲裁法》第四十七条"
    )
    wanted = {
        "mediation_arbitration_law": {
            "5",
            "7",
            "10",
            "14",
            "15",
            "16",
            "21",
            "27",
            "28",
            "30",
            "32",
            "35",
            "43",
            "47",
            "48",
            "49",
            "50",
            "51",
            "53",
        },
        "arbitration_rules": {"29", "46", "74", "75", "76", "77", "78"},
        "civil_procedure_law": {
            "85",
            "126",
            "171",
            "187",
            "205",
            "206",
            "225",
            "226",
            "227",
            "250",
        },
        "labour_dispute_interpretation_1": {"2", "3", "13", "15", "19", "24"},
        "legal_aid_law": {"31", "42", "43"},
    }
    for law_id, arts in wanted.items():
        assert {a.key for a in laws[law_id].articles} == arts
    assert all(
        not a.text_verified and a.text is None for law in laws.values() for a in law.articles
    )
