"""`companion doctor`: the read-only health check (report.py) and its parts."""
