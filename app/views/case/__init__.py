"""One case in tabs: the case view, each tab, and the buttons of its next steps."""
