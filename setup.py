"""Build configuration pyproject.toml cannot express: the top-level resources/ and migrations/
folders travel inside the wheel as the data packages app._resources and app._migrations, every
file of every subfolder included (found at run time through importlib.resources, see
app/resources.py). Everything else is in pyproject.toml."""

from pathlib import Path

from setuptools import find_packages, setup

HERE = Path(__file__).resolve().parent
DATA_PACKAGES = {"app._resources": "resources", "app._migrations": "migrations"}


def data_packages() -> dict[str, list[str]]:
    """Each data folder and subfolder as a package of its own, all its files as package data."""
    found = {}
    for package, folder in DATA_PACKAGES.items():
        for sub in [HERE / folder, *sorted((HERE / folder).rglob("*"))]:
            if sub.is_dir() and "__pycache__" not in sub.parts:
                name = ".".join([package, *sub.relative_to(HERE / folder).parts])
                found[name] = ["*"]
    return found


PACKAGE_DATA = data_packages()

setup(
    packages=find_packages(include=["app", "app.*"]) + list(PACKAGE_DATA),
    package_dir=DATA_PACKAGES,
    package_data=PACKAGE_DATA,
    exclude_package_data={"": ["*.pyc"]},
)
