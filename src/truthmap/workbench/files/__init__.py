"""Profile files: opening, saving, recovery and disk watch, and the screens that list and compare files."""
