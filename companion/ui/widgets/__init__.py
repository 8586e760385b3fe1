"""Reusable pieces of screens."""
