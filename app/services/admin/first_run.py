"""The first run of an office: its organisation and its administrator, set up together.

Until an administrator exists nobody is signed in and nothing is enforced, so this is the one
moment anyone at the keyboard may write the organisation; it therefore happens once, in one
transaction with the administrator's account, and is refused as soon as any account exists.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import func, select

from app.errors import AppError, FieldError, ValidationFailed
from app.models import Organisation, User
from app.models.enums import OrgKind, UserRole
from app.services.admin.organisations import DEFAULT_ORG_NAME, check_pattern
from app.services.cases.field_checks import check_choice, require
from app.services.context import ServiceContext
from app.services.security.accounts import MIN_PASSWORD, AccountService, Identity


@dataclass(frozen=True)
class OfficeSetup:
    name: str  # 组织名称, as printed at the head of every document
    kind: str  # OrgKind
    province: str
    city: str
    district: str
    case_no_pattern: str
    seal_holder: str
    username: str
    display_name: str
    password: str
    repeat: str


class FirstRunService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def needed(self) -> bool:
        with self.ctx.session() as s:
            return not s.exec(select(func.count()).select_from(User)).one()

    def suggestion(self) -> Organisation | None:
        """An organisation already in the database (an upgrade, an import) to start from."""
        with self.ctx.session() as s:
            org = s.exec(select(Organisation).order_by(Organisation.id)).first()  # type: ignore[arg-type]
            return None if org is None or org.name == DEFAULT_ORG_NAME else org

    def set_up(self, setup: OfficeSetup) -> Identity:
        problems = self._problems(setup)
        if problems:
            raise ValidationFailed(problems)
        password_hash = AccountService(self.ctx).hasher.hash(setup.password)
        with self.ctx.session() as s:
            if s.exec(select(func.count()).select_from(User)).one():
                raise AppError("本单位已经设置过管理员，请直接登录", code="already_set_up")
            org = s.exec(select(Organisation).order_by(Organisation.id)).first()  # type: ignore[arg-type]
            if org is None:
                org = Organisation(name=setup.name.strip(), kind=setup.kind)
            clash = s.exec(select(Organisation).where(Organisation.name == setup.name.strip(),
                                                      Organisation.id != org.id)).first()
            if clash is not None:
                raise ValidationFailed([FieldError("name", f"组织“{setup.name.strip()}”已存在")])
            org.name, org.kind = setup.name.strip(), setup.kind
            org.province, org.city = setup.province.strip(), setup.city.strip()
            org.district, org.seal_holder = setup.district.strip(), setup.seal_holder.strip()
            org.case_no_pattern = setup.case_no_pattern
            s.add(org)
            s.add(User(username=setup.username.strip(),
                       display_name=setup.display_name.strip() or setup.username.strip(),
                       role=UserRole.ADMINISTRATOR, password_hash=password_hash))
            s.commit()
        return Identity(setup.username.strip(), UserRole.ADMINISTRATOR)

    @staticmethod
    def _problems(setup: OfficeSetup) -> list[FieldError]:
        problems = require(setup.name, "name", "组织名称")
        problems += check_choice(setup.kind, OrgKind, "kind", "组织类型")
        problems += require(setup.city, "city", "所在城市")
        problems += check_pattern(setup.case_no_pattern)
        problems += require(setup.username, "username", "管理员用户名")
        if len(setup.password) < MIN_PASSWORD:
            problems.append(FieldError("password", f"密码至少{MIN_PASSWORD}位"))
        elif setup.password != setup.repeat:
            problems.append(FieldError("repeat", "两次输入的密码不一致"))
        return problems
