"""The journal in the app: the list and search, an entry, the editor, mood check-in."""
