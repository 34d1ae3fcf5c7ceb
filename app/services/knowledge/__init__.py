"""Policies in use, the rights check, relationship classification and work time of a case."""
