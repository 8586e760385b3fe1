"""The journal's lock (guard.py), unlocking, the passphrase and the blank screen.
Below the features in the layers: every feature that touches the journal relies on it."""
