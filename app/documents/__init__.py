"""app/documents."""
