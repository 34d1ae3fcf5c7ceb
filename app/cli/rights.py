"""Command-line rights check of a case (权益核查): each right with its finding and citations."""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # types only: the command's own modules load when it runs
    from app.bootstrap import Services



def add_parsers(sub: Any) -> None:
    p = sub.add_parser("rights", help="按案件所在地的政策逐项核查劳动者权益（权益核查）")
    p.add_argument("case_no", help="案号")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")


def cmd_rights(services: Services, args: argparse.Namespace) -> int:
    report = services.rights.check(args.case_no)
    if args.json:
        data = asdict(report)
        for finding in data["findings"]:
            amount = finding["claim_amount"]
            finding["claim_amount"] = None if amount is None else format(amount, "f")
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    print(f"案件 {report.case_no} 权益核查（地区：{report.jurisdiction}）")
    for f in report.findings:
        print(f"【{f.status_label}】{f.title}：{f.found}")
        for citation in f.citations or ((f.note,) if f.note else ()):
            print(f"    依据：{citation}")
        for citation in f.national:
            print(f"    国家规定：{citation}")
        if f.missing:
            print("    待补充：" + "；".join(f.missing))
        if f.claim_text:
            print(f"    可提出请求：{f.claim_text}")
    return 0


COMMANDS = {"rights": cmd_rights}
