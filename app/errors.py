"""Domain errors with stable codes and a Chinese message that says what to fix."""

from __future__ import annotations

from dataclasses import dataclass


class AppError(Exception):
    """Base of every error a user may see; `message` is Simplified Chinese."""

    code = "error"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code:
            self.code = code

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class FieldError:
    """One invalid field: where it is (e.g. "parties[0].id_number") and what to fix."""

    field: str
    message: str
    warning: bool = False


class ValidationFailed(AppError):
    """Input refused; nothing was written. Carries every problem found, field by field."""

    code = "validation"

    def __init__(self, errors: list[FieldError]) -> None:
        self.errors = errors
        lines = [f"{e.message}（{e.field}）" for e in errors]
        super().__init__("输入有误，未保存任何内容：\n" + "\n".join(lines))


class NotFound(AppError):
    code = "not_found"


class SchemaTooNew(AppError):
    code = "schema_too_new"


class ConflictError(AppError):
    """Someone else saved the record first (optimistic locking)."""

    code = "conflict"


class StorageError(AppError):
    code = "storage"


class FileInUse(AppError):
    """Windows refuses to replace a file another program holds open (a DOCX in Word or WPS,
    a PDF in a reader, an export in Excel); the earlier file is unchanged."""

    code = "file_in_use"

    def __init__(self, path: object) -> None:
        self.path = path
        super().__init__(f"请先关闭正在打开该文件的程序：{path}（如 Word、WPS、Excel 或 PDF 阅读器），"
                         "然后重试；该文件未被改动。")
