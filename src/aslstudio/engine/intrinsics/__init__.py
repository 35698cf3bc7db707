"""ASL intrinsic functions (`States.*`): parser, signatures and implementations."""
