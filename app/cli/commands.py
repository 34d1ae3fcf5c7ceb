"""The light table of the command groups in their own modules (`app/cli/<group>.py`): each
command's name and help, so the parser and `--help` need none of them; a group's module loads
when one of its commands is parsed (its `add_parsers` fills the sub-parsers declared here) or
run (its `COMMANDS`). tests/test_cli_lazy.py checks this table against the modules."""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable, Sequence
from types import ModuleType
from typing import Any

# group module → its commands (name, help), in the order `--help` lists them.
GROUPS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    ("workflow", (
        ("deadline", '期限规则：--list 列出全部；RULE_ID --from 日期 计算届满日；limitation --from 日期 计算仲裁时效；--holidays 年份 列出节假日'),
        ("deadlines", '一个案件的全部期限'),
        ("advance", '办理一个流程事项（不合法的事项会被拒绝并说明理由）'),
        ("undo", '撤销上一步：不带 --reason 时只显示将撤销什么（或为何不能撤销）'),
        ("due", '全部案件中即将到期和已逾期的期限'),
    )),
    ("documents", (
        ("render", '生成文书：--list 列出；案号 文书 --format pdf|docx -o 路径；案号 --pack 阶段 -o 目录'),
        ("forum", '受理机关登记表：list [--city 城市] / add / edit 编号 / delete 编号 / propose 案号 文书种类'),
        ("void-document", '作废一份已生成的文书：案号 列出文书；案号 编号 --reason 原因 [--date 日期] 作废'),
    )),
    ("knowledge", (
        ("policies", '查找地方政策条文（一两个字也能搜）'),
        ("policy-import", '导入本单位的政策文件（JSON，格式见政策文件说明）；编号相同则替换先前导入的版本'),
        ("wages", '最低工资标准（终局裁决限额依据）：编号、金额、来源、是否已核实'),
        ("wage-verify", '管理员核实一条最低工资标准，并注明来源文件'),
        ("worktime", '分析平台导出的订单记录：连续工作、休息、夜间和节假日工作'),
    )),
    ("imports", (
        ("import-workers", '从 Excel/CSV 导入集体争议的劳动者（姓名、身份证号、电话、期间、金额）'),
        ("import-register", '从 Excel/CSV 导入其他系统的案件登记台账（每行一件案件）'),
    )),
    ("reports", (
        ("report", '生成报表：register 案件登记台账；monthly 月度统计报表；ma1 调解情况统计表（.xlsx 或 .pdf）'),
    )),
    ("rights", (
        ("rights", '按案件所在地的政策逐项核查劳动者权益（权益核查）'),
    )),
    ("calc", (
        ("calc", '计算请求金额：经济补偿、赔偿金、二倍工资、加班费、年休假、工伤待遇'),
    )),
    ("database", (
        ("pg-setup", '共用 PostgreSQL：建立按角色划分的数据库角色和授权（用所有者账户运行）'),
        ("pg-login", '共用 PostgreSQL：为一位工作人员建立自己的数据库账户'),
    )),
)
GROUP_OF = {name: group for group, commands in GROUPS for name, _help in commands}


DATED = {"workflow", "reports"}  # their dates parse as the main parser's do


def group_module(group: str) -> ModuleType:
    return importlib.import_module(f"app.cli.{group}")


def add_group_parsers(group: str, sub: Any, date_type: Callable[[str], Any] | None) -> None:
    """A group module's `add_parsers` on `sub` (something with `add_parser(name, help=…)`)."""
    module = group_module(group)
    if group in DATED:
        module.add_parsers(sub, date_type)
    else:
        module.add_parsers(sub)


class _Declared:
    """What a group's `add_parsers` is given: the sub-parsers already declared from GROUPS."""

    def __init__(self, parsers: dict[str, argparse.ArgumentParser]) -> None:
        self.parsers = parsers

    def add_parser(self, name: str, **kwargs: Any) -> argparse.ArgumentParser:
        return self.parsers[name]


class LazySubParsers(argparse._SubParsersAction):  # type: ignore[type-arg]
    """Sub-parsers whose arguments a group's module adds when its command is parsed."""

    date_type: Callable[[str], Any] | None = None
    _filled: set[str]

    def fill(self, group: str) -> None:
        filled = self.__dict__.setdefault("_filled", set())
        if group in filled:
            return
        filled.add(group)
        add_group_parsers(group, _Declared(self._name_parser_map), self.date_type)

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: str | Sequence[Any] | None, option_string: str | None = None) -> None:
        name = values[0] if isinstance(values, Sequence) and values else None
        if isinstance(name, str) and name in GROUP_OF:
            self.fill(GROUP_OF[name])
        super().__call__(parser, namespace, values, option_string)


def declare(sub: LazySubParsers, date_type: Callable[[str], Any], eager: bool = False) -> None:
    """The groups' commands on `sub`; `eager` fills them at once (the comparison test)."""
    sub.date_type = date_type
    for group, commands in GROUPS:
        for name, help_text in commands:
            sub.add_parser(name, help=help_text)
        if eager:
            sub.fill(group)
