"""Tests of the claim calculators."""
