"""Command-line commands for documents: list kinds, render one, render a stage pack."""

from __future__ import annotations

import argparse
import sys
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.documents.packs import COLLECTIVE_MODES, FREE_TEXT
from app.errors import AppError
from app.workflow.filing.forums import KIND_LABELS, ForumKind, short

if TYPE_CHECKING:  # types only: the command's own modules load when it runs
    from app.bootstrap import Services
    from app.services.documents.voiding import DocumentRow

FREE_TEXT_FIELDS = tuple(FREE_TEXT)


def add_parsers(sub: Any) -> None:
    p = sub.add_parser("render", help="生成文书：--list 列出；案号 文书 --format pdf|docx -o 路径；"
                                      "案号 --pack 阶段 -o 目录")
    p.add_argument("case_no", nargs="?", help="案号")
    p.add_argument("kind", nargs="?", help="文书种类，如 mediation_agreement")
    p.add_argument("--list", action="store_true", help="列出全部文书种类")
    p.add_argument("--format", default="pdf", choices=["pdf", "docx"], help="格式（默认 pdf）")
    p.add_argument("-o", "--output", help="输出文件（文书包时为目录）")
    p.add_argument("--pack", help="生成某一阶段的全部文书，如 agreement、arbitration")
    p.add_argument("--draft", action="store_true", help="缺少内容时仍生成草稿（空缺处标出）")
    p.add_argument("--set", action="append", default=[], metavar="字段=内容",
                   help=f"补充文书中的说明性内容，可用字段：{', '.join(FREE_TEXT_FIELDS)}")
    p.add_argument("--collective", choices=COLLECTIVE_MODES,
                   help="集体争议的申请书：worker 每名劳动者一份（各自的请求），"
                        "representative 代表人申请一份（附劳动者名单）")
    p.add_argument("--filing-date", metavar="YYYY-MM-DD",
                   help="申请书落款的申请日期（默认今天），并核对是否超过申请期限")
    p.add_argument("--forum", help="受理机构全称（默认：本案申请登记的，或按管辖规则推荐的）")
    f = sub.add_parser("forum", help="受理机关登记表：list [--city 城市] / add / edit 编号 / delete 编号 / "
                                     "propose 案号 文书种类")
    f.add_argument("action", choices=["list", "add", "edit", "delete", "propose"])
    f.add_argument("target", nargs="*", help="edit/delete：编号；propose：案号 文书种类")
    f.add_argument("--kind", help="类别：" + "、".join(f"{k}={v}" for k, v in KIND_LABELS.items()))
    for name, caption in (("name", "全称"), ("province", "省份"), ("city", "城市"),
                          ("district", "区县"), ("address", "地址"), ("phone", "电话"),
                          ("source", "来源")):
        f.add_argument(f"--{name}", help=caption)
    f.add_argument("--verified", action="store_true", help="名称和地址已按官方来源核实")
    v = sub.add_parser("void-document", help="作废一份已生成的文书：案号 列出文书；案号 编号 --reason 原因 "
                                             "[--date 日期] 作废")
    v.add_argument("case_no", help="案号")
    v.add_argument("document", nargs="?", help="文书编号（不给出时列出本案已生成的文书及其编号）")
    v.add_argument("--reason", help="作废原因（不给出时只显示将作废什么）")
    v.add_argument("--date", help="作废日期，如 2026-11-23（默认今天）")


PER_NOTE = {"respondent": "（每个被申请人一份）", "agent": "（每个代理人一份）",
            "debtor": "（每个未履行的给付义务人一份）",
            "worker": "（集体争议可每名劳动者一份）"}


def _extras(pairs: list[str]) -> dict[str, str]:
    extras = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or key not in FREE_TEXT_FIELDS:
            raise AppError(f"--set 应写作 字段=内容，字段可为：{'、'.join(FREE_TEXT_FIELDS)}")
        extras[key] = value
    return extras


def cmd_render(services: Services, args: argparse.Namespace) -> int:
    documents = services.documents
    if args.list:
        group = None
        for info in documents.kinds():  # the one table (app/documents/packs.py), by stage
            if info.group != group:
                group = info.group
                print(f"【{group}】")
            per = PER_NOTE.get(info.per or "", "")
            if info.variant_of:
                per += f"（集体争议代表人申请：render 案号 {info.variant_of} --collective representative）"
            print(f"  {info.kind:<36} {info.title}{per}")
        return 0
    if not args.case_no or not args.output:
        raise AppError("用法：render 案号 文书种类 --format pdf -o 文件，或 render 案号 --pack 阶段 -o 目录")
    extras = _extras(args.set)
    from app.services.documents.filing_setup import parse_date

    filing_date = parse_date(args.filing_date) if args.filing_date else None
    if args.pack:
        def progress(done: int, total: int, name: str) -> None:
            print(f"\r[{done}/{total}] {name}", end="", file=sys.stderr, flush=True)

        results = documents.render_pack(args.case_no, args.pack, Path(args.output), args.format,
                                        draft=args.draft, progress=progress, extra=extras,
                                        filing_date=filing_date)
        print(file=sys.stderr)
    else:
        if not args.kind:
            raise AppError("请给出文书种类（render --list 查看）")
        results = documents.render(args.case_no, args.kind, args.format, Path(args.output),
                                   draft=args.draft, extra=extras, collective=args.collective,
                                   filing_date=filing_date, forum=args.forum)
    said: set[str] = set()
    for r in results:
        mark = "（草稿）" if r.draft else ""
        pages = f"，{r.pages}页" if r.pages else ""
        print(f"已生成{mark}：{r.title} → {r.path}{pages}，SHA-256 {r.sha256[:16]}…")
        for warning in r.warnings:  # each once, though several files share it
            if warning not in said:
                said.add(warning)
                print(f"注意：{warning}")
    return 0


def cmd_forum(services: Services, args: argparse.Namespace) -> int:
    from app.services.admin.forums import ForumService

    forums = ForumService(services.ctx)
    if args.action == "list":
        for forum_id, e in forums.entries():
            if args.city and short(args.city) != short(e.city):
                continue
            mark = "已核实" if e.verified else "未核实"
            print(f"{forum_id}\t{KIND_LABELS.get(ForumKind(e.kind), e.kind)}\t{e.name}\t"
                  f"{e.city}{e.district}\t{e.address}\t{e.phone}\t{mark}")
        return 0
    if args.action == "propose":
        if len(args.target) != 2:
            raise AppError("用法：forum propose 案号 文书种类（如 payment_order_application）")
        choice = services.documents.forum_choice(*args.target)
        if choice is None:
            raise AppError("这种文书不向受理机关提交，无需确定管辖")
        how = "本案申请登记的" if choice.stored else f"按{choice.basis}（{choice.reason}）"
        print(f"{choice.name or '（未找到）'}　{how}")
        for other in choice.alternatives:
            print(f"也有管辖权：{other}")
        if choice.warning:
            print(f"注意：{choice.warning}")
        return 0
    forum_id = None
    if args.action in ("edit", "delete"):
        if len(args.target) != 1 or not args.target[0].isdigit():
            raise AppError(f"用法：forum {args.action} 编号（编号见 forum list 第一列）")
        forum_id = int(args.target[0])
    if args.action == "delete":
        forums.delete(forum_id or 0)
        print(f"已删除受理机关 {forum_id}")
        return 0
    current: dict[str, Any] = {}
    if forum_id is not None:
        found = dict(forums.entries()).get(forum_id)
        if found is None:
            raise AppError(f"没有编号为 {forum_id} 的受理机关，请用 forum list 查看")
        current = asdict(found)
    for name in ("kind", "name", "province", "city", "district", "address", "phone", "source"):
        value = getattr(args, name)
        if value is not None:
            current[name] = value
    current["verified"] = args.verified or (current.get("verified", False) and
                                            args.action == "edit")
    saved = forums.save(current, forum_id)
    print(f"已保存受理机关 {saved}：{current.get('name', '')}")
    return 0


def _document_line(doc: DocumentRow) -> str:
    local = doc.created_at.astimezone().strftime("%Y-%m-%d %H:%M")
    state = "草稿" if doc.draft else doc.received or "有效"
    if doc.withdrawn_on is not None:
        state = f"{'已撤回' if doc.received else '已作废'}（{doc.withdrawn_on}：{doc.withdrawn_reason}）"
    return f"{doc.id}\t{local}\t{doc.file_name or doc.kind}\t{doc.file_format}\t{state}"


def cmd_void_document(services: Services, args: argparse.Namespace) -> int:
    """作废 through DocumentVoidService, as the 文书 tab does: the reason and the day are
    required, a voided one is refused, one a party or a forum holds becomes 已撤回."""
    voids = services.document_void
    listed = voids.documents(args.case_no)
    if args.document is None:
        for doc in listed.rows:
            print(_document_line(doc))
        print(f"共 {len(listed.rows)} 份文书；作废一份：void-document {args.case_no} 编号 --reason 原因")
        return 0
    if not args.document.strip().isdigit():
        raise AppError(f"文书编号“{args.document}”应为数字（见 void-document {args.case_no} 列出的第一列）")
    number = int(args.document)
    doc = next((d for d in listed.rows if d.id == number), None)
    if doc is None:
        raise AppError(f"案件 {args.case_no} 中没有编号为 {number} 的文书：请用 void-document "
                       f"{args.case_no} 查看")
    name = doc.file_name or doc.kind
    if doc.withdrawn_on is not None:
        raise AppError(f"《{name}》已于{doc.withdrawn_on}作废，无须再次办理")
    outcome = "已撤回" if doc.received else "已作废"
    if args.reason is None:
        held = f"该文书{doc.received}，将标记为“已撤回”" if doc.received else "将标记为“已作废”"
        print(f"将作废《{name}》：{held}，保留在文书列表中，不再列入卷内目录；原因记入审计日志。")
        print(f"确认作废请加 --reason 原因（如 void-document {args.case_no} {number} --reason 误生成）")
        return 0
    try:
        on = date.fromisoformat(args.date.strip()) if args.date else services.ctx.today()
    except ValueError:
        raise AppError(f"作废日期“{args.date}”无法识别，请写作 年-月-日，如 2026-11-23") from None
    voids.void(args.case_no, number, args.reason, on, listed.version)
    print(f"《{name}》{outcome}（{on}：{args.reason.strip()}）")
    return 0


COMMANDS = {"render": cmd_render, "forum": cmd_forum, "void-document": cmd_void_document}
