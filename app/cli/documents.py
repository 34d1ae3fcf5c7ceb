"""Command-line commands for documents: list kinds, render one, render a stage pack."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.documents.packs import COLLECTIVE_MODES, FREE_TEXT
from app.errors import AppError

if TYPE_CHECKING:  # types only: the command's own modules load when it runs
    from app.bootstrap import Services

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
    if args.pack:
        def progress(done: int, total: int, name: str) -> None:
            print(f"\r[{done}/{total}] {name}", end="", file=sys.stderr, flush=True)

        results = documents.render_pack(args.case_no, args.pack, Path(args.output), args.format,
                                        draft=args.draft, progress=progress, extra=extras)
        print(file=sys.stderr)
    else:
        if not args.kind:
            raise AppError("请给出文书种类（render --list 查看）")
        results = documents.render(args.case_no, args.kind, args.format, Path(args.output),
                                   draft=args.draft, extra=extras, collective=args.collective)
    for r in results:
        mark = "（草稿）" if r.draft else ""
        pages = f"，{r.pages}页" if r.pages else ""
        print(f"已生成{mark}：{r.title} → {r.path}{pages}，SHA-256 {r.sha256[:16]}…")
        for warning in r.warnings:
            print(f"注意：{warning}")
    return 0


COMMANDS = {"render": cmd_render}
