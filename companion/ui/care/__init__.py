"""Care within reach: the help-lines screen and the quiet offer after heavy moments."""
