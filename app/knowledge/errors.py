"""Errors of the knowledge base, each with a stable code and a Chinese message naming the place."""

from __future__ import annotations


class KnowledgeError(Exception):
    code = "knowledge"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class PolicyFileError(KnowledgeError):
    """A policy file that cannot be used: unreadable, bad JSON, missing or invalid fields."""

    code = "bad_policy_file"

    def __init__(self, file: str, place: str, reason: str) -> None:
        self.file = file
        self.place = place
        self.reason = reason
        where = f"{place}{reason}" if place else reason
        super().__init__(f"政策文件“{file}”有误：{where}")


class AnswerError(KnowledgeError):
    """An answer of the rights questionnaire has the wrong type or an impossible value."""

    code = "bad_answer"


class TableFileError(KnowledgeError):
    """A CSV or Excel file that cannot be read at all (not single bad rows: those are reported)."""

    code = "bad_table_file"


class OrderFileError(TableFileError):
    """An order export that cannot be read at all (not single bad rows: those are reported)."""

    code = "bad_order_file"
