"""Personal data: masking for roles that may not see it, and anonymised typical-case exports."""

from __future__ import annotations

import copy
import re
from typing import Any

PERSON_FIELDS_TO_BLANK = ("id_number", "domicile", "mailing_address", "phone", "birth_date",
                          "workplace")
ORG_FIELDS_TO_BLANK = ("credit_code", "domicile", "mailing_address", "phone",
                       "legal_representative")
LETTERS = "甲乙丙丁戊己庚辛壬癸"


def mask_id(number: str) -> str:
    """330602199003071234 → 330602********1234: region and last four kept for recognition."""
    if len(number) <= 10:
        return "*" * len(number)
    return number[:6] + "*" * (len(number) - 10) + number[-4:]


def mask_phone(phone: str) -> str:
    digits = re.sub(r"\D", "", phone)
    if len(digits) == 11 and digits.startswith("1"):
        return digits[:3] + "****" + digits[-4:]
    return phone[:-4] + "****" if len(phone) > 4 else "****"


def mask_document(document: dict[str, Any]) -> dict[str, Any]:
    """A case document with ID numbers and phone numbers masked (for restricted roles)."""
    masked = copy.deepcopy(document)
    for party in masked.get("parties", []):
        if party.get("id_number"):
            party["id_number"] = mask_id(party["id_number"])
        if party.get("phone"):
            party["phone"] = mask_phone(party["phone"])
    for agent in masked.get("agents", []):
        if agent.get("id_number"):
            agent["id_number"] = mask_id(agent["id_number"])
        if agent.get("phone"):
            agent["phone"] = mask_phone(agent["phone"])
    for row in masked.get("witnesses", []) + masked.get("service_addresses", []):
        if row.get("phone"):
            row["phone"] = mask_phone(row["phone"])
        if row.get("email"):
            local, _, domain = row["email"].partition("@")
            row["email"] = f"{local[:1]}***@{domain}"
    return masked


def _pseudonym(index: int, is_person: bool) -> str:
    letter = LETTERS[index % len(LETTERS)] + ("" if index < len(LETTERS) else str(index // 10))
    return f"劳动者{letter}" if is_person else f"某公司{letter}"


def anonymise_document(document: dict[str, Any]) -> dict[str, Any]:
    """Names replaced consistently everywhere they appear; numbers and addresses removed."""
    result = copy.deepcopy(document)
    replacements: dict[str, str] = {}
    people = orgs = 0
    for party in result.get("parties", []):
        is_person = party.get("party_type") == "person"
        original = party.get("name", "")
        if original and original not in replacements:
            replacements[original] = _pseudonym(people if is_person else orgs, is_person)
            people, orgs = (people + 1, orgs) if is_person else (people, orgs + 1)
        for key in PERSON_FIELDS_TO_BLANK if is_person else ORG_FIELDS_TO_BLANK:
            if key in party:
                party[key] = None if key == "birth_date" else ""
    for agent in result.get("agents", []):
        original = agent.get("name", "")
        if original and original not in replacements:
            replacements[original] = f"代理人{LETTERS[len(replacements) % len(LETTERS)]}"
        for key in ("id_number", "phone"):
            agent[key] = ""
    for i, witness in enumerate(result.get("witnesses", [])):
        original = witness.get("name", "")
        if original and original not in replacements:
            replacements[original] = f"证人{LETTERS[i % len(LETTERS)]}"
        for key in ("address", "phone"):
            witness[key] = ""
    for row in result.get("service_addresses", []):
        for key in ("address", "recipient", "phone", "email"):
            row[key] = ""
    for row in result.get("services", []):
        for key in ("tracking_no", "address", "signed_by", "server"):
            row[key] = ""
    result["case"]["case_no"] = "（典型案例，已匿名）"
    result["case"]["representatives"] = ""
    # Longest names first so "张三丰" is not half-replaced by a rule for "张三".
    ordered = sorted(replacements.items(), key=lambda kv: -len(kv[0]))
    return _replace_everywhere(result, ordered)


def _replace_everywhere(value: Any, replacements: list[tuple[str, str]]) -> Any:
    if isinstance(value, str):
        for old, new in replacements:
            value = value.replace(old, new)
        return value
    if isinstance(value, list):
        return [_replace_everywhere(v, replacements) for v in value]
    if isinstance(value, dict):
        return {k: _replace_everywhere(v, replacements) for k, v in value.items()}
    return value
