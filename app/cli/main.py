"""Command line: the same services as the GUI. With no command it opens the GUI.

Exit codes: 0 success; 1 a problem the message explains (bad input, not found, check failed);
2 wrong command-line usage; 3 no display for the GUI.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from app import __version__
from app.cli import commands, passphrases
from app.cli.output import case_rows_json, print_case_table, print_case_text, print_statistics
from app.config import data_location_problem, load_config
from app.errors import AppError, ValidationFailed
from app.fileutil import storage_error
from app.logs import (
    close_logging,
    console_safe,
    log_unexpected,
    setup_logging,
    unexpected_message,
)

if TYPE_CHECKING:  # the database and the services load when a command runs, not for --help
    from app.bootstrap import Services
    from app.config import AppConfig

Handler = Callable[["Services", argparse.Namespace], int]
COMMANDS: dict[str, Handler] = {}


class ChineseArgumentParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"命令行参数有误：{message}\n请运行 mediation-desk --help 查看用法。\n")


def command(name: str) -> Callable[[Handler], Handler]:
    def register(fn: Handler) -> Handler:
        COMMANDS[name] = fn
        return fn

    return register


def build_parser(eager: bool = False) -> argparse.ArgumentParser:
    """The command line; the groups' own arguments are added when one of their commands is
    parsed (`commands.LazySubParsers`), or at once when `eager`."""
    parser = ChineseArgumentParser(prog="mediation-desk", description="调解工作台：劳动争议调解案件管理")
    parser.add_argument("--version", action="version", version=f"调解工作台 {__version__}")
    parser.add_argument("--data-dir", help="数据目录（默认：系统用户数据目录）")
    parser.add_argument("--database-url", help="数据库地址，如 postgresql+psycopg://user@host/db")
    parser.add_argument("--smoke", action="store_true",
                        help="打开图形界面，主窗口显示后立即退出（检查安装是否完好）")
    parser.add_argument("--user", help="以此用户身份操作（密码取自 MEDIATION_DESK_PASSWORD 或提示输入）")
    parser.add_argument("--db-key-file", help="加密数据库的密钥文件（取第一行）；也可用环境变量 "
                        "MEDIATION_DESK_DB_KEY，都没有时在终端提示输入")
    sub = parser.add_subparsers(dest="command", metavar="命令", parser_class=ChineseArgumentParser,
                                action=commands.LazySubParsers)
    sub.add_parser("init", help="创建或升级数据库（可重复运行）")
    p = sub.add_parser("demo", help="生成演示案件")
    p.add_argument("--cases", type=int, default=200,
                   help="案件数（默认200，最多1000000）；超过100000件时为同一规模的调解组织"
                        "更长的历史：近三年与100000件时相同，其余为2024年以前受理且已结案的案件"
                        "（最早2004年1月1日）")
    p.add_argument("--seed", type=int, default=1, help="随机种子（相同种子生成相同数据）")
    p = sub.add_parser("cases", help="列出或搜索案件")
    p.add_argument("--search", default="", help="案号、当事人姓名、身份证号、电话或摘要中的文字")
    p.add_argument("--stage", help="办理阶段，如 mediation、arbitration")
    p.add_argument("--status", help="案件状态，如 active、closed")
    p.add_argument("--city", help="城市")
    p.add_argument("--limit", type=int, default=1000, help="最多列出多少件（默认1000）")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p = sub.add_parser("show", help="显示一个案件")
    p.add_argument("case_no", help="案号")
    p.add_argument("--json", action="store_true", help="以 JSON 输出（与 export 格式相同）")
    p = sub.add_parser("export", help="把案件导出为 JSON 文件")
    p.add_argument("case_no", help="案号")
    p.add_argument("-o", "--output", required=True, help="输出文件路径")
    p.add_argument("--anonymise", action="store_true", help="匿名导出（发布典型案例用，仅限已结案案件）")
    p = sub.add_parser("import", help="从 JSON 文件导入案件（案号已存在且内容不同时拒绝，除非加 --replace）")
    p.add_argument("file", help="JSON 文件路径")
    _replace_options(p)
    p = sub.add_parser("check", help="检查数据库完整性、结构版本、证据文件哈希和审计日志")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p = sub.add_parser("backup", help="备份数据库和证据文件到一个加密的 .zip 文件（AES-256，需设口令）")
    p.add_argument("-o", "--output", required=True, help="备份文件路径")
    passphrases.add_option(p)
    p = sub.add_parser("restore", help="从备份恢复（先校验备份，并把当前数据库另存一份）")
    p.add_argument("file", help="备份文件路径")
    passphrases.add_option(p)
    p = sub.add_parser("bundle-export",
                       help="把案件连同证据文件打包为加密的 .zip（移交仲裁委、法律援助中心；需设口令）")
    p.add_argument("case_no", help="案号")
    p.add_argument("-o", "--output", required=True, help="输出的 .zip 路径")
    passphrases.add_option(p)
    p = sub.add_parser("bundle-import",
                       help="导入案件包（校验每个文件的哈希；案号已存在且内容不同时拒绝，除非加 --replace）")
    p.add_argument("file", help="案件包 .zip 路径")
    _replace_options(p)
    passphrases.add_option(p)
    p = sub.add_parser("db-encrypt", help="把未加密的 SQLite 数据库转为 SQLCipher 加密数据库（管理员）")
    p.add_argument("--key-file", help=f"新密钥文件（取第一行）；也可用环境变量 {passphrases.ENV_NEW_DB_KEY}，"
                   "都没有时提示输入两次")
    p = sub.add_parser("user", help="用户管理：add / list / reset-password / set-role / disable / "
                       "enable / auto-login")
    p.add_argument("action", choices=["add", "list", "reset-password", "set-role", "disable",
                                      "enable", "auto-login"])
    p.add_argument("username", nargs="?", help="用户名")
    p.add_argument("--role", help="角色：administrator、mediator、arbitration_clerk、legal_aid_worker、"
                   "read_only（add 默认 mediator；set-role 必须给出）")
    p.add_argument("--name", default="", help="显示名称")
    p.add_argument("--off", action="store_true", help="与 auto-login 连用：关闭自动登录")
    p = sub.add_parser("stats", help="统计一段时间内收到的案件")
    p.add_argument("--from", dest="date_from", required=True, type=_date, help="起始日期 YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", required=True, type=_date, help="截止日期 YYYY-MM-DD")
    p.add_argument("--org", help="组织名称（默认全部组织）")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    commands.declare(sub, _date, eager)  # type: ignore[arg-type]
    sub.add_parser("gui", help="打开图形界面（不带命令时的默认操作）")
    return parser


# Commands anyone at the machine may run without signing in. `init` only creates or upgrades
# the schema, which opening the database does for every command anyway; `make run` calls it
# every day before the window (which then asks for the password). `calc` only computes an
# amount from the figures given and the local parameters table, and writes nothing.
NO_SIGN_IN = {"init", "calc"}


@command("init")
def cmd_init(services: Services, _args: argparse.Namespace) -> int:
    report = services.upgrade
    if services.accounts.has_users():  # an office in use: report, touch nothing else
        print(f"数据库结构：{report.to_revision}（{services.ctx.config.url}）；"
              "已有用户账户，打开程序后请登录")
        if report.from_revision != report.to_revision:
            print(f"已升级：{report.from_revision or '空'} → {report.to_revision}")
            if report.backup:
                print(f"升级前副本：{report.backup}")
        return 0
    org_id = services.organisations.default_id()
    if report.from_revision == report.to_revision:
        print(f"数据库已是最新结构（{report.to_revision}）：{services.ctx.config.url}")
    else:
        print(f"数据库已升级：{report.from_revision or '空'} → {report.to_revision}")
        if report.backup:
            print(f"升级前副本：{report.backup}")
    print(f"默认组织编号：{org_id}")
    return 0


@command("demo")
def cmd_demo(services: Services, args: argparse.Namespace) -> int:
    if args.cases < 1 or args.cases > 1_000_000:
        raise AppError("--cases 应为 1 到 1000000 之间的整数")

    def progress(done: int, total: int) -> None:
        print(f"\r已生成 {done}/{total} 件", end="", file=sys.stderr, flush=True)

    written = services.demo.generate(args.cases, seed=args.seed, progress=progress)
    print(file=sys.stderr)
    print(f"已生成演示案件 {written} 件")
    return 0


@command("cases")
def cmd_cases(services: Services, args: argparse.Namespace) -> int:
    if args.limit < 0:
        raise AppError("--limit 不能为负数")
    from app.services.cases.dto import CaseQuery

    page = services.cases.list_cases(CaseQuery(search=args.search, stage=args.stage,
                                               status=args.status, city=args.city,
                                               limit=args.limit))
    if args.json:
        _print_json(case_rows_json(page))
    else:
        print_case_table(page)
    return 0


@command("show")
def cmd_show(services: Services, args: argparse.Namespace) -> int:
    data = services.exchange.export_for_viewer(args.case_no)
    if args.json:
        _print_json(data)
    else:
        print_case_text(data)
    return 0


@command("export")
def cmd_export(services: Services, args: argparse.Namespace) -> int:
    services.exchange.export_to_file(args.case_no, Path(args.output), anonymise=args.anonymise)
    print(f"已导出 {args.case_no} → {args.output}")
    return 0


def _replace_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--replace", action="store_true",
                   help="案号已存在且内容不同时，用文件内容替换已存案件（同一组织内）")
    p.add_argument("--allow-older", action="store_true",
                   help="与 --replace 连用：文件比已存案件旧时也替换（回退到文件中的版本）")


REPLACE_HINTS = {
    "case_differs": "如确认以文件内容替换已存案件，请加 --replace 重新运行。",
    "case_older": "如确需用这个较旧的文件回退已存案件，请加 --replace --allow-older 重新运行。",
}


def _imported(args: argparse.Namespace, run: Callable[[], tuple[str, str]]) -> int:
    from app.services.exchange.case_file import CaseDiffers

    if args.allow_older and not args.replace:
        raise AppError("--allow-older 须与 --replace 一起使用")
    try:
        outcome, case_no = run()
    except CaseDiffers as exc:
        raise AppError(f"{exc.message}\n{REPLACE_HINTS[exc.code]}", code=exc.code) from None
    print({"created": "已导入案件 {}", "replaced": "已用文件内容替换案件 {}",
           "unchanged": "案件 {} 已存在且与文件内容完全相同，未做任何改动"}[outcome].format(case_no))
    return 0


@command("import")
def cmd_import(services: Services, args: argparse.Namespace) -> int:
    def run() -> tuple[str, str]:
        result = services.exchange.import_file(Path(args.file), replace=args.replace,
                                               allow_older=args.allow_older)
        return result.outcome.value, result.case_no

    return _imported(args, run)


@command("check")
def cmd_check(services: Services, args: argparse.Namespace) -> int:
    report = services.check.run()
    if args.json:
        _print_json({"ok": report.ok, "problems": report.problems, "notes": report.notes,
                     "files_checked": report.files_checked,
                     "audit_entries_checked": report.audit_entries_checked})
        return 0 if report.ok else 1
    if report.ok:
        print(f"检查通过：数据库完整，结构为最新，{report.files_checked} 个证据文件哈希一致，"
              f"审计日志 {report.audit_entries_checked} 条链接完整。")
    else:
        print(f"发现 {len(report.problems)} 个问题：", file=sys.stderr)
        for problem in report.problems:
            print(f"  - {problem}", file=sys.stderr)
    for note in report.notes:
        print(f"说明：{note}")
    return 0 if report.ok else 1


@command("backup")
def cmd_backup(services: Services, args: argparse.Namespace) -> int:
    from app.priority import below_normal

    passphrase = passphrases.new_passphrase(args)
    # Housekeeping: below normal priority, so clerks on this computer go first.
    info = below_normal(lambda: services.backups.backup(Path(args.output), passphrase))
    print(f"已备份到 {info.path}（AES-256 加密，结构版本 {info.revision}，证据文件 {info.files} 个）")
    return _print_problems(info.problems, "备份中没有这些文件：请运行 check，并从更早的备份恢复它们")


@command("restore")
def cmd_restore(services: Services, args: argparse.Namespace) -> int:
    info = passphrases.opening(args, lambda p: services.backups.restore(Path(args.file), p))
    print(f"已从 {info.path} 恢复（结构版本 {info.revision}，证据文件 {info.files} 个）；"
          f"恢复前的数据库已另存在 {services.ctx.config.backups_dir}")
    for note in (*info.notes, *info.accounts):
        print(f"  - {note}")
    return _print_problems([p for p in info.problems if p not in info.accounts],
                           "这些文件未能恢复：请从其他备份恢复，或重新收集证据")


def _print_problems(problems: list[str], advice: str) -> int:
    """Done, but not everything: say what is missing on stderr and exit 1 so scripts notice."""
    if not problems:
        return 0
    print(f"注意：{advice}", file=sys.stderr)
    for problem in problems:
        print(f"  - {problem}", file=sys.stderr)
    return 1


@command("bundle-export")
def cmd_bundle_export(services: Services, args: argparse.Namespace) -> int:
    passphrase = passphrases.new_passphrase(args)
    result = services.bundles.export_bundle(args.case_no, Path(args.output), passphrase=passphrase)
    masked = "；身份证号和电话已遮盖（当前角色无权查看个人信息）" if result.masked else ""
    print(f"已打包 {result.case_no}（AES-256 加密，证据文件 {result.files} 个）→ {args.output}{masked}"
          "；请把口令另行告知对方（不要与案件包放在一起发送）")
    return 0


@command("bundle-import")
def cmd_bundle_import(services: Services, args: argparse.Namespace) -> int:
    def run() -> tuple[str, str]:
        result = passphrases.opening(args, lambda p: services.bundles.import_bundle(
            Path(args.file), replace=args.replace, allow_older=args.allow_older, passphrase=p))
        if not result.encrypted:
            print("注意：这个案件包没有加密（较早版本或其他程序写的）", file=sys.stderr)
        outcome = "unchanged" if result.unchanged else "replaced" if result.updated else "created"
        files = "" if result.unchanged else f"（证据文件 {result.files} 个）"
        return outcome, result.case_no + files

    return _imported(args, run)


@command("db-encrypt")
def cmd_db_encrypt(services: Services, args: argparse.Namespace) -> int:
    from app.services.security.db_crypto import DatabaseCryptoService

    result = DatabaseCryptoService(services.ctx).encrypt(passphrases.new_db_key(args.key_file))
    print(f"数据库已加密：{result.path}（{result.tables} 个表，{result.rows} 行，逐表核对一致）。"
          "今后打开时须给出此密钥（MEDIATION_DESK_DB_KEY、--db-key-file，或图形界面启动时输入）；"
          "密钥丢失则数据无法找回，请另行妥善保存。")
    if result.plain_copies:
        print("注意：以下较早的数据库副本没有加密，确认不再需要后请删除：", file=sys.stderr)
        for path in result.plain_copies:
            print(f"  - {path}", file=sys.stderr)
    return 0


@command("user")
def cmd_user(services: Services, args: argparse.Namespace) -> int:
    accounts = services.accounts
    if args.action == "list":
        for u in accounts.users():
            locked = "（已锁定）" if u.locked_until else ""
            login = f"\t数据库账户 {u.db_login}" if u.db_login else ""
            disabled = "（已停用）" if not u.active else ""
            print(f"{u.username}\t{u.display_name}\t{u.role}{locked}{disabled}{login}")
        return 0
    if not args.username and not (args.action == "auto-login" and args.off):
        raise AppError("请给出用户名")
    if args.action == "add":
        accounts.create_user(args.username, passphrases.password("新用户密码："),
                             args.role or "mediator", display_name=args.name)
        print(f"已创建用户 {args.username}（{args.role or 'mediator'}）")
    elif args.action == "reset-password":
        accounts.reset_password(args.username, passphrases.password("新密码："))
        print(f"已重置 {args.username} 的密码并解除锁定")
    elif args.action == "set-role":
        if not args.role:
            raise AppError("请用 --role 给出新角色，如 --role read_only")
        accounts.set_role(args.username, args.role)
        print(f"已把 {args.username} 的角色设为 {args.role}")
    elif args.action in ("disable", "enable"):
        accounts.set_active(args.username, args.action == "enable")
        print(f"已停用 {args.username}（不能再登录，办理记录保留）" if args.action == "disable"
              else f"已启用 {args.username}")
    else:
        accounts.set_auto_login(None if args.off else args.username)
        print("已关闭自动登录" if args.off else f"已设置自动登录为 {args.username}")
    return 0


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期“{text}”应写作 2026-11-23") from None


@command("stats")
def cmd_stats(services: Services, args: argparse.Namespace) -> int:
    if args.date_to < args.date_from:
        raise AppError("截止日期不能早于起始日期")
    org_id = None
    if args.org:
        org = services.organisations.find_by_name(args.org)
        if org is None:
            raise AppError(f"找不到名为“{args.org}”的组织")
        org_id = org.id
    from app.services.reports.statistics import StatisticsService

    result = StatisticsService(services.ctx).compute(args.date_from, args.date_to, org_id)
    if args.json:
        _print_json(result.to_json())
    else:
        print_statistics(result)
    return 0


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def handler(name: str) -> Handler:
    """A command's function: main's own, or its group module's (loaded now)."""
    if name not in COMMANDS and name in commands.GROUP_OF:
        COMMANDS.update(commands.group_module(commands.GROUP_OF[name]).COMMANDS)
    return COMMANDS[name]


def main(argv: Sequence[str] | None = None) -> int:
    console_safe()
    args = build_parser().parse_args(argv)
    config = load_config(args.data_dir, args.database_url)
    problem = data_location_problem(config)
    if problem is not None:  # before the log or anything else reaches that folder
        print(f"错误：{problem}", file=sys.stderr)
        return 1
    if args.command in (None, "gui"):
        from app.views.launcher import launch_gui

        try:
            return launch_gui(config, smoke=args.smoke)
        finally:
            close_logging()
    log_path = setup_logging(config.data_dir)
    try:
        return run_command(args, config, log_path)
    finally:
        close_logging()  # the data folder's log ends with the command (a caller may move it)


def run_command(args: argparse.Namespace, config: AppConfig, log_path: Path | None) -> int:
    from app.bootstrap import open_services

    try:
        from app.services.security.db_crypto import database_encrypted

        key = passphrases.db_key(args.db_key_file, config.db_path, database_encrypted(config))
        if key is not None:
            config = load_config(args.data_dir, args.database_url, db_key=key)
        services = open_services(config)
    except AppError as exc:
        print(f"错误：{exc.message}", file=sys.stderr)
        return 1
    except Exception as exc:  # one Chinese line for the user, the details in the log
        log_unexpected(f"打开数据库失败（{args.command}）", exc)
        print(f"错误：{unexpected_message(log_path)}", file=sys.stderr)
        return 1
    if services.ctx.read_only:
        from app.services.security.accounts import READ_ONLY_DATA

        print(f"注意：{READ_ONLY_DATA.format(where=config.data_dir)}", file=sys.stderr)
    try:
        if args.command not in NO_SIGN_IN:
            passphrases.sign_in(services, args.user)
        return handler(args.command)(services, args)
    except BrokenPipeError:  # output piped into `head` and the like: not an error
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 (stdout must stay open until exit)
        return 0
    except ValidationFailed as exc:
        print(f"错误：{exc.message}", file=sys.stderr)
        return 1
    except AppError as exc:
        print(f"错误：{exc.message}", file=sys.stderr)
        return 1
    except OSError as exc:  # a file the command wrote: full disk, no permission, bad name
        print(f"错误：{storage_error(exc).message}", file=sys.stderr)
        return 1
    except Exception as exc:  # never a traceback on the console
        log_unexpected(f"命令 {args.command} 意外出错", exc)
        print(f"错误：{unexpected_message(log_path)}", file=sys.stderr)
        return 1
    finally:
        services.close()
