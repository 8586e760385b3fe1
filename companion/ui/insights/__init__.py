"""Insights and the weekly summary."""
