"""Packaged resources: the ASL JSON Schema, icons and style sheets."""
