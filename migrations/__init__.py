"""Alembic migrations; installed as the package app._migrations (found by app/resources.py)."""
