"""The break rhythm in the app: one timer, reminders, the break screen, do not disturb."""
