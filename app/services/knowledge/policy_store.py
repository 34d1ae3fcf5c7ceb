"""Policies in use: the shipped ones plus the organisation's own, kept in the data folder.

An imported policy is stored as the very file that was validated (data_dir/policies/<id>.json),
so it is loaded next time next to the shipped ones and travels with a backup of the data folder.
Who imported it and when is kept in data_dir/policies/imports.index with the file's hash: a file
replaced by hand afterwards shows no importer.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from app.config import AppConfig
from app.errors import AppError
from app.fileutil import atomic_write_bytes, name_problem
from app.knowledge.errors import PolicyFileError
from app.knowledge.library import PolicyLibrary
from app.knowledge.policies import Policy
from app.knowledge.policy_file import (
    import_policy_bytes,
    load_builtin_policies,
    load_local_policies,
    read_policy_bytes,
)

POLICY_FOLDER = "policies"
MAX_POLICY_BYTES = 5 * 1024 * 1024  # a policy is a few hundred KB at most; refuse stray files
# The id becomes a file name: letters, digits, CJK, "-" and "_" are safe on every system.
SAFE_ID = re.compile(r"[\w\-]+")
MAX_ID_CHARS = 64
INDEX_FILE = "imports.index"  # not *.json: never read as a policy
NOTHING_STORED = "请改正后再导入，未保存任何内容"


@dataclass(frozen=True)
class ImportRecord:
    """Who imported a stored policy file, and when."""

    user: str
    at: datetime
    file_name: str


class PolicyFileRefused(AppError):
    code = "bad_policy_file"


def local_policy_dir(config: AppConfig) -> Path:
    return config.data_dir / POLICY_FOLDER


def load_library(config: AppConfig) -> tuple[PolicyLibrary, list[str]]:
    """The library and the reasons any stored local file was left out."""
    builtin = load_builtin_policies()
    local, problems = load_local_policies(local_policy_dir(config), [p.id for p in builtin])
    return PolicyLibrary([*builtin, *local]), problems


def store_policy(config: AppConfig, path: Path, *, user: str = "system",
                 now: datetime | None = None) -> Policy:
    """Validate an organisation's policy file and keep it; a malformed file stores nothing.

    Re-importing a file with the id of an earlier import replaces that import (a corrected
    version); an id of a shipped policy is refused, since the shipped text must stay as is.
    """
    try:
        if path.stat().st_size > MAX_POLICY_BYTES:
            raise PolicyFileRefused(f"政策文件“{path.name}”过大（超过 5 MB），"
                                    "请确认选择的是政策 JSON 文件")
        raw = read_policy_bytes(path)
        policy = import_policy_bytes(raw, path.name, [p.id for p in load_builtin_policies()])
    except OSError as exc:
        raise PolicyFileRefused(f"无法读取政策文件“{path.name}”（{exc.strerror or exc}）") from exc
    except PolicyFileError as exc:
        raise PolicyFileRefused(exc.message + "。" + NOTHING_STORED) from exc
    now = now or datetime.now(UTC)
    if not SAFE_ID.fullmatch(policy.id):
        raise PolicyFileRefused(f"政策文件“{path.name}”的编号“{policy.id}”只能由字母、数字、汉字、"
                                "连字符和下划线组成（编号用作保存的文件名）。" + NOTHING_STORED)
    problem = id_problem(policy.id)
    if problem:
        raise PolicyFileRefused(f"政策文件“{path.name}”的编号“{policy.id[:80]}”{problem}"
                                "（编号用作保存的文件名）。" + NOTHING_STORED)
    folder = local_policy_dir(config)
    index = read_index(config)
    index[policy.id] = {"user": user, "at": now.astimezone(UTC).isoformat(),
                        "file": path.name, "sha256": hashlib.sha256(raw).hexdigest()}
    atomic_write_bytes(folder / f"{policy.id}.json", raw)
    atomic_write_bytes(folder / INDEX_FILE,
                       json.dumps(index, ensure_ascii=False, indent=1).encode("utf-8"))
    return policy


def id_problem(policy_id: str) -> str | None:
    """A policy id that cannot be a file name everywhere: too long, a Windows device name."""
    if len(policy_id) > MAX_ID_CHARS:
        return f"过长（{len(policy_id)} 个字符，最多 {MAX_ID_CHARS} 个）"
    problem = name_problem(f"{policy_id}.json")
    if problem:
        return f"不能用作文件名：{problem}"
    return None


def read_index(config: AppConfig) -> dict[str, dict[str, str]]:
    try:
        data = json.loads((local_policy_dir(config) / INDEX_FILE).read_bytes())
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, dict)}


def import_records(config: AppConfig) -> dict[str, ImportRecord]:
    """The importer of each stored policy whose file is still the one imported."""
    found: dict[str, ImportRecord] = {}
    for policy_id, entry in read_index(config).items():
        try:
            raw = (local_policy_dir(config) / f"{policy_id}.json").read_bytes()
            at = datetime.fromisoformat(str(entry.get("at")))
        except (OSError, ValueError):
            continue
        if hashlib.sha256(raw).hexdigest() == entry.get("sha256"):
            found[policy_id] = ImportRecord(str(entry.get("user") or ""), at,
                                            str(entry.get("file") or ""))
    return found
