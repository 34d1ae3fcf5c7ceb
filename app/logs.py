"""The log file in the data folder, and consoles that never crash on a character.

On Windows the GUI has no console: an unexpected error must reach the user as a Chinese dialog
and a developer as a traceback in `logs/mediation-desk.log` (kept small by rotation). The
console of a Chinese Windows PC is often GBK, which cannot print every name a case may hold.
"""

from __future__ import annotations

import logging
import os
import sys
from logging.handlers import RotatingFileHandler
from pathlib import Path

from app.fileutil import POSIX, PRIVATE_FILE, make_private_dir

LOG_FILE = "mediation-desk.log"
LOG_BYTES = 1_000_000  # five files of 1 MB: months of ordinary use, small enough to e-mail
LOG_COPIES = 5
UNEXPECTED = ("程序遇到意外错误，本次操作未完成；此前已保存的数据不受影响。"
              "详情已写入日志：{path}")
logger = logging.getLogger("app")


class PrivateRotatingFileHandler(RotatingFileHandler):
    """Each log file (the first and every rotated one) readable by its owner only (POSIX):
    records name cases and users."""

    def _open(self):  # type: ignore[no-untyped-def]
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, PRIVATE_FILE)
        if POSIX:
            os.chmod(self.baseFilename, PRIVATE_FILE)
        return open(fd, self.mode, encoding=self.encoding, errors=self.errors)  # noqa: SIM115


def log_folder(data_dir: Path) -> Path:
    return Path(data_dir) / "logs"


def setup_logging(data_dir: Path) -> Path | None:
    """Write the app's log records to the data folder's log (once per process); None when the
    folder cannot be written, in which case the program goes on without a log file."""
    path = Path(os.path.abspath(log_folder(data_dir) / LOG_FILE))  # as the handler has it
    for handler in list(logger.handlers):
        if isinstance(handler, RotatingFileHandler) and Path(handler.baseFilename) == path:
            return path
    close_logging()  # another data folder's log (moved to this one) closes first
    try:
        make_private_dir(path.parent)
        if not os.access(path.parent, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
            return None  # a read-only data folder: no log rather than an error on every record
        handler = PrivateRotatingFileHandler(path, maxBytes=LOG_BYTES, backupCount=LOG_COPIES,
                                             encoding="utf-8", delay=True)
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    return path


def close_logging() -> None:
    """Stop writing to the data folder's log (the command or the program is done with that
    folder; it may be moved or deleted next)."""
    for handler in list(logger.handlers):
        if isinstance(handler, RotatingFileHandler):
            logger.removeHandler(handler)
            handler.close()


def log_unexpected(what: str, exc: BaseException) -> None:
    logger.error("%s", what, exc_info=(type(exc), exc, exc.__traceback__))


def unexpected_message(path: Path | None) -> str:
    return UNEXPECTED.format(path=path if path is not None else "（日志文件夹无法写入）")


def console_safe() -> None:
    """A character the console cannot show becomes "?" instead of an exception (a GBK
    console and a name written in an extension-B character, say)."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors="replace")
            except (ValueError, OSError):  # a stream that cannot change: leave it
                pass
