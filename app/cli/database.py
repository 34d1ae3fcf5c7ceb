"""Command-line set-up of a shared PostgreSQL: database group roles, GRANTs and clerks' logins."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from typing import TYPE_CHECKING, Any

from app.errors import AppError

if TYPE_CHECKING:
    from app.bootstrap import Services

NEW_DB_PASSWORD_ENV = "MEDIATION_DESK_NEW_DB_PASSWORD"


def add_parsers(sub: Any) -> None:
    p = sub.add_parser("pg-setup", help="共用 PostgreSQL：建立按角色划分的数据库角色和授权（用所有者账户运行）")
    p.add_argument("--sql", action="store_true", help="只显示将执行的 SQL，不执行")
    p = sub.add_parser("pg-login", help="共用 PostgreSQL：为一位工作人员建立自己的数据库账户")
    p.add_argument("login", help="数据库账户名（英文字母、数字、下划线）")
    p.add_argument("--for", dest="for_user", metavar="用户名",
                   help="这个数据库账户属于哪位程序用户（check 据此核对每条审计记录的操作人）")
    p.add_argument("--role", help="程序角色：administrator、mediator、arbitration_clerk、"
                   "legal_aid_worker、read_only（给出 --for 时取该用户的角色）")


def cmd_pg_setup(services: Services, args: argparse.Namespace) -> int:
    from app.services.security.pg_roles import PgRoleService

    pg = PgRoleService(services.ctx)
    if args.sql:
        print(pg.plan().script(), end="")
        return 0
    plan = pg.setup()
    print(f"已为数据库 {plan.database} 建立角色 {plan.database}_administrator、"
          f"{plan.database}_mediator、{plan.database}_read_only 并设置授权（{len(plan.statements)} 条语句）。"
          "升级程序后请再运行一次 pg-setup。")
    return 0


def cmd_pg_login(services: Services, args: argparse.Namespace) -> int:
    from app.services.security.pg_roles import PgRoleService

    password = os.environ.get(NEW_DB_PASSWORD_ENV)
    if not password:
        if not sys.stdin.isatty():
            raise AppError(f"需要新数据库账户的密码：请设置环境变量 {NEW_DB_PASSWORD_ENV}，或在终端中运行")
        password = getpass.getpass(f"数据库账户 {args.login} 的密码：")
    group = PgRoleService(services.ctx).create_login(args.login, password, args.role,
                                                     for_user=args.for_user)
    whose = f"，属于用户“{args.for_user}”" if args.for_user else "；未登记属于哪位用户，check 无法核对其操作人"
    print(f"已建立数据库账户 {args.login}（数据库角色 {group}{whose}）。该工作人员的电脑上请使用 "
          f"--database-url postgresql+psycopg://{args.login}:密码@服务器/{services.ctx.engine.url.database}")
    return 0


COMMANDS = {"pg-setup": cmd_pg_setup, "pg-login": cmd_pg_login}
