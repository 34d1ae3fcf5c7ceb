"""Statistics, the case register, the monthly report and CSV lists."""
