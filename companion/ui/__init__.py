"""The Textual front end: screens draw state and forward intents to the app."""
