"""Accounts and roles, the audit chain, personal data, backups, the file store and check."""
