"""The practice room and its tools, one screen each."""
