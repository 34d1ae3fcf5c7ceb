"""Errors of the pure rules layer, each with a stable code and a Chinese message."""

from __future__ import annotations


class WorkflowError(Exception):
    """A rule refused something; `code` is stable for programs, `message` is for the clerk."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message

    @property
    def message_zh(self) -> str:
        return self.message


class UnknownRule(WorkflowError):
    def __init__(self, rule_id: str) -> None:
        super().__init__("unknown_rule", f"没有编号为“{rule_id}”的期限规则")


class RuleNotEditable(WorkflowError):
    """A verified statutory period ([V]/[V2]) cannot be changed by an administrator."""

    def __init__(self, message: str) -> None:
        super().__init__("rule_fixed", message)


class BadRuleAmount(WorkflowError):
    def __init__(self, message: str) -> None:
        super().__init__("bad_amount", message)


class BadWageTable(WorkflowError):
    def __init__(self, message: str) -> None:
        super().__init__("bad_wage_table", message)


class TransitionRefused(WorkflowError):
    """An event that the law (or the case's facts) does not allow in the current state."""

    def __init__(self, message: str) -> None:
        super().__init__("transition_refused", message)

    @property
    def reason_zh(self) -> str:
        return self.message
