"""app/workflow."""
