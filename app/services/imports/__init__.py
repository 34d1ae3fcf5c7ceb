"""Office spreadsheets read and written into cases: registers, worker lists, shared column mapping."""
