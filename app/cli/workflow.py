"""Command-line commands for deadlines and the case workflow."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from typing import TYPE_CHECKING, Any

from app.cli import deadline_output
from app.errors import AppError
from app.workflow.calendar import date_zh
from app.workflow.case_deadlines import CaseDeadline
from app.workflow.limitation import Suspension

if TYPE_CHECKING:  # types only: the command's own modules load when it runs
    from app.bootstrap import Services

BAD_INPUT = 2  # like argparse: the command line itself was wrong


class BadInput(Exception):
    """A date or year on the command line that cannot be used; one Chinese line, exit 2."""


def add_parsers(sub: Any, date_type: Any) -> None:
    p = sub.add_parser("deadline", help="期限规则：--list 列出全部；RULE_ID --from 日期 计算届满日；"
                                        "limitation --from 日期 计算仲裁时效；--holidays 年份 列出节假日")
    p.add_argument("rule_id", nargs="?", help="规则编号，如 arbitration.award；limitation 为仲裁时效")
    p.add_argument("--list", action="store_true", help="列出全部期限规则")
    # Dates are read by the command, not by argparse, so a bad one costs one line, not a usage.
    p.add_argument("--from", dest="start", metavar="日期", help="起算事件的日期 YYYY-MM-DD")
    p.add_argument("--interrupted", action="append", default=[], metavar="日期",
                   help="仲裁时效中断的日期（可多次给出；仅用于 limitation）")
    p.add_argument("--suspended", action="append", default=[], metavar="开始..结束",
                   help="仲裁时效中止的期间，如 2026-03-01..2026-04-15；中止原因尚未消除的写 "
                        "2026-03-01..（可多次给出；仅用于 limitation）")
    p.add_argument("--holidays", metavar="年份", help="列出该年的节假日和调休上班日，如 2027")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p = sub.add_parser("deadlines", help="一个案件的全部期限")
    p.add_argument("case_no", help="案号")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p = sub.add_parser("advance", help="办理一个流程事项（不合法的事项会被拒绝并说明理由）")
    p.add_argument("case_no", help="案号")
    p.add_argument("event", nargs="?", help="事项，如 mediation.accept；不填则列出当前可办理的事项")
    p.add_argument("--date", type=date_type, help="办理日期（默认今天）")
    p.add_argument("--hearing-date", type=date_type, help="开庭日期（通知开庭时必填）")
    p.add_argument("--by", choices=("worker", "employer"),
                   help="办理方：worker 劳动者、employer 用人单位（对终局裁决起诉或申请撤销时）")
    p.add_argument("--served", action="append", default=[], metavar="一方=日期[=名称]",
                   help="当事人收到裁决书的日期，如 worker=2026-11-03、employer=2026-11-05=迅达公司；"
                        "可重复；记录 award.serve 时只填一方")
    p.add_argument("--item", action="append", default=[], metavar="请求类型=金额",
                   help="裁决事项及金额，如 wages=12000；可重复；记录裁决时用于判断是否终局")
    p.add_argument("--note", default="", help="备注")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p = sub.add_parser("undo", help="撤销上一步：不带 --reason 时只显示将撤销什么（或为何不能撤销）")
    p.add_argument("case_no", help="案号")
    p.add_argument("--reason", default="", help="撤销原因（记入审计日志）")
    p.add_argument("--void-documents", action="store_true",
                   help="该事项后生成的文书（预览中列出）一并标记为作废")
    p = sub.add_parser("due", help="全部案件中即将到期和已逾期的期限")
    p.add_argument("--days", type=int, default=7, help="未来多少天内到期（默认7）")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")


def deadline_json(d: CaseDeadline) -> dict[str, Any]:
    return {"rule": d.rule_id, "title": d.title, "trigger": d.trigger_kind,
            "from": d.trigger_date.isoformat(), "due": d.due.isoformat() if d.due else None,
            "basis": d.basis, "state": d.state.value, "warnings": list(d.warnings),
            "note": d.note}


def _print(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def cmd_deadline(services: Services, args: argparse.Namespace) -> int:
    try:
        shown = _deadline(services, args)
    except BadInput as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return BAD_INPUT
    except AppError as exc:
        if exc.code != "bad_input":
            raise
        print(f"错误：{exc.message}", file=sys.stderr)
        return BAD_INPUT
    # The administrator's reminder to enter next year's notice; kept off stdout under --json.
    for reminder in services.holidays.reminders() if shown else []:
        print(f"提醒：{reminder}", file=sys.stderr if args.json else sys.stdout)
    return 0


def _deadline(services: Services, args: argparse.Namespace) -> bool:
    limitation = args.rule_id == "limitation"
    if (args.interrupted or args.suspended) and not limitation:
        raise BadInput("--interrupted 和 --suspended 只用于 deadline limitation")
    if args.holidays is not None:
        if args.rule_id or args.list or args.start:
            raise BadInput("--holidays 不能与规则编号、--list 或 --from 同时使用")
        deadline_output.holidays(services.holidays.year_view(_year(args.holidays)), args.json)
        return True
    if args.list or not args.rule_id:
        rules = services.workflow.rule_list()
        if args.json:
            _print([{"rule": r.id, "title": r.title, "amount": r.amount, "unit": r.unit.value,
                     "trigger": r.trigger, "direction": r.direction.value, "basis": r.basis,
                     "tag": r.tag, "editable": r.editable} for r in rules])
        else:
            for r in rules:
                print(f"{r.id:<30} {r.amount:>3} {r.unit.value:<12} {r.title}（{r.basis}）[{r.tag}]")
        return True
    if args.start is None:
        raise BadInput("请用 --from YYYY-MM-DD 给出起算日期")
    start = _day(args.start, "--from")
    if limitation:
        interrupted = [_day(text, "--interrupted") for text in args.interrupted]
        suspended = [_span(text) for text in args.suspended]
        result = services.limitation.compute(start, interrupted, suspended)
        deadline_output.limitation(result, start, interrupted, suspended, args.json)
        return True
    result = services.workflow.compute(args.rule_id, start)
    if args.json:
        _print({"rule": result.rule_id, "from": result.trigger.isoformat(),
                "due": result.due.isoformat(), "basis": result.basis,
                "warnings": list(result.warnings)})
    else:
        rolled = f"（原届满日 {date_zh(result.rolled_from)} 为休息日，顺延）" \
            if result.rolled_from else ""
        print(f"{result.rule_id}：自 {date_zh(result.trigger)} 起算，届满日 "
              f"{date_zh(result.due)}{rolled}。依据：{result.basis}")
        for warning in result.warnings:
            print(f"注意：{warning}")
    return True


def _day(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise BadInput(f"{option} 的日期“{text}”无法识别，应写作 2026-11-23") from None


def _span(text: str) -> Suspension:
    first, dots, last = text.partition("..")
    if not dots or not first.strip():
        raise BadInput(f"--suspended “{text}”应写作 开始日..结束日，如 2026-03-01..2026-04-15"
                       "（中止原因尚未消除的写 2026-03-01..）")
    return Suspension(_day(first, "--suspended"),
                      _day(last, "--suspended") if last.strip() else None)


def _year(text: str) -> int:
    try:
        return int(text.strip())
    except ValueError:
        raise BadInput(f"--holidays 应为年份，如 2027，收到的是“{text}”") from None


def cmd_deadlines(services: Services, args: argparse.Namespace) -> int:
    deadlines = services.workflow.deadlines(args.case_no)
    if args.json:
        _print([deadline_json(d) for d in deadlines])
        return 0
    for d in deadlines:
        due = f"{d.due:%Y-%m-%d}" if d.due else "—"
        print(f"{due}  {d.state_label:<4} {d.title}（{d.basis}）{d.note}")
        for warning in d.warnings:
            print(f"            注意：{warning}")
    if not deadlines:
        print("该案件暂无期限（尚无可起算的事件）")
    return 0


def cmd_advance(services: Services, args: argparse.Namespace) -> int:
    if not args.event:
        state, label = services.workflow.state_of(args.case_no)
        print(f"当前状态：{label}（{state}）。可办理的事项：")
        for o in services.workflow.options(args.case_no, args.date):
            if o.allowed:
                print(f"  {o.event:<34} {o.label}（{o.basis}）")
        return 0
    data = _advance_data(args)
    result = services.workflow.advance(args.case_no, args.event, args.date, data=data,
                                       note=args.note)
    if args.json:
        _print({"case_no": result.case_no, "state": result.state, "stage": result.stage,
                "basis": result.basis, "deadlines": [deadline_json(d) for d in result.deadlines],
                "notes": list(result.notes)})
    else:
        print(f"已办理：{args.event}，案件现为“{result.state_label}”。依据：{result.basis}")
        for note in result.notes:
            print(f"注意：{note}")
    return 0


def _advance_data(args: argparse.Namespace) -> dict[str, Any]:
    data: dict[str, Any] = {}
    if args.hearing_date:
        data["hearing_date"] = args.hearing_date.isoformat()
    if args.by:
        data["by"] = args.by
    receipts = []
    for text in args.served:
        side, _, rest = text.partition("=")
        on, _, party = rest.partition("=")
        if side not in ("worker", "employer") or not on:
            raise AppError(f"--served “{text}” 应写作 worker=2026-11-03 或 employer=2026-11-05=名称")
        receipts.append({"side": side, "on": on, **({"party": party} if party else {})})
    if args.event == "award.serve" and len(receipts) == 1:
        data.update(receipts[0])  # one party's receipt, recorded as its own event
    elif receipts:
        data["receipts"] = receipts
    items = []
    for text in args.item:
        claim_type, _, amount = text.partition("=")
        if not claim_type:
            raise AppError(f"--item “{text}” 应写作 请求类型=金额，如 wages=12000")
        items.append({"claim_type": claim_type, "amount": amount or None})
    if items:
        data["items"] = items
    return data


def cmd_undo(services: Services, args: argparse.Namespace) -> int:
    step = services.undo.last_step(args.case_no)
    if step is None:
        raise AppError("本案还没有办理事项，无可撤销")
    if step.refusal:
        raise AppError(f"不能撤销“{step.label}”：{step.refusal}")
    if not args.reason.strip():
        print(f"将撤销“{step.label}”（{step.occurred_on.isoformat()}），案件回到“{step.restores}”。")
        for line in step.consequences:
            print(f"  {line}")
        print("确认撤销请加 --reason 原因" + ("，并加 --void-documents 作废所列文书"
                                           if step.documents else ""))
        return 0
    if step.documents and not args.void_documents:
        raise AppError(f"办理该事项后已生成{len(step.documents)}份文书，撤销时须一并作废："
                       "请先不带 --reason 查看所列文书，确认后加 --void-documents")
    version = services.case_detail.detail(args.case_no).version
    done = services.undo.undo_last(args.case_no, args.reason, version, void=step.documents)
    print(f"已撤销“{done.label}”，案件现为“{done.state_label}”")
    return 0


def cmd_due(services: Services, args: argparse.Namespace) -> int:
    if args.days < 0:
        raise AppError("--days 不能为负数")
    items = services.workflow.due_list(within_days=args.days)
    if args.json:
        _print([{"case_no": i.case_no, "rule": i.rule_id, "title": i.title,
                 "due": i.due.isoformat(), "overdue": i.overdue} for i in items])
        return 0
    for i in items:
        flag = "已逾期" if i.overdue else "将到期"
        print(f"{i.due:%Y-%m-%d} {flag} {i.case_no} {i.title}")
    print(f"共 {len(items)} 项")
    return 0


COMMANDS = {"deadline": cmd_deadline, "deadlines": cmd_deadlines, "advance": cmd_advance,
            "due": cmd_due, "undo": cmd_undo}

