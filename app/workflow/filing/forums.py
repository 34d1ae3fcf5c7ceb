"""Which forum a filing goes to (管辖), as pure rules over the forum registry.

- 仲裁 / 仲裁审查: the commission where the contract is performed or the employer sits; when
  both are asked, the place of performance (调解仲裁法 art 21; 办案规则 art 74 for review).
- 劳动争议诉讼: the basic court where the employer sits or the contract is performed; the
  employer's when the place of performance is unclear (解释（一） art 3).
- 撤销仲裁裁决: the intermediate court where the commission sits (调解仲裁法 art 49).
- 司法确认: the basic court where the mediation organisation is (or a party's domicile); for
  a mediation the court invited, that court (民诉法 art 205).
- 支付令: the basic court of the debtor's domicile (民诉法 art 225; 民诉解释 art 23).
- 法律援助: the legal-aid body where the deciding authority sits (法律援助法 art 38).
- 劳动保障监察: where the breach happened (劳动保障监察条例 art 13).
- 强制执行: a judgment, a confirmation ruling or a payment order — the court of first instance
  (the one that made it) or the same-level court where the property is (民诉法 art 235 ¶1); a
  labour commission's award or 调解书 — the court where the respondent is domiciled or the
  property is (调解仲裁法 art 51, 民诉法 art 235 ¶2), at the basic level. 法释〔2018〕5号 art 2
  (the intermediate court, with delegation to a basic court) covers only awards made under the
  仲裁法 (its art 1), not labour arbitration.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum


class ForumKind(StrEnum):
    ARBITRATION = "arbitration"
    BASIC_COURT = "basic_court"
    INTERMEDIATE_COURT = "intermediate_court"
    LEGAL_AID = "legal_aid"
    LABOUR_INSPECTION = "labour_inspection"


KIND_LABELS = {ForumKind.ARBITRATION: "劳动人事争议仲裁委员会",
               ForumKind.BASIC_COURT: "基层人民法院",
               ForumKind.INTERMEDIATE_COURT: "中级人民法院",
               ForumKind.LEGAL_AID: "法律援助机构",
               ForumKind.LABOUR_INSPECTION: "劳动保障监察机构"}

A_LAW = "《中华人民共和国劳动争议调解仲裁法》"
CPL = "《中华人民共和国民事诉讼法》"
INTERP1 = "《最高人民法院关于审理劳动争议案件适用法律问题的解释（一）》"
BASES = {
    "arbitration": f"{A_LAW}第二十一条",
    "arbitration_review": f"《劳动人事争议仲裁办案规则》第七十四条、{A_LAW}第二十一条",
    "lawsuit": f"{INTERP1}第三条",
    "award_revocation": f"{A_LAW}第四十九条",
    "judicial_confirmation": f"{CPL}第二百零五条",
    "payment_order": f"{CPL}第二百二十五条、《最高人民法院关于适用〈中华人民共和国民事诉讼法〉"
                     "的解释》第二十三条",
    "legal_aid": "《中华人民共和国法律援助法》第三十八条",
    "labour_inspection": "《劳动保障监察条例》第十三条",
    "enforcement": f"{CPL}第二百三十五条",
}
# 执行依据 (the title enforced) by the filing that produced it: made by a court (民诉法 art 235
# ¶1: the first-instance court) or by a labour commission (art 235 ¶2, 调解仲裁法 art 51).
COURT_TITLES = frozenset({"lawsuit", "judicial_confirmation", "payment_order"})
COMMISSION_TITLES = frozenset({"arbitration", "arbitration_review"})
# Which of a case's filings is its title when several are recorded (a judgment supersedes the
# award it was brought against); the same order as documents/elements.py TITLES.
TITLE_ORDER = ("lawsuit", "arbitration", "arbitration_review", "judicial_confirmation",
               "payment_order")
ENFORCEMENT_BASES = {
    "court": f"{CPL}第二百三十五条第一款",
    "commission": f"{A_LAW}第五十一条、{CPL}第二百三十五条第二款",
}
# The kind of forum each filing kind goes to.
FORUM_OF = {"arbitration": ForumKind.ARBITRATION, "arbitration_review": ForumKind.ARBITRATION,
            "lawsuit": ForumKind.BASIC_COURT, "award_revocation": ForumKind.INTERMEDIATE_COURT,
            "judicial_confirmation": ForumKind.BASIC_COURT,
            "payment_order": ForumKind.BASIC_COURT, "legal_aid": ForumKind.LEGAL_AID,
            "enforcement": ForumKind.BASIC_COURT,
            "labour_inspection": ForumKind.LABOUR_INSPECTION}


@dataclass(frozen=True)
class ForumEntry:
    kind: str
    name: str
    province: str = ""
    city: str = ""
    district: str = ""
    address: str = ""
    phone: str = ""
    source: str = ""
    verified: bool = False

    def describe(self) -> str:
        return self.name + ("" if self.verified else "（未核实）")


@dataclass(frozen=True)
class ForumFacts:
    """What jurisdiction depends on: the place of performance (the case's city and district),
    the employer's, the organisation's and each debtor's address, the commission that heard
    the case, and the court that invited the mediation."""

    city: str = ""
    district: str = ""
    employer_addresses: Sequence[str] = ()
    org_address: str = ""
    debtor_address: str = ""
    commission: str = ""
    inviting_court: str = ""
    party_addresses: Sequence[str] = ()  # every party's domicile (司法确认: 当事人住所地)
    title_kind: str = ""  # the filing whose result is enforced (执行依据): lawsuit, arbitration…
    title_forum: str = ""  # the court or commission that made it


@dataclass(frozen=True)
class Proposal:
    filing_kind: str
    name: str  # the forum proposed ("" when nothing could be found)
    basis: str  # the article
    reason: str  # why this one, in Chinese
    entry: ForumEntry | None = None  # the registry's row (None: built from the place only)
    alternatives: tuple[ForumEntry, ...] = field(default_factory=tuple)

    @property
    def warning(self) -> str:
        if not self.name:
            return f"受理机关登记表中没有合适的{self.reason}，请在“设置 → 受理机关”中添加或手工填写"
        if self.entry is None:
            return f"“{self.name}”不在受理机关登记表中，名称按所在地拼写，请核对"
        if not self.entry.verified:
            return unverified_note(self.name)
        return ""


def unverified_note(name: str) -> str:
    """What a document naming an unverified registry entry says, once, where it is shown."""
    return (f"“{name}”的名称和地址取自受理机关登记表中未经核实的条目，"
            "提交前请核对（设置 → 受理机关）")


def short(place: str) -> str:
    """绍兴市 → 绍兴, 越城区 → 越城: addresses are often written without the suffix."""
    for suffix in ("市", "区", "县"):
        if len(place) > 2 and place.endswith(suffix):
            return place[: -len(suffix)]
    return place


def locate(address: str, registry: Sequence[ForumEntry]) -> tuple[str, str]:
    """The (city, district) of the registry an address names (绍兴市越城区… → 绍兴市, 越城区)."""
    text = address or ""
    cities = sorted({e.city for e in registry if e.city}, key=len, reverse=True)
    city = next((c for c in cities if c in text or short(c) in text), "")
    if not city:  # a county-level city or county written alone: 浙江省诸暨市…
        found = next((e for e in sorted(registry, key=lambda e: len(e.district), reverse=True)
                      if len(e.district) >= 3 and e.district in text), None)
        return (found.city, found.district) if found is not None else ("", "")
    districts = sorted({e.district for e in registry if e.city == city and e.district},
                       key=len, reverse=True)
    district = next((d for d in districts if d in text or (len(short(d)) >= 2 and
                                                            short(d) in text)), "")
    return city, district


def _same(a: str, b: str) -> bool:
    return bool(a) and bool(b) and short(a) == short(b)


def find(registry: Sequence[ForumEntry], kind: ForumKind, city: str,
         district: str = "") -> ForumEntry | None:
    """The registry's forum of that kind for a district (basic courts) or a city."""
    of_kind = [e for e in registry if e.kind == kind and _same(e.city, city)]
    if kind == ForumKind.BASIC_COURT:
        return next((e for e in of_kind if _same(e.district, district)), None)
    if district:  # a district commission or centre, where the registry has one
        local = next((e for e in of_kind if _same(e.district, district)), None)
        if local is not None and kind != ForumKind.INTERMEDIATE_COURT:
            return local
    return next((e for e in of_kind if not e.district), None)


def _spelled(kind: ForumKind, city: str, district: str) -> str:
    """The usual official spelling when the registry has no row (绍兴市越城区人民法院)."""
    if not city:
        return ""
    if kind == ForumKind.BASIC_COURT:
        return f"{city}{district}人民法院" if district else ""
    if kind == ForumKind.INTERMEDIATE_COURT:
        return f"{city}中级人民法院"
    if kind == ForumKind.ARBITRATION:
        return f"{city}劳动人事争议仲裁委员会"
    if kind == ForumKind.LEGAL_AID:
        return f"{city}法律援助中心"
    return f"{city}人力资源和社会保障局（劳动保障监察）"


def _place(kind: ForumKind, city: str, district: str, registry: Sequence[ForumEntry],
           ) -> tuple[str, ForumEntry | None]:
    entry = find(registry, kind, city, district)
    return (entry.name, entry) if entry is not None else (_spelled(kind, city, district), None)


def propose(filing_kind: str, facts: ForumFacts,
            registry: Sequence[ForumEntry]) -> Proposal | None:
    """The forum the rules give for one filing kind, with the others that also have
    jurisdiction; None for a kind these rules do not cover (its filing's own forum is used)."""
    kind = FORUM_OF.get(filing_kind)
    if kind is None:
        return None
    basis = BASES[filing_kind]
    employer = [locate(a, registry) for a in facts.employer_addresses if a]
    employer = [p for p in employer if p[0]]
    places: list[tuple[str, str, str]] = []  # (city, district, why)
    if filing_kind in ("arbitration", "arbitration_review", "lawsuit"):
        if facts.city:
            places.append((facts.city, facts.district, "劳动合同履行地"))
        places += [(c, d, "用人单位所在地") for c, d in employer]
    elif filing_kind == "award_revocation":
        commission = next((e for e in registry if e.name == facts.commission), None)
        city = commission.city if commission is not None else facts.city
        places.append((city, "", "作出裁决的仲裁委员会所在地"))
    elif filing_kind == "judicial_confirmation":
        if facts.inviting_court:
            entry = next((e for e in registry if e.name == facts.inviting_court), None)
            return Proposal(filing_kind, facts.inviting_court, basis,
                            "邀请调解组织先行调解的人民法院", entry)
        city, district = locate(facts.org_address, registry)
        if city:
            places.append((city, district, "调解组织所在地"))
        if facts.city and facts.district:
            places.append((facts.city, facts.district, "调解组织所在地（按案件所在地）"))
        places += [(c, d, "当事人住所地") for c, d in
                   (locate(a, registry) for a in facts.party_addresses if a) if c]
    elif filing_kind == "payment_order":
        city, district = locate(facts.debtor_address, registry)
        if city:
            places.append((city, district, "债务人住所地"))
        if facts.city:
            places.append((facts.city, facts.district, "债务人住所地不明，按案件所在地"))
    elif filing_kind == "enforcement":
        return _enforcement(facts, registry, basis)
    else:  # legal aid, labour inspection: where the dispute is
        places.append((facts.city, facts.district, "案件所在地"))
    found: list[tuple[str, ForumEntry | None, str]] = []
    for city, district, why in places:
        name, entry = _place(kind, city, district, registry)
        if name and all(name != f[0] for f in found):
            found.append((name, entry, why))
    if not found:
        return Proposal(filing_kind, "", basis, KIND_LABELS[kind])
    name, entry, why = found[0]
    others = tuple(e for _n, e, _w in found[1:] if e is not None)
    return Proposal(filing_kind, name, basis, why, entry, others)


def _enforcement(facts: ForumFacts, registry: Sequence[ForumEntry], basis: str) -> Proposal:
    """民诉法 art 235: a court's title goes back to the court that made it (or the same-level
    court where the property is); a commission's award or 调解书 to the basic court where the
    respondent is domiciled (or the property is: the respondents' other seats are offered)."""
    debtors = [p for p in (locate(a, registry) for a in facts.employer_addresses if a) if p[0]]
    courts: list[tuple[str, ForumEntry | None]] = []
    for city, district in debtors:
        name, entry = _place(ForumKind.BASIC_COURT, city, district, registry)
        if name and all(name != c[0] for c in courts):
            courts.append((name, entry))
    others = tuple(e for _n, e in courts if e is not None)
    if facts.title_kind in COURT_TITLES and facts.title_forum:
        entry = next((e for e in registry if e.name == facts.title_forum), None)
        return Proposal("enforcement", facts.title_forum, ENFORCEMENT_BASES["court"],
                        "作出执行依据的第一审人民法院",
                        entry, tuple(e for e in others if e.name != facts.title_forum))
    why = ("被执行人住所地（执行依据为劳动人事争议仲裁委员会的裁决书或调解书）"
           if facts.title_kind in COMMISSION_TITLES else "被执行人住所地（执行依据未登记，请核对）")
    if courts:
        name, entry = courts[0]
        return Proposal("enforcement", name, ENFORCEMENT_BASES["commission"], why, entry,
                        others[1:] if entry is not None else others)
    if facts.city and facts.district:  # the respondent's seat is unknown: where the case is
        name, entry = _place(ForumKind.BASIC_COURT, facts.city, facts.district, registry)
        return Proposal("enforcement", name, ENFORCEMENT_BASES["commission"],
                        "被执行人住所地不明，按案件所在地", entry)
    return Proposal("enforcement", "", basis, KIND_LABELS[ForumKind.BASIC_COURT])
