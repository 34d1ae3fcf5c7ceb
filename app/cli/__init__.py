"""The headless command line (mediation-desk …): one module per group of commands."""
