"""The simulator: a deterministic, steppable interpreter of ASL definitions (no Qt)."""
