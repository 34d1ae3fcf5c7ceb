"""Tests of the policy knowledge base and the rights check."""
