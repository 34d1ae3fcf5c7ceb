"""Synthetic demonstration and benchmark cases, reached through real workflow events."""
