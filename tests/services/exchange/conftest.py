"""What the exchange tests share: a fingerprint of everything an import could change."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

import pytest
from sqlmodel import SQLModel

import app.models  # noqa: F401  (every table registered on the metadata)
from app.bootstrap import Services

Fingerprint = Callable[[Services], dict[str, object]]


def fingerprint_of(services: Services) -> dict[str, object]:
    """Every row of every table (audit log included) and the hash of every stored file, so a
    refused import is seen to have changed nothing at all, on SQLite and PostgreSQL alike."""
    result: dict[str, object] = {}
    with services.ctx.engine.connect() as conn:
        for table in SQLModel.metadata.sorted_tables:
            rows = sorted(repr(tuple(r)) for r in conn.execute(table.select()))
            result[table.name] = (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest())
    files = services.ctx.config.files_dir
    result["files"] = sorted(hashlib.sha256(p.read_bytes()).hexdigest()
                             for p in files.rglob("*") if p.is_file()) if files.exists() else []
    return result


@pytest.fixture
def fingerprint() -> Fingerprint:
    return fingerprint_of
