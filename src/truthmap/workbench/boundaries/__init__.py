"""The boundary editor: tables of systems, records, stages and hand-offs, and their dialogs."""
