"""Validation of ASL definitions: JSON Schema plus semantic rules, reported as Diagnostics."""
