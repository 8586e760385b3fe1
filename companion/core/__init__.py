"""Pure domain rules. Nothing here imports Textual or touches files."""
