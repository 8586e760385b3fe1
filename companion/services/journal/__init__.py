"""The journal: checked writes and search (service.py), exports, imports and merging."""
