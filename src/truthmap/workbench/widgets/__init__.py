"""Small widgets shared by screens and panes: footer, tab strip, tables, text views, the swimlane canvas."""
