"""Breathing, SOS and the vent pad."""
