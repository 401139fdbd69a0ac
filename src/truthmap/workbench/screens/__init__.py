"""The workbench's screens: the main one with its panes, the pictures, the help."""
