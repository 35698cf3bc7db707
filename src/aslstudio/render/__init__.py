"""Turns layout geometry and the style table into a Qt scene and into exports."""
