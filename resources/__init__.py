"""Shipped data (templates, policies, official tables); installed as the package app._resources."""
