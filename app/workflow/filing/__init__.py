"""Where and when a filing goes: the forum by the jurisdiction rules, and the filing date
checked against the period it must meet (pure, no database)."""
