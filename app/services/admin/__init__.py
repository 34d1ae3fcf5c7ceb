"""The organisation, its case-number pattern, its roster and office-wide settings."""
