"""Find the packaged files in `resources/` (templates, policy data, fonts, icons)."""

from __future__ import annotations

from pathlib import Path

# The source tree keeps resources/ beside app/; `make run` installs the project in
# editable mode, so this path is also right for an installed copy.
RESOURCES_DIR = Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    """Path of a shipped resource, e.g. resource_path("templates", "x.json")."""
    return RESOURCES_DIR.joinpath(*parts)
