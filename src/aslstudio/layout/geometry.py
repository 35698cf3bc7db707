"""Pure geometry produced by the layout: boxes, containers and routed edges (no Qt)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Point = tuple[float, float]


@dataclass(slots=True)
class StateBox:
    """One state's box; ``x``/``y`` is the top-left corner in scene coordinates."""

    id: str  # JSON pointer of the state, unique even when names are duplicated
    name: str
    type: str
    x: float
    y: float
    width: float
    height: float
    parent: str | None = None  # id of the enclosing Parallel/Map container, None at top level


@dataclass(slots=True)
class ContainerBox:
    """A Parallel or Map drawn as a titled box around its branches / item processor."""

    id: str
    name: str
    type: str
    x: float
    y: float
    width: float
    height: float
    header_height: float
    collapsed: bool = False
    parent: str | None = None
    lanes: list[tuple[float, float, float, float]] = field(default_factory=list)  # x,y,w,h


@dataclass(slots=True)
class EdgePath:
    """A routed edge: a polyline from the source border to the target border."""

    source: str
    target: str
    kind: str  # next | choice | default | catch | start | end | branch | join
    label: str
    points: list[Point]
    label_pos: Point | None = None
    index: int | None = None  # choice rule / catch index
    back: bool = False  # a loop edge drawn back up
    label_box: tuple[float, float, float, float] | None = None  # x,y,w,h reserved for the label


@dataclass(slots=True)
class Geometry:
    """The whole picture: states, containers, edges, the bounding size and timings."""

    states: dict[str, StateBox] = field(default_factory=dict)
    containers: dict[str, ContainerBox] = field(default_factory=dict)
    edges: list[EdgePath] = field(default_factory=list)
    width: float = 0.0
    height: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)
    # start/end markers of the machine ("#start", "#end") as x,y,w,h; edges of kind "start" and
    # "end" use these ids as their source/target
    markers: dict[str, tuple[float, float, float, float]] = field(default_factory=dict)
    crossings: int = 0  # edge crossings counted by the layered layout, summed over scopes

    def to_json(self) -> dict[str, Any]:
        """The `aslstudio layout --json` shape from DESIGN.md, keyed by state name."""
        return {
            "states": {
                b.name: {"x": b.x, "y": b.y, "width": b.width, "height": b.height}
                for b in self.states.values()
            },
            "containers": {
                c.name: {"x": c.x, "y": c.y, "width": c.width, "height": c.height}
                for c in self.containers.values()
            },
            "edges": [
                {
                    "source": _name(self, e.source),
                    "target": _name(self, e.target),
                    "kind": e.kind,
                    "label": e.label,
                    "points": [[round(x, 2), round(y, 2)] for x, y in e.points],
                    "label_pos": _rounded(e.label_pos),
                    "back": e.back,
                }
                for e in self.edges
            ],
            "markers": {
                k: {"x": x, "y": y, "width": w, "height": h}
                for k, (x, y, w, h) in self.markers.items()
            },
            "width": self.width,
            "height": self.height,
            "timings": dict(self.timings),
        }


def _name(geo: Geometry, node_id: str) -> str:
    box = geo.states.get(node_id)
    if box is not None:
        return box.name
    ctr = geo.containers.get(node_id)
    return ctr.name if ctr is not None else node_id


def _rounded(point: Point | None) -> list[float] | None:
    return None if point is None else [round(point[0], 2), round(point[1], 2)]
