"""Use cases, one short Session and one transaction each, in a package per domain (no Qt)."""
