"""The main window's pages: workbench, cases, calendar, roster, policies, statistics, settings."""
