"""Text exports of the diagram: Graphviz DOT and Mermaid, clusters for Parallel/Map (no Qt)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from aslstudio.layout.geometry import EdgePath, Geometry
from aslstudio.render.history import ExecutionPath
from aslstudio.render.labels import resolve, state_text
from aslstudio.render.style import edge_colour, edge_style, kind_style, state_colours
from aslstudio.render.style import theme as theme_of

_DOT_SHAPES: dict[str, str] = {
    "task": "box",
    "choice": "hexagon",
    "wait": "octagon",
    "pass": "box",
    "terminal_ok": "box",
    "terminal_fail": "box",
    "container": "tab",
}
_MERMAID_SHAPES: dict[str, tuple[str, str]] = {
    "task": ("[", "]"),
    "choice": ("{{", "}}"),
    "wait": ("[/", "/]"),
    "pass": ("[", "]"),
    "terminal_ok": ("([", "])"),
    "terminal_fail": ("([", "])"),
    "container": ("[[", "]]"),
}

_MERMAID_CLASSES = ("Task", "Choice", "Wait", "Pass", "Succeed", "Fail", "Parallel", "Map")


class _Model:
    """What both text exports need: node ids, words, nesting and edges, in a stable order."""

    def __init__(self, geometry: Geometry, definition: Any) -> None:
        self.geometry = geometry
        self.ids: dict[str, str] = {}
        self.words: dict[str, tuple[str, str, str]] = {}  # id -> (name, kind, detail)
        self.children: dict[str | None, list[str]] = {}
        for index, box in enumerate(geometry.states.values()):
            self.ids[box.id] = f"s{index}"
            text = state_text(box.name, resolve(definition, box.id))
            self.words[box.id] = (box.name, box.type, text.detail)
            self.children.setdefault(box.parent, []).append(box.id)
        for ctr in geometry.containers.values():
            if ctr.id not in self.ids:
                self.ids[ctr.id] = f"s{len(self.ids)}"
                text = state_text(ctr.name, resolve(definition, ctr.id))
                self.words[ctr.id] = (ctr.name, ctr.type, text.detail)
                self.children.setdefault(ctr.parent, []).append(ctr.id)

    def is_cluster(self, state_id: str) -> bool:
        """A container that is drawn expanded (its members sit in a cluster)."""
        return bool(self.children.get(state_id))

    def edges(self) -> list[EdgePath]:
        """The edges between drawn states, container rails included (start/end markers left out)."""
        return [e for e in self.geometry.edges if e.source in self.ids and e.target in self.ids]


def _dot_quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _dot_node(model: _Model, state_id: str, theme_name: str, path: ExecutionPath | None) -> str:
    name, kind, detail = model.words[state_id]
    entry = kind_style(kind)
    fill, border, _accent = state_colours(kind, theme_name)
    parts = [entry.tag, name] + ([detail] if detail else [])
    label = "\\n".join(p.replace("\\", "\\\\").replace('"', '\\"') for p in parts)
    style = "filled,rounded" + (",dashed" if entry.dashed else "")
    pen = "1.2"
    if path is not None and name in path.failed:
        border, pen = "#c62828", "3"
    elif path is not None and name in path.visited:
        border, pen = "#1f7a8c", "3"
    return (
        f'{model.ids[state_id]} [label="{label}", shape={_DOT_SHAPES[entry.shape]}, '
        f'style="{style}", fillcolor="{fill}", color="{border}", penwidth={pen}, '
        f"tooltip={_dot_quote(name)}];"
    )


def _dot_scope(
    model: _Model, members: list[str], depth: int, out: list[str], node: Callable[[str], str]
) -> None:
    pad = "  " * depth
    for state_id in members:
        if not model.is_cluster(state_id):
            out.append(f"{pad}{node(state_id)}")
            continue
        name, kind, _ = model.words[state_id]
        sid = model.ids[state_id]
        out.append(f"{pad}subgraph cluster_{sid} {{")
        out.append(f"{pad}  label={_dot_quote(f'{kind}: {name}')}; style=rounded;")
        out.append(f"{pad}  {node(state_id)}")
        _dot_scope(model, model.children[state_id], depth + 1, out, node)
        out.append(f'{pad}  {sid}_join [shape=point, width=0.09, label=""];')
        out.append(f"{pad}}}")


def to_dot(
    geometry: Geometry,
    definition: Any,
    *,
    theme_name: str = "light",
    path: ExecutionPath | None = None,
) -> str:
    """A Graphviz DOT digraph of the machine: Parallel/Map as clusters, the table's colours."""
    model = _Model(geometry, definition)
    look = theme_of(theme_name)
    out = [
        "digraph StateMachine {",
        f'  graph [rankdir=TB, newrank=true, bgcolor="{look.background}", '
        f'fontname="{look.font_family}", fontcolor="{look.text}"];',
        f'  node [fontname="{look.font_family}", fontsize=11, fontcolor="{look.text}"];',
        f'  edge [fontname="{look.font_family}", fontsize=10, fontcolor="{look.text}"];',
    ]
    top = model.children.get(None, [])
    _dot_scope(model, top, 1, out, lambda sid: _dot_node(model, sid, theme_name, path))
    for edge in model.edges():
        attrs = [f'color="{edge_colour(edge.kind, theme_name)}"']
        if edge.label:
            attrs.append(f"label={_dot_quote(edge.label)}")
        if edge.kind in ("branch", "join"):
            attrs.append("style=dotted")
        elif edge_style(edge.kind).dashed:
            attrs.append("style=dashed")
        if path is not None and _taken(model, edge, path):
            attrs.append("penwidth=3")
        source = model.ids[edge.source]
        target = model.ids[edge.target]
        if edge.kind == "join":  # branch ends meet at the join point of their cluster ...
            target = f"{target}_join"
        elif edge.kind != "branch" and model.is_cluster(edge.source):
            source = f"{source}_join"  # ... and the container is left from there
        out.append(f"  {source} -> {target} [{', '.join(attrs)}];")
    out.append("}")
    return "\n".join(out) + "\n"


def _taken(model: _Model, edge: EdgePath, path: ExecutionPath) -> bool:
    return (model.words[edge.source][0], model.words[edge.target][0]) in path.transitions


def _mm_text(text: str) -> str:
    return text.replace('"', "#quot;").replace("<", "#lt;").replace(">", "#gt;")


def _mm_node(model: _Model, state_id: str) -> str:
    name, kind, detail = model.words[state_id]
    entry = kind_style(kind)
    opening, closing = _MERMAID_SHAPES[entry.shape]
    label = f"{entry.tag}<br/><b>{_mm_text(name)}</b>" + (
        f"<br/>{_mm_text(detail)}" if detail else ""
    )
    klass = kind if kind in _MERMAID_CLASSES else "Other"
    return f'{model.ids[state_id]}{opening}"{label}"{closing}:::{klass}'


def _mm_scope(model: _Model, parent: str | None, depth: int, out: list[str]) -> None:
    pad = "  " * depth
    for state_id in model.children.get(parent, []):
        if model.is_cluster(state_id):
            name, kind, _ = model.words[state_id]
            out.append(f'{pad}subgraph c_{model.ids[state_id]}["{kind}: {_mm_text(name)}"]')
            out.append(f"{pad}  {_mm_node(model, state_id)}")
            _mm_scope(model, state_id, depth + 1, out)
            out.append(f"{pad}end")
        else:
            out.append(f"{pad}{_mm_node(model, state_id)}")


def to_mermaid(
    geometry: Geometry,
    definition: Any,
    *,
    theme_name: str = "light",
    path: ExecutionPath | None = None,
) -> str:
    """A Mermaid flowchart of the machine: Parallel/Map as subgraphs, the table's colours."""
    model = _Model(geometry, definition)
    out = ["flowchart TD"]
    _mm_scope(model, None, 1, out)
    taken: list[int] = []
    edges = [e for e in model.edges() if e.kind != "join"]  # the subgraph itself is the exit
    for index, edge in enumerate(edges):
        arrow = "-.->" if edge_style(edge.kind).dashed or edge.kind == "branch" else "-->"
        label = f'|"{_mm_text(edge.label)}"|' if edge.label else ""
        source = model.ids[edge.source]
        if edge.kind != "branch" and model.is_cluster(edge.source):
            source = f"c_{source}"
        out.append(f"  {source} {arrow}{label} {model.ids[edge.target]}")
        if path is not None and _taken(model, edge, path):
            taken.append(index)
    for kind in (*_MERMAID_CLASSES, "Other"):
        fill, border, _ = state_colours(kind if kind != "Other" else "?", theme_name)
        out.append(
            f"  classDef {kind} fill:{fill},stroke:{border},color:{theme_of(theme_name).text}"
        )
    if path is not None:
        for name in sorted(path.visited | path.failed):
            ids = [model.ids[s] for s, w in model.words.items() if w[0] == name]
            colour = "#c62828" if name in path.failed else "#1f7a8c"
            out.extend(f"  style {i} stroke:{colour},stroke-width:3px" for i in ids)
        if taken:
            out.append(f"  linkStyle {','.join(map(str, taken))} stroke-width:3px")
    return "\n".join(out) + "\n"
