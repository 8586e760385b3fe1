"""What the app and the commands both call: one service per feature (journal, calm,
breaks, routine, practice, insights), plus config, doctor, messages and wipe. No
Textual; feature services never import each other (services/container.py wires them)."""
