"""Semantic validation rules, one module per family, registered by rule code."""
