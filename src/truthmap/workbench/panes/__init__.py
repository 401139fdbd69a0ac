"""The panes of the main screen and what they draw: questions, matrix, findings, verdict."""
