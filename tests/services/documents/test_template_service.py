"""The template editor's service: an office changes wording, checked before it is stored,
administrators only, in the audit log, and back to the shipped text in one step."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlmodel import select

from app.bootstrap import Services
from app.documents.templates import TemplateError
from app.errors import AppError
from app.models import AuditEntry
from app.services.documents.template_service import TemplateService
from app.services.security.accounts import PermissionDenied

KIND = "mediation_failure_notice"


def _service(services: Services) -> TemplateService:
    return TemplateService(services.ctx)


def _pdf_text(path: Path) -> str:
    return "".join(page.extract_text() or "" for page in PdfReader(path).pages)


def test_save_is_used_for_documents_and_revert_restores_the_shipped_text(
        sqlite_services: Services, tmp_path: Path) -> None:
    service = _service(sqlite_services)
    shipped = service.shipped_text(KIND)
    assert service.text(KIND) == shipped
    assert not next(i for i in service.kinds() if i.kind == KIND).customised
    # a new sentence at the start of the body, after the header lines
    lines = shipped.splitlines()
    body_at = next(i for i, line in enumerate(lines)
                   if line.strip() and not line.startswith(("::meta", "::require", "{#")))
    changed = "\n".join(lines[:body_at] + ["本委员会特此告知：{{ case.case_no }}。"] + lines[body_at:])
    info = service.save(KIND, changed)
    assert info.customised and service.text(KIND) == changed
    assert (sqlite_services.ctx.config.templates_dir / f"{KIND}.tpl").read_text("utf-8") == changed
    preview = service.preview(KIND, changed, tmp_path / "p.pdf")
    assert "本委员会特此告知" in _pdf_text(preview)
    with sqlite_services.ctx.session() as s:
        entries = [e for e in s.exec(select(AuditEntry).where(AuditEntry.entity == "app_setting"))
                   if "document_template" in f"{e.entity_id}{e.new_value}"]
    assert len(entries) == 1 and entries[0].user == "tester" and entries[0].action == "create"
    service.revert(KIND)
    assert service.text(KIND) == shipped
    assert not (sqlite_services.ctx.config.templates_dir / f"{KIND}.tpl").exists()
    assert sqlite_services.check.run().ok  # the audit replay accounts for both changes


@pytest.mark.parametrize("text, words", [
    ("::meta title 调解不成告知书\n::meta version 1\n{% if %}\n", "语法错误"),
    ("::meta title 调解不成告知书\n::meta version 1\n{{ no_such_field }}\n", "不存在的字段"),
    ("::meta title 调解不成告知书\n::meta version 1\n{{ ''.__class__.__mro__ }}\n", "不允许"),
    ("::meta version 1\n正文\n", "缺少 ::meta title"),
    ("::meta title 调解不成告知书\n::meta version 1\n{% include '/etc/passwd' %}\n", "模板"),
])
def test_a_broken_or_hostile_text_is_refused_and_nothing_is_written(
        sqlite_services: Services, text: str, words: str) -> None:
    service = _service(sqlite_services)
    with pytest.raises(TemplateError, match=words):
        service.save(KIND, text)
    assert not (sqlite_services.ctx.config.templates_dir / f"{KIND}.tpl").exists()
    assert service.text(KIND) == service.shipped_text(KIND)


def test_errors_name_the_line_of_the_text(sqlite_services: Services) -> None:
    text = "::meta title 调解不成告知书\n::meta version 1\n第一行\n第二行 {{ nope }}\n"
    with pytest.raises(TemplateError, match="第4行"):
        _service(sqlite_services).check(KIND, text)


def test_only_an_administrator_may_change_templates(sqlite_services: Services) -> None:
    service = _service(sqlite_services)
    sqlite_services.ctx.role = "mediator"
    with pytest.raises(PermissionDenied):
        service.save(KIND, service.shipped_text(KIND))
    own = sqlite_services.ctx.config.templates_dir / f"{KIND}.tpl"
    own.parent.mkdir(parents=True, exist_ok=True)
    own.write_text(service.shipped_text(KIND), "utf-8")  # placed by hand, outside the program
    with pytest.raises(PermissionDenied):
        service.revert(KIND)
    assert own.exists()


def test_unknown_kind_and_fields_list(sqlite_services: Services) -> None:
    service = _service(sqlite_services)
    with pytest.raises(AppError, match="没有“../../x”这种文书"):
        service.text("../../x")
    fields = {f.path: f.example for f in service.fields()}
    assert fields["case.case_no"] == "越企调〔2026〕0017号"
    assert any(path.startswith("applicants[0].") for path in fields)
