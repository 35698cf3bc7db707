"""ASL Studio: design, validate, simulate and step through AWS Step Functions state machines."""

__version__ = "0.1.0"
