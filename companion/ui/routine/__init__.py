"""The shift routine: the energy station and letting the day go."""
