"""Tests of the documents service: the stored case rendered through DocumentService."""
