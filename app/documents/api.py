"""Documents from a CaseData snapshot: kinds, required-field check, render, stage packs."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.documents.case_context import (
    address_context,
    agent_context,
    build_context,
    debtor_context,
    debtors,
    party_dict,
    served_context,
)
from app.documents.data import AgentData, CaseData, PartyData
from app.documents.elements import enforcement_contexts
from app.documents.packs import (
    COLLECTIVE_MODES,
    GROUP_OF,
    OTHER_GROUP,
    REPRESENTATIVE_KINDS,
    STAGE_KINDS,
    kind_order,
)
from app.documents.render import FORMATS, MissingData, RenderResult, prepare
from app.documents.render import render as render_context
from app.documents.templates import (
    DocumentError,
    MissingField,
    Template,
    TemplateError,
    available_kinds,
    load_template,
    missing_fields,
)
from app.fileutil import safe_file_name
from app.models.enums import Stage

Progress = Callable[[int, int, str], bool | None]
PartyRef = PartyData | int | str | None
AgentRef = AgentData | int | str | None

# Documents each stage usually needs; a kind written per respondent / agent expands in a pack.
UNSAFE = re.compile(r"[\\/:*?\"<>|\s]+")


@dataclass(frozen=True)
class KindInfo:
    kind: str  # id used by the API and the CLI
    title: str  # Chinese title
    per: str | None  # "respondent" / "agent": one document each; None: one per case
    group: str = OTHER_GROUP  # the stage it belongs to (packs.GROUPS)
    representative_kind: str | None = None  # a collective dispute's representatives' version
    variant_of: str | None = None  # this kind is the representatives' version of that one


@dataclass(frozen=True)
class Job:
    """One file to write: the kind, its context and a readable file stem."""

    kind: str
    title: str
    context: dict[str, Any]
    stem: str


@dataclass(frozen=True)
class PackResult:
    results: list[RenderResult]  # files written, in order
    total: int  # files the pack would have written
    cancelled: bool  # True when the caller stopped it


def list_kinds(override_dir: Path | None = None) -> list[KindInfo]:
    """Every document kind with its Chinese title (an organisation's copy may retitle it)."""
    out = []
    variants = {v: k for k, v in REPRESENTATIVE_KINDS.items()}
    for kind in sorted(available_kinds(), key=kind_order):
        template = load_template(kind, override_dir)
        out.append(KindInfo(kind, template.title, template.per, GROUP_OF.get(kind, OTHER_GROUP),
                            REPRESENTATIVE_KINDS.get(kind), variants.get(kind)))
    return out


def _pick(people: Sequence[PartyData], ref: PartyRef, what: str) -> PartyData | None:
    if ref is None:
        return people[0] if people else None
    if isinstance(ref, PartyData):
        return ref
    if isinstance(ref, int):
        if 0 <= ref < len(people):
            return people[ref]
    else:
        for p in people:
            if p.name == ref:
                return p
    raise DocumentError(f"本案没有这个{what}：{ref}", code="unknown_party")


def _agents(data: CaseData) -> list[tuple[PartyData, AgentData]]:
    return [(p, a) for p in data.applicants + data.respondents for a in p.agents]


def _safe(text: str) -> str:
    # A party named "CON" or a name of 300 characters must still give a file every system takes.
    return safe_file_name(UNSAFE.sub("_", text).strip("_"), fallback="文书", reserve=16)


def jobs(kind: str, data: CaseData, *, respondent: PartyRef = None, applicant: PartyRef = None,
         agent: AgentRef = None, expand: bool = False, per_worker: bool | None = None,
         collective: str | None = None, override_dir: Path | None = None) -> list[Job]:
    """The files one kind needs: one, or (expand=True) one per respondent / agent / debtor /
    worker, as the template's `::meta per` says.

    per_worker: a `per worker` kind (仲裁申请书、起诉状: one filing naming every respondent)
    is written once per applicant, each with that worker's own claims; by default only in a
    collective dispute.
    collective: "worker" (one per worker, as per_worker=True) or "representative" (the
    elected representatives' one application with the list of workers, where the kind has
    such a version: packs.REPRESENTATIVE_KINDS).
    `data.extra["by_kind"][kind]` sets context fields for that kind alone (the forum the
    rules give it, its filing date); its `debtor_courts` names each debtor's court.
    """
    if collective is not None:
        if collective not in COLLECTIVE_MODES:
            raise DocumentError(f"集体争议的文书方式应为 worker（每名劳动者一份）或 representative"
                                f"（代表人申请），不是“{collective}”", code="collective")
        if collective == "representative":
            if kind not in REPRESENTATIVE_KINDS:
                raise DocumentError("这种文书没有代表人申请的版本，请选择每名劳动者一份",
                                    code="collective")
            return _with_own(_jobs(REPRESENTATIVE_KINDS[kind], data, respondent=None,
                                   applicant=None, agent=None, expand=False, per_worker=None,
                                   override_dir=override_dir), data, kind)
        per_worker, expand = True, True
    return _with_own(_jobs(kind, data, respondent=respondent, applicant=applicant, agent=agent,
                           expand=expand, per_worker=per_worker, override_dir=override_dir),
                     data, kind)


def _with_own(found: list[Job], data: CaseData, kind: str) -> list[Job]:
    """The fields set for this kind alone (its forum, its filing date) on each of its files."""
    by_kind = data.extra.get("by_kind")
    own = dict(by_kind.get(kind) or {}) if isinstance(by_kind, dict) else {}
    if not own:
        return found
    courts = own.pop("debtor_courts", {})
    out = []
    for job in found:
        context = {**job.context, **own}
        debtor = (context.get("respondent") or {}).get("name")
        if context.get("payment_order_amount") is not None and debtor in courts:
            context["court"] = courts[debtor]
        if context.get("enforcement_debtor") in courts:  # that debtor's court (民诉法 art 235)
            context["enforcement_court"] = courts[context["enforcement_debtor"]]
        out.append(Job(job.kind, job.title, context, job.stem))
    return out


def _jobs(kind: str, data: CaseData, *, respondent: PartyRef, applicant: PartyRef,
          agent: AgentRef, expand: bool, per_worker: bool | None,
          override_dir: Path | None) -> list[Job]:
    template = load_template(kind, override_dir)
    base = build_context(data)
    stem = f"{data.case_no}-{template.title}"
    if template.per == "agent":
        return _agent_jobs(template, data, base, stem, agent, expand)
    if template.per == "debtor":
        owing = debtors(base)
        if not expand and respondent is not None:
            chosen = _pick(data.respondents, respondent, "被申请人")
            owing = [d for d in owing if chosen is not None and d["party"]["name"] == chosen.name]
        if not owing:  # nobody owes under the agreement: the form says what is missing
            return [Job(kind, template.title, base, _safe(stem))]
        owing = owing if expand else owing[:1]
        return [Job(kind, template.title, debtor_context(base, d),
                    _safe(stem + (f"-对{d['party']['name']}" if len(owing) > 1 else "")))
                for d in owing]
    if template.per == "served" and base["service_records"]:
        return _served_jobs(template, data, base, stem, respondent, expand)
    if template.per == "party":
        return _party_jobs(template, data, base, stem, respondent, expand)
    if template.per == "worker":
        if per_worker is None:
            per_worker = data.collective
        if expand and per_worker:
            workers = list(enumerate(data.applicants))
        else:
            one = _pick(data.applicants, applicant, "申请人")
            workers = [(data.applicants.index(one) if one in data.applicants else None, one)]
        found = [Job(kind, template.title, build_context(data, applicant=worker,
                                                         claimant=index),
                     # Numbered, since two workers of a collective dispute may share a name.
                     _safe(stem + (f"-{number:03d}{worker.name}"
                                   if worker is not None and len(workers) > 1 else "")))
                 for number, (index, worker) in enumerate(workers, start=1)]
        return _split_by_debtor(found, data, respondent, expand) if template.split == "debtor" \
            else found
    if template.per not in ("respondent", "served"):  # served, nothing recorded: as respondent
        return [Job(kind, template.title, base, _safe(stem))]
    if expand:
        targets: list[PartyData | None] = list(data.respondents) or [None]
    else:
        targets = [_pick(data.respondents, respondent, "被申请人")]
    # A chosen applicant's own claims; none chosen: the first applicant, every claim (an answer
    # or a revocation faces the whole application, in a collective dispute every worker's).
    worker = _pick(data.applicants, applicant, "申请人") if applicant is not None else None
    return [Job(kind, template.title, build_context(data, applicant=worker, respondent=target),
                _safe(stem + (f"-对{target.name}"
                              if target is not None and len(data.respondents) > 1 else "")))
            for target in targets]


def _split_by_debtor(found: list[Job], data: CaseData, respondent: PartyRef,
                     expand: bool) -> list[Job]:
    """强制执行申请书: each debtor owing under the agreement its own application, for what it
    owes (elements.enforcement_contexts); asked for one, the chosen respondent's (or the
    first debtor's)."""
    out = []
    for job in found:
        split = enforcement_contexts(job.context, debtors(job.context))
        if not expand and len(split) > 1:
            chosen = _pick(data.respondents, respondent, "被申请人") if respondent is not None \
                else None
            split = [s for s in split if chosen is not None and s[0] == chosen.name] \
                or split[:1]
        out += [Job(job.kind, job.title, context,
                    _safe(job.stem + (f"-对{debtor}" if debtor and len(split) > 1 else "")))
                for debtor, context in split]
    return out


def _chosen(parties: list[dict[str, Any]], ref: PartyRef, expand: bool,
            missing: str = "本案没有这个当事人：{name}") -> list[dict[str, Any]]:
    if expand or not parties:
        return parties
    if ref is None:
        return parties[:1]
    name = ref.name if isinstance(ref, PartyData) else ref
    if isinstance(name, int):
        return parties[name:name + 1] or parties[:1]
    found = [p for p in parties if p["name"] == name]
    if not found:
        raise DocumentError(missing.replace("{name}", str(name)), code="unknown_party")
    return found


def _served_jobs(template: Template, data: CaseData, base: dict[str, Any], stem: str,
                 ref: PartyRef, expand: bool) -> list[Job]:
    """送达回证 from the service records: one receipt per party served, listing each document
    served on it (how, when, by whom, signed for by whom)."""
    names = list(dict.fromkeys(r["party"] for r in base["service_records"]))
    served = [party_dict(p) for p in data.parties if p.name in names]
    chosen = _chosen(served, ref, expand, "没有向“{name}”送达文书的记录，请先在送达页登记")
    return [Job(template.kind, template.title, served_context(base, p),
                _safe(stem + (f"-{p['name']}" if len(served) > 1 else ""))) for p in chosen]


def _party_jobs(template: Template, data: CaseData, base: dict[str, Any], stem: str,
                ref: PartyRef, expand: bool) -> list[Job]:
    """One document per party (送达地址确认书: each party confirms and signs its own)."""
    parties = [party_dict(p) for p in data.parties]
    if not parties:  # asked for alone, the form shows what is missing; a pack leaves it out
        return [] if expand else [Job(template.kind, template.title,
                                      {**base, "party": None}, _safe(stem))]
    return [Job(template.kind, template.title, address_context(base, p),
                _safe(stem + (f"-{p['name']}" if len(parties) > 1 else "")))
            for p in _chosen(parties, ref, expand)]


def _agent_jobs(template: Template, data: CaseData, base: dict[str, Any], stem: str,
                agent: AgentRef, expand: bool) -> list[Job]:
    pairs = _agents(data)
    if not expand:
        if agent is None or isinstance(agent, AgentData):
            pairs = [pr for pr in pairs if agent is None or pr[1] == agent][:1]
        elif isinstance(agent, int):
            pairs = pairs[agent:agent + 1]
        else:
            pairs = [pr for pr in pairs if pr[1].name == agent][:1]
        if not pairs and agent is not None:
            raise DocumentError(f"本案没有这个委托代理人：{agent}", code="unknown_party")
    if not pairs:  # no agent: a pack leaves it out; asked for alone, the form shows the gaps
        return [] if expand else [Job(template.kind, template.title, base, _safe(stem))]
    return [Job(template.kind, template.title, agent_context(base, data, p, a),
                _safe(f"{stem}-{p.name}-{a.name}")) for p, a in pairs]


def check_required(kind: str, data: CaseData, *, respondent: PartyRef = None,
                   applicant: PartyRef = None, agent: AgentRef = None, all_parties: bool = False,
                   override_dir: Path | None = None) -> list[MissingField]:
    """Fields the document cannot do without that are empty, in template order.

    all_parties=True checks the copy for every respondent / agent (labels then name the party).
    """
    template = load_template(kind, override_dir)
    found: list[MissingField] = []
    todo = jobs(kind, data, respondent=respondent, applicant=applicant, agent=agent,
                expand=all_parties, override_dir=override_dir)
    for job in todo:
        for field in missing_fields(template, job.context):
            if len(todo) > 1:
                who = job.stem.removeprefix(_safe(f"{data.case_no}-{template.title}")).strip("-")
                field = MissingField(field.path, f"{field.label}（{who}）")
            if field not in found:
                found.append(field)
    return found


def render(kind: str, data: CaseData, fmt: str, out_path: Path, *, draft: bool = False,
           respondent: PartyRef = None, applicant: PartyRef = None, agent: AgentRef = None,
           override_dir: Path | None = None, font_setting: str | None = None,
           collective: str | None = None) -> RenderResult:
    """One document. Raises MissingData (field list) or TemplateError before writing anything.

    A per-respondent kind (仲裁申请书、起诉状、支付令、送达回证) is written for `respondent`
    (a PartyData, an index among the respondents or a name; the first when None); a power of
    attorney for `agent` likewise.
    """
    job = jobs(kind, data, respondent=respondent, applicant=applicant, agent=agent,
               collective=collective if collective == "representative" else None,
               override_dir=override_dir)[0]
    return render_context(job.kind, job.context, fmt, Path(out_path), draft=draft,
                          override_dir=override_dir, font_setting=font_setting)


def pack_jobs(stage: Stage | str, data: CaseData, *, kinds: Sequence[str] | None = None,
              override_dir: Path | None = None) -> list[Job]:
    """Every file of a stage: one per respondent / agent, and per worker when collective."""
    try:
        chosen = kinds if kinds is not None else STAGE_KINDS[Stage(stage)]
    except ValueError:
        raise DocumentError(f"没有“{stage}”阶段的文书包", code="unknown_stage") from None
    return [job for kind in chosen
            for job in jobs(kind, data, expand=True, override_dir=override_dir)]


def render_pack(stage: Stage | str, data: CaseData, fmt: str, out_dir: Path, *,
                progress: Progress | None = None, cancel: threading.Event | None = None,
                draft: bool = False, kinds: Sequence[str] | None = None,
                override_dir: Path | None = None,
                font_setting: str | None = None) -> PackResult:
    """The documents of a stage into out_dir (numbered file names).

    Every file is checked first, so missing data fails before anything is written (MissingData
    lists the fields, naming the party when several copies are made). `progress(done, total,
    title)` is called after each file; returning False, or setting `cancel`, stops the pack
    and keeps the files already written.
    """
    if fmt not in FORMATS:
        raise DocumentError(f"不支持的格式“{fmt}”，可选 pdf 或 docx", code="format")
    todo = pack_jobs(stage, data, kinds=kinds, override_dir=override_dir)
    if not draft:
        missing: list[MissingField] = []
        for job in todo:
            template = load_template(job.kind, override_dir)
            for field in missing_fields(template, job.context):
                labelled = MissingField(field.path, f"{field.label}（{job.title}）")
                if labelled not in missing:
                    missing.append(labelled)
        if missing:
            raise MissingData("文书包", missing)
        for job in todo:  # broken templates surface here, before the first file is written
            prepare(job.kind, job.context, override_dir=override_dir)
    results: list[RenderResult] = []
    width = len(str(len(todo)))
    for number, job in enumerate(todo, start=1):
        if cancel is not None and cancel.is_set():
            return PackResult(results, len(todo), True)
        target = Path(out_dir) / f"{number:0{width}d}-{job.stem}.{fmt}"
        results.append(render_context(job.kind, job.context, fmt, target, draft=draft,
                                      override_dir=override_dir, font_setting=font_setting))
        if progress is not None and progress(number, len(todo), job.title) is False:
            return PackResult(results, len(todo), number < len(todo))
    return PackResult(results, len(todo), False)


__all__ = ["STAGE_KINDS", "KindInfo", "Job", "PackResult", "DocumentError", "MissingData",
           "TemplateError", "MissingField",
           "list_kinds", "jobs", "check_required", "render", "pack_jobs", "render_pack"]
