"""Command-line imports from offices' spreadsheets (CSV or XLSX): a collective dispute's workers
into an existing case, and a register of existing cases from another system."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.errors import AppError, ValidationFailed
from app.services.imports import register_reader
from app.services.imports.tables import TableSpec, field_name
from app.services.imports.worker_reader import FIELD_LABELS, SPEC

if TYPE_CHECKING:  # types only: the command's own modules load when it runs
    from app.bootstrap import Services
    from app.services.imports.register_service import RegisterImportReport
    from app.services.imports.worker_service import WorkerImportReport


def add_parsers(sub: Any) -> None:
    p = sub.add_parser("import-workers",
                       help="从 Excel/CSV 导入集体争议的劳动者（姓名、身份证号、电话、期间、金额）")
    p.add_argument("case_no", help="案号")
    p.add_argument("file", help="劳动者名单（.xlsx 或 .csv，UTF-8 或 GBK）")
    _import_options(p, SPEC, "（姓名、身份证号码、手机号、起始日期、截止日期、金额）")
    p = sub.add_parser("import-register",
                       help="从 Excel/CSV 导入其他系统的案件登记台账（每行一件案件）")
    p.add_argument("file", help="案件台账（.xlsx 或 .csv，UTF-8 或 GBK）")
    p.add_argument("--org", help="导入到的组织名称（默认：本单位）")
    _import_options(p, register_reader.SPEC, "")


def _import_options(p: Any, spec: TableSpec, usual: str) -> None:
    """--map, --accepted-only and --dry-run, alike for every spreadsheet import."""
    p.add_argument("--map", action="append", default=[], metavar="字段=列名",
                   help=f"列对应关系（记住供本组织下次使用），字段为 {spec.fields_help()}；"
                        f"不指定时按常用表头{usual}识别")
    p.add_argument("--accepted-only", action="store_true",
                   help="有不合格的行时仍导入合格的行（默认：全部合格才导入）")
    p.add_argument("--dry-run", action="store_true", help="只检查并报告，不写入")


def _mapping(pairs: list[str], spec: TableSpec = SPEC) -> dict[str, str] | None:
    mapping = {}
    for pair in pairs:
        key, sep, column = pair.partition("=")
        field = field_name(spec, key)
        if not sep or field is None or not column.strip():
            raise AppError(f"--map “{pair}”应写作 字段=列名，字段为 {spec.fields_help()}")
        mapping[field] = column.strip()
    return mapping or None


def _print_rows(report: WorkerImportReport) -> None:
    columns = "、".join(f"{FIELD_LABELS[f]}←“{h}”" for f, h in report.columns.items())
    print(f"列对应：{columns}")
    print(f"合格 {len(report.accepted)} 行，不合格 {len(report.refused)} 行")
    for row in report.accepted:
        for warning in row.warnings:
            print(f"提示：第{row.line}行：{warning}")
    for line in report.refused_lines:
        print(f"不合格：{line}")


def cmd_import_workers(services: Services, args: argparse.Namespace) -> int:
    mapping = _mapping(args.map)
    path = Path(args.file)
    service = services.worker_import
    # Preview first so every refused line is printed even when the import then writes nothing.
    preview = service.preview(args.case_no, path, mapping)
    _print_rows(preview)
    if args.dry_run:
        print("试运行：未写入任何内容")
        return 1 if preview.refused else 0
    try:
        report = service.apply(args.case_no, path, mapping, accepted_only=args.accepted_only)
    except ValidationFailed:  # the refused lines are printed above; the mapping is remembered
        print("有不合格的行，未导入任何劳动者：请修改文件后重新导入，"
              "或加 --accepted-only 只导入合格的行")
        return 1
    for note in report.notes:
        print(f"提示：{note}")
    if not report.written:
        print("没有可导入的劳动者，未写入任何内容")
        return 1
    print(f"已向案件 {report.case_no} {report.summary()}")
    return 0


def _print_register(report: RegisterImportReport) -> None:
    labels = register_reader.FIELD_LABELS
    print("列对应：" + "、".join(f"{labels[f]}←“{h}”" for f, h in report.columns.items()))
    print(f"合格 {len(report.accepted)} 行，不合格 {len(report.refused)} 行")
    for note in report.notes:
        print(f"提示：{note}")
    for problem in report.refused:
        print(f"不合格：{problem}")


def cmd_import_register(services: Services, args: argparse.Namespace) -> int:
    mapping = _mapping(args.map, register_reader.SPEC)
    org_id = None
    if args.org:
        org = services.organisations.find_by_name(args.org.strip())
        if org is None:
            raise AppError(f"找不到名为“{args.org}”的组织：请填写组织的全称，或不带 --org 导入到本单位")
        org_id = org.id
    service = services.register_import
    preview = service.preview(Path(args.file), mapping, org_id)
    _print_register(preview)
    if args.dry_run:
        print("试运行：未写入任何内容")
        return 1 if preview.refused else 0
    try:
        report = service.apply(Path(args.file), mapping, org_id, accepted_only=args.accepted_only)
    except ValidationFailed:
        print("有不合格的行，未导入任何案件：请修改文件后重新导入，"
              "或加 --accepted-only 只导入合格的行")
        return 1
    if not report.written:
        print("没有可导入的案件，未写入任何内容")
        return 1
    print(f"已导入案件 {report.written} 件（{report.case_nos[0]} 至 {report.case_nos[-1]}）")
    return 0


COMMANDS = {"import-workers": cmd_import_workers, "import-register": cmd_import_register}
