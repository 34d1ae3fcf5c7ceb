"""Shared widgets and helpers: table models, inline errors, background work, message boxes."""
