"""Cases: register, read, correct and search a case with its parties and records."""
