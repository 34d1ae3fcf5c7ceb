"""A stand-in for the Dialogs interface: records what would be shown, answers for the user."""

from __future__ import annotations

from pathlib import Path


class FakeDialogs:
    def __init__(self, files: list[Path] | None = None, confirm: bool = True,
                 save_to: Path | None = None) -> None:
        self.errors: list[str] = []
        self.infos: list[str] = []
        self.opened: list[Path] = []
        self.questions: list[str] = []  # what each confirmation asked
        self.files = list(files or [])
        self.answer = confirm
        self.save_to = save_to

    def error(self, parent: object, title: str, text: str) -> None:
        self.errors.append(text)

    def info(self, parent: object, title: str, text: str) -> None:
        self.infos.append(text)

    def confirm(self, parent: object, title: str, text: str) -> bool:
        self.questions.append(text)
        return self.answer

    def choose_files(self, parent: object, title: str) -> list[Path]:
        return list(self.files)

    def open_file(self, path: Path) -> bool:
        self.opened.append(path)
        return True

    def save_file(self, parent: object, title: str, suggested: Path,
                  file_filter: str) -> Path | None:
        return self.save_to

    def choose_file(self, parent: object, title: str, file_filter: str) -> Path | None:
        return self.files[0] if self.files else None
