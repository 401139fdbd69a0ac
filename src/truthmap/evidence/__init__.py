"""Evidence, not only declarations: the tools' own client exports read, matched and
judged against the profile's map (`truthmap evidence`, docs/evidence.md).

reading: a file checked, sniffed and turned into clients; matching: which
clients are one (rapidfuzz, with blocking); findings: drift, duplicate-within,
retyped, owner-incomplete; report: text, Markdown, JSON; entry: what a profile
may keep of a run; check: one run over picked exports (the workbench's F9);
command: the command line's part.  Pure Python: no Textual.
"""
