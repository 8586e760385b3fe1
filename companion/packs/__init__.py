"""Typed content packs shared by features: breathing patterns and self-talk (calm.py),
the reframing and practice packs (practice.py), checked as they load."""
