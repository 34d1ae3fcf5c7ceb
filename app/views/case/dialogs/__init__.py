"""The small dialogs that record or correct something on a case."""
