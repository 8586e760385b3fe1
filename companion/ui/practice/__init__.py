"""Reframing in four steps and the practice room's tools."""
