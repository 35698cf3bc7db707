"""Layered layout of nested ASL scopes into pure geometry (no Qt)."""
