"""The log follows the data folder: set up for folder B after folder A, A's file is closed and
no longer written; a command leaves no log handler behind, so a data folder deleted (or moved)
after it is never written to again ("--- Logging error ---" on the console)."""

from __future__ import annotations

import logging
import shutil
from collections.abc import Iterator
from logging.handlers import RotatingFileHandler
from pathlib import Path

import pytest

from app.cli.main import main
from app.logs import LOG_FILE, close_logging, logger, setup_logging


def file_handlers() -> list[RotatingFileHandler]:
    return [h for h in logger.handlers if isinstance(h, RotatingFileHandler)]


@pytest.fixture(autouse=True)
def no_log_left() -> Iterator[None]:
    yield
    close_logging()


def test_a_second_data_folder_takes_the_log_and_the_first_is_closed(tmp_path: Path) -> None:
    a, b = tmp_path / "A", tmp_path / "B"
    assert setup_logging(a) == a / "logs" / LOG_FILE
    logger.warning("to A")
    (first,) = file_handlers()
    assert first.stream is not None  # open, writing to A
    assert setup_logging(b) == b / "logs" / LOG_FILE
    assert first.stream is None and first not in logger.handlers  # closed, not just hidden
    (second,) = file_handlers()
    assert Path(second.baseFilename) == b / "logs" / LOG_FILE
    logger.warning("to B")
    second.flush()
    assert "to B" not in (a / "logs" / LOG_FILE).read_text(encoding="utf-8")
    assert "to B" in (b / "logs" / LOG_FILE).read_text(encoding="utf-8")
    assert setup_logging(b) == b / "logs" / LOG_FILE and file_handlers() == [second]


def test_a_command_leaves_no_log_handler_behind(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    assert main(["--data-dir", str(data), "init"]) == 0
    assert (data / "logs").is_dir() and file_handlers() == []
    shutil.rmtree(data)  # the folder goes (a test's tmp_path, a folder moved elsewhere)
    capsys.readouterr()
    logger.warning("after the command")  # e.g. another data folder's services, no log set up
    logging.getLogger("app.services").error("still nothing to write to")
    assert "Logging error" not in capsys.readouterr().err
    assert not data.exists()
