"""Policies in use: the shipped ones plus the organisation's own, kept in the data folder.

An imported policy is stored as the very file that was validated (data_dir/policies/<id>.json),
so it is loaded next time next to the shipped ones and travels with a backup of the data folder.
"""

from __future__ import annotations

import re
from pathlib import Path

from app.config import AppConfig
from app.errors import AppError
from app.fileutil import atomic_write_bytes
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
NOTHING_STORED = "请改正后再导入，未保存任何内容"


class PolicyFileRefused(AppError):
    code = "bad_policy_file"


def local_policy_dir(config: AppConfig) -> Path:
    return config.data_dir / POLICY_FOLDER


def load_library(config: AppConfig) -> tuple[PolicyLibrary, list[str]]:
    """The library and the reasons any stored local file was left out."""
    builtin = load_builtin_policies()
    local, problems = load_local_policies(local_policy_dir(config), [p.id for p in builtin])
    return PolicyLibrary([*builtin, *local]), problems


def store_policy(config: AppConfig, path: Path) -> Policy:
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
    if not SAFE_ID.fullmatch(policy.id):
        raise PolicyFileRefused(f"政策文件“{path.name}”的编号“{policy.id}”只能由字母、数字、汉字、"
                                "连字符和下划线组成（编号用作保存的文件名）。" + NOTHING_STORED)
    atomic_write_bytes(local_policy_dir(config) / f"{policy.id}.json", raw)
    return policy
