"""Persistence: TinyDB files written atomically, locked, backed up. No Textual here."""
