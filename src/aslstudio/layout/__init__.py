"""Layered layout of nested ASL scopes into pure geometry (no Qt)."""

from aslstudio.layout.cache import LayoutCache
from aslstudio.layout.compose import layout_definition
from aslstudio.layout.geometry import ContainerBox, EdgePath, Geometry, Point, StateBox
from aslstudio.layout.measure import StateInfo, default_label_measure, default_measure, wrap_label

__all__ = [
    "ContainerBox",
    "EdgePath",
    "Geometry",
    "LayoutCache",
    "Point",
    "StateBox",
    "StateInfo",
    "default_label_measure",
    "default_measure",
    "layout_definition",
    "wrap_label",
]
