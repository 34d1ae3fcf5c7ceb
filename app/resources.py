"""Find the shipped data: resources/ (templates, policies, tables) and migrations/ (Alembic).

The repository keeps both folders beside app/. A wheel (`pip install .`) carries them inside the
package as the data packages `app._resources` and `app._migrations` (setup.py maps the folders),
and the PyInstaller bundle puts them at the same place (packaging/mediation-desk.spec), so one
`importlib.resources` lookup finds them in an installed copy, an editable install and a frozen
program; a source checkout without an install falls back to the folders beside app/.
"""

from __future__ import annotations

import importlib.resources
from functools import cache
from pathlib import Path

SOURCE_ROOT = Path(__file__).resolve().parent.parent
DATA_PACKAGES = {"resources": "app._resources", "migrations": "app._migrations"}


@cache
def shipped_dir(name: str) -> Path:
    """The folder `resources` or `migrations`, wherever this copy of the program keeps it."""
    try:
        root = importlib.resources.files(DATA_PACKAGES[name])
    except ModuleNotFoundError:  # a source checkout: the folders sit beside app/
        return SOURCE_ROOT / name
    # A regular package on disk (wheel, editable, PyInstaller): files() is a pathlib.Path.
    return Path(str(root))


RESOURCES_DIR = shipped_dir("resources")
MIGRATIONS_DIR = shipped_dir("migrations")


def resource_path(*parts: str) -> Path:
    """Path of a shipped resource, e.g. resource_path("templates", "x.json")."""
    return RESOURCES_DIR.joinpath(*parts)
