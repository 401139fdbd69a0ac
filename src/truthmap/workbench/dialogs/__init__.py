"""Modal questions the workbench asks: a choice, a path, the profile's details."""
