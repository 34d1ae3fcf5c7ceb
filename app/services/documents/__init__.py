"""Documents of a case: the case read as a CaseData snapshot, rendered and registered."""
