"""Errors of the pure rules layer, each with a stable code and a Chinese message."""

from __future__ import annotations


class WorkflowError(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


class TransitionRefused(WorkflowError):
    """An event that the law (or the case's facts) does not allow in the current state."""

    def __init__(self, message: str) -> None:
        super().__init__("transition_refused", message)
