"""Mediation Desk (调解工作台): case management for labour-dispute mediation."""

__version__ = "0.1.0"
