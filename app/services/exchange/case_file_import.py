"""Reading a case JSON document: validate everything first, then write it in one go."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlmodel import Session, select

from app.errors import FieldError, ValidationFailed
from app.models import (
    Case,
    MediationAgreement,
    Organisation,
    Party,
    PerformanceTerm,
    StoredFile,
)
from app.models.enums import (
    AgentAuthority,
    AgentType,
    CaseStatus,
    ClaimType,
    EvidenceForm,
    FilingKind,
    FilingStatus,
    IntakeChannel,
    RelationshipCategory,
    ServedDocument,
    ServiceMethod,
    Stage,
)
from app.services.cases.field_checks import check_choice, check_not_before, parse_amount
from app.services.exchange.case_checks import check_raw, check_rules
from app.services.exchange.case_format import (
    ALWAYS_SKIP,
    CASE_SKIP,
    CHILDREN,
    FORMAT,
    FORMAT_VERSION,
    ORG_FIELDS,
    PARTY_REQUIRED,
    ParsedDocument,
    delete_case_contents,
    load_row,
    search_text_for,
    validate_parties,
)
from app.services.workflow import deadline_store

MAX_ROWS = 100_000
MAX_PROBLEMS = 200  # a file wrong in every row still gets a message a clerk can read
FILE_SKIP = {"sha256", "stored_at"}
SECTIONS = {"format", "format_version", "organisation", "case", "agreements",
            *(key for key, *_ in CHILDREN)}
ORG_SKIP = {c.name for c in Organisation.__table__.columns} - set(ORG_FIELDS)  # type: ignore[attr-defined]


def parse_document(data: Any, today: date) -> ParsedDocument:
    problems: list[FieldError] = []
    if not isinstance(data, dict):
        raise ValidationFailed([FieldError("$", "文件内容应为一个 JSON 对象")])
    if data.get("format") != FORMAT:
        raise ValidationFailed([FieldError("format", f"不是调解工作台的案件文件（应为 {FORMAT}）")])
    version = data.get("format_version")
    if version != FORMAT_VERSION:
        raise ValidationFailed([FieldError("format_version",
                                           f"文件格式版本 {version} 不受支持（本程序支持 {FORMAT_VERSION}）")])
    problems += check_raw(data)
    if any("嵌套超过" in p.message for p in problems):
        raise ValidationFailed(problems[:MAX_PROBLEMS])
    problems += [FieldError(str(key), "未知字段") for key in sorted(map(str, set(data) - SECTIONS))]
    org = data.get("organisation")
    if not isinstance(org, dict) or not isinstance(org.get("name"), str) or not org["name"].strip():
        problems.append(FieldError("organisation.name", "缺少组织名称"))
        org = {}
    else:
        org = load_row(Organisation, {k: org[k] for k in ORG_FIELDS if k in org}, ORG_SKIP,
                       "organisation", problems)
    raw_case = data.get("case")
    version = None
    if isinstance(raw_case, dict) and "version" in raw_case:
        raw_case = dict(raw_case)
        version = raw_case.pop("version")
        if isinstance(version, bool) or not isinstance(version, int) or not 1 <= version < 2**31:
            problems.append(FieldError("case.version", "版本号应为正整数"))
            version = None
    case = load_row(Case, raw_case, CASE_SKIP, "case", problems)
    for required in ("case_no", "received_on"):
        if not case.get(required):
            problems.append(FieldError(f"case.{required}", "缺少必填字段"))
    parsed = ParsedDocument(org, case, version=version)
    for key, model, skip, refs in CHILDREN:
        items = data.get(key, [])
        if not isinstance(items, list) or len(items) > MAX_ROWS:
            problems.append(FieldError(key, "应为数组（且不超过十万行）"))
            continue
        parsed.children[key] = []
        for i, item in enumerate(items):
            values = load_row(model, item, skip | set(refs), f"{key}[{i}]", problems)
            ref_values = {ref: item.get(ref) for ref in refs.values()} if isinstance(item, dict) else {}
            if key == "evidence" and isinstance(item, dict) and "file" in item:
                ref_values["file"] = load_row(StoredFile, item["file"], FILE_SKIP,
                                              f"{key}[{i}].file", problems)
            parsed.children[key].append((values, ref_values))
    _parse_agreements(data.get("agreements", []), parsed, problems)
    problems += _check_choices(parsed)
    problems += validate_parties([v for v, _ in parsed.children.get("parties", [])], today)
    problems += _check_refs(parsed)
    problems += _check_amounts(parsed)
    problems += check_not_before(case.get("accepted_on"), case.get("received_on"),
                                 "case.accepted_on", "受理日期", "收到申请日期")
    problems += check_rules(parsed, today)
    if problems:
        if len(problems) > MAX_PROBLEMS:
            rest = len(problems) - MAX_PROBLEMS
            problems = problems[:MAX_PROBLEMS] + [FieldError("…", f"另有 {rest} 处问题未列出")]
        raise ValidationFailed(problems)
    return parsed


def _parse_agreements(items: Any, parsed: ParsedDocument, problems: list[FieldError]) -> None:
    if not isinstance(items, list):
        problems.append(FieldError("agreements", "应为数组"))
        return
    for i, item in enumerate(items):
        values = load_row(MediationAgreement, item, ALWAYS_SKIP, f"agreements[{i}]", problems)
        terms_raw = item.get("terms", []) if isinstance(item, dict) else []
        terms = [load_row(PerformanceTerm, t, ALWAYS_SKIP | {"agreement_id"},
                          f"agreements[{i}].terms[{j}]", problems)
                 for j, t in enumerate(terms_raw if isinstance(terms_raw, list) else [])]
        if not values.get("signed_on"):
            problems.append(FieldError(f"agreements[{i}].signed_on", "缺少签订日期"))
        parsed.agreements.append((values, terms))


# (section, column) → the enumeration its values come from; parties are checked by validate_party.
CHOICES: dict[tuple[str, str], type] = {
    ("case", "intake_channel"): IntakeChannel, ("case", "category"): RelationshipCategory,
    ("case", "stage"): Stage, ("case", "status"): CaseStatus,
    ("claims", "claim_type"): ClaimType, ("evidence", "form"): EvidenceForm,
    ("filings", "kind"): FilingKind, ("filings", "status"): FilingStatus,
    ("agents", "agent_type"): AgentType, ("agents", "authority"): AgentAuthority,
    ("services", "method"): ServiceMethod, ("services", "document_kind"): ServedDocument,
}


def _check_choices(parsed: ParsedDocument) -> list[FieldError]:
    problems: list[FieldError] = []
    for (section, column), enum in CHOICES.items():
        rows = [parsed.case] if section == "case" else [v for v, _ in parsed.children.get(section, [])]
        for i, row in enumerate(rows):
            if column in row:
                where = f"case.{column}" if section == "case" else f"{section}[{i}].{column}"
                problems += check_choice(row[column], enum, where, column)
    return problems


def _check_refs(parsed: ParsedDocument) -> list[FieldError]:
    seqs = [v.get("seq") for v, _ in parsed.children.get("parties", [])]
    problems = []
    if len(seqs) != len(set(seqs)):
        problems.append(FieldError("parties", "当事人序号（seq）重复"))
    for key in ("agents", "claims", "evidence", "witnesses", *PARTY_REQUIRED):
        for i, (_, refs) in enumerate(parsed.children.get(key, [])):
            for ref_key, ref in refs.items():
                if ref is None and key in PARTY_REQUIRED:
                    problems.append(FieldError(f"{key}[{i}].{ref_key}", "缺少受送达的当事人序号"))
                if ref_key == "file" or ref is None:
                    continue
                if isinstance(ref, bool) or not isinstance(ref, int):
                    problems.append(FieldError(f"{key}[{i}].{ref_key}", "应为当事人序号（整数）"))
                elif ref not in seqs:
                    problems.append(FieldError(f"{key}[{i}].{ref_key}", f"引用的当事人序号 {ref} 不存在"))
    return problems


def _check_amounts(parsed: ParsedDocument) -> list[FieldError]:
    problems = []
    for i, (values, _) in enumerate(parsed.children.get("claims", [])):
        problems += parse_amount(values.get("amount"), f"claims[{i}].amount")[1]
    for i, (_, terms) in enumerate(parsed.agreements):
        for j, term in enumerate(terms):
            problems += parse_amount(term.get("amount"), f"agreements[{i}].terms[{j}].amount")[1]
    return problems


def find_organisation(s: Session, org: dict[str, Any]) -> Organisation | None:
    return s.exec(select(Organisation).where(Organisation.name == org["name"])).first()


def write_document(s: Session, parsed: ParsedDocument, today: date, stored: Case | None) -> None:
    """Insert the case, or replace the contents of `stored` (the same case of the same
    organisation, locked by the caller) with the document's.

    The case row is written once: a new case takes the file's version; a replaced one the
    file's version if that is ahead, else its own next version, so a clerk who opened the
    case before the import meets a conflict instead of overwriting it."""
    parties = [values for values, _ in parsed.children.get("parties", [])]
    if stored is None:
        org = find_organisation(s, parsed.organisation)
        if org is None:
            org = Organisation(**{k: v for k, v in parsed.organisation.items() if v is not None})
            s.add(org)
            s.flush()
        case = Case(organisation_id=org.id, **parsed.case, version=parsed.version or 1)
        case.search_text = search_text_for(case, parties)
        s.add(case)
        s.flush()
    else:
        case = stored
        assert case.id is not None
        target = max(case.version + 1, parsed.version or 0)
        for key, value in parsed.case.items():
            setattr(case, key, value)
        case.search_text = search_text_for(case, parties)
        case.version = target
        delete_case_contents(s, case.id)  # flushes the case row too, at its new version
    assert case.id is not None
    party_ids: dict[Any, int | None] = {}
    for key, model, _skip, refs in CHILDREN:
        for values, ref_values in parsed.children.get(key, []):
            row = model(case_id=case.id, **values)
            for column, ref_key in refs.items():
                setattr(row, column, party_ids.get(ref_values.get(ref_key)))
            if key == "evidence" and values.get("file_sha256"):
                _ensure_stored_file(s, values["file_sha256"], ref_values.get("file") or {})
            s.add(row)
            s.flush()
            if isinstance(row, Party):
                party_ids[row.seq] = row.id
    for values, terms in parsed.agreements:
        agreement = MediationAgreement(case_id=case.id, **values)
        s.add(agreement)
        s.flush()
        for term in terms:
            s.add(PerformanceTerm(agreement_id=agreement.id, **term))
    s.flush()
    deadline_store.recompute(s, case, today)


def _ensure_stored_file(s: Session, sha: str, meta: dict[str, Any]) -> None:
    # The JSON carries the hash, not the bytes (a case bundle carries both): register the hash
    # so `check` reports the file as missing until it is supplied.
    if s.get(StoredFile, sha) is None:
        s.add(StoredFile(sha256=sha, **{"size": 0, **meta}))
        s.flush()
