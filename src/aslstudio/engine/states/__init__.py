"""One handler module per ASL state type."""
