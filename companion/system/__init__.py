"""Infrastructure every layer may use: paths, the clock, content lookup, languages,
notifications, the one-app lock, the crash log, atomic writes, opening at login. No
Textual, no feature rules."""
