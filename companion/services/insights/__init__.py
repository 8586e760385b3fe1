"""Insights: the figures (service.py), their sentences (words.py), JSON/CSV (report.py)."""
