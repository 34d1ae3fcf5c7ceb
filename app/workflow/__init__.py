"""Pure workflow rules: states, transitions, deadlines, calendars; no database, no Qt."""
