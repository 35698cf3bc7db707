"""Layout benchmark: our layered layout next to Graphviz dot, dagre and ELK layered.

For every example and generated machines of 200/500/1,000/3,000 states it prints the layout
time, edge crossings, edges through boxes, container violations and drawing size, for ours,
for `dot -Tjson` (clusters, newrank=true) and for dagre (compound graph) and ELK layered
(hierarchical, INCLUDE_CHILDREN) run in Node by bench_layout_js.cjs, all on the same graph
(same box sizes, same edges and labels, one cluster per Parallel/Map and per branch) and
measured by the same checks. dagre/ELK times are measured inside Node around the layout call.
It also measures stability: the mean displacement of the untouched states when one state is
added, removed or renamed in the 94-state example (skip with --no-stability).

Run: `.venv/bin/python benchmarks/bench_layout.py [--sizes 200,500] [--engines ours,dot,dagre,elk]`
(install dot, dagre and elkjs with benchmarks/install_peers.sh).
"""

from __future__ import annotations

import argparse
import copy
import json
import math
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "src"))

from gen_machines import generate  # type: ignore[import-not-found]  # noqa: E402

from aslstudio.asl.graph import state_links  # noqa: E402
from aslstudio.asl.scopes import iter_scopes, iter_states  # noqa: E402
from aslstudio.layout import LayoutCache, layout_definition  # noqa: E402
from aslstudio.layout.compose import CONTAINER_TYPES  # noqa: E402
from aslstudio.layout.geometry import ContainerBox, EdgePath, Geometry, StateBox  # noqa: E402
from aslstudio.layout.quality import Report, measure  # noqa: E402

DOT_TIMEOUT = 120.0
PT = 72.0  # dot works in points and inches; our px map 1:1 to points
LABEL_CHAR = 5.4  # px per character of a 9 pt edge label, for the peers that take label sizes
JS_SCRIPT = ROOT / "benchmarks" / "bench_layout_js.cjs"
JS_ENGINES = ("dagre", "elk")


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


class DotGraph:
    """The same graph we lay out, written as DOT with nested clusters."""

    def __init__(self, definition: Mapping[str, Any], geo: Geometry, labels: bool = True) -> None:
        self.labels = labels
        self.lines: list[str] = [
            "digraph G {",
            "newrank=true; rankdir=TB; nodesep=0.55; ranksep=0.5; compound=true;",
            'node [shape=box, fixedsize=true, label=""]; edge [fontsize=9];',
        ]
        self.geo = geo
        self.alias: dict[str, str] = {}  # dot-only helper node -> the state our geometry names
        self.refs = {r.pointer: r for r in iter_states(definition)}
        self.scopes = list(iter_scopes(definition))
        self.by_parent: dict[str | None, list[Any]] = {}
        # the same graph as data, for the Node peers (dagre, ELK): see js_graph()
        self.stack: list[str] = []
        self.nodes: list[dict[str, Any]] = []
        self.clusters: list[dict[str, Any]] = []
        self.edges: list[dict[str, Any]] = []
        for scope in self.scopes:
            self.by_parent.setdefault(scope.parent, []).append(scope)
        self._scope(self.scopes[0], top=True)
        self.lines.append("}")

    def _node(self, node_id: str, w: float, h: float) -> None:
        self.lines.append(f"{_q(node_id)} [width={w / PT:.3f}, height={h / PT:.3f}];")
        self.nodes.append({"id": node_id, "w": w, "h": h, "parent": self._top()})

    def _top(self) -> str | None:
        # clusters are named as in DOT: a container's cluster must not share its node's id
        return "cluster_" + self.stack[-1] if self.stack else None

    def _open(self, cluster: str) -> None:
        self.lines.append(f"subgraph {_q('cluster_' + cluster)} {{")
        self.clusters.append({"id": "cluster_" + cluster, "parent": self._top()})
        self.stack.append(cluster)

    def _close(self) -> None:
        self.lines.append("}")
        self.stack.pop()

    def _edge(self, src: str, dst: str, text: str = "") -> None:
        label = f" [label={_q(text)}]" if text else ""
        self.lines.append(f"{_q(src)} -> {_q(dst)}{label};")
        lw, lh = (len(text) * LABEL_CHAR + 8, 14.0) if text else (0.0, 0.0)
        self.edges.append({"src": src, "dst": dst, "lw": lw, "lh": lh})

    def _exit(self, pointer: str) -> str:
        ref = self.refs[pointer]
        return pointer + "#join" if ref.type in CONTAINER_TYPES else pointer

    def _scope(self, scope: Any, top: bool) -> None:
        start = "#start" if top else scope.pointer + "#start"
        end = "#end" if top else scope.pointer + "#end"
        if not top:
            self.alias[start] = self.alias[end] = scope.parent
        self._node(start, 20, 20 if top else 2)
        self._node(end, 20, 20 if top else 2)
        for pointer in scope.states.values():
            ref = self.refs[pointer]
            box = self.geo.states[pointer]
            self._node(pointer, box.width, box.height)
            if ref.type in CONTAINER_TYPES:
                self._open(pointer)
                self._node(pointer + "#join", 2, 2)
                self.alias[pointer + "#join"] = pointer
                for child in self.by_parent.get(pointer, []):
                    self._open(child.pointer)
                    self._scope(child, top=False)
                    self._close()
                    self._edge(pointer, child.pointer + "#start")
                    self._edge(child.pointer + "#end", pointer + "#join")
                self._close()
        if scope.start_at in scope.states:
            self._edge(start, scope.states[scope.start_at])
        for pointer in scope.states.values():
            ref = self.refs[pointer]
            for target, link in state_links(ref):
                if isinstance(target, str) and target in scope.states:
                    text = link["label"] if self.labels else ""
                    self._edge(self._exit(pointer), scope.states[target], text)
            if ref.body.get("End") is True or ref.type == "Succeed":
                self._edge(self._exit(pointer), end)

    def text(self) -> str:
        """The DOT source."""
        return "\n".join(self.lines)

    def js_graph(self) -> dict[str, Any]:
        """The graph as JSON for bench_layout_js.cjs: nodes, nested clusters, edges with label
        sizes, each edge placed in the innermost cluster holding both of its ends (for ELK)."""
        parent = {n["id"]: n["parent"] for n in self.nodes}
        parent.update({c["id"]: c["parent"] for c in self.clusters})

        def chain(node: str) -> list[str | None]:
            out: list[str | None] = []
            up = parent.get(node)
            while up is not None:
                out.append(up)
                up = parent.get(up)
            return [*out, None]

        edges = []
        for i, edge in enumerate(self.edges):
            above = set(chain(edge["src"]))
            common = next(c for c in chain(edge["dst"]) if c in above)
            edges.append({**edge, "id": f"e{i}", "container": common})
        return {"nodes": self.nodes, "clusters": self.clusters, "edges": edges}


def _bezier(points: list[tuple[float, float]], steps: int = 6) -> list[tuple[float, float]]:
    out = [points[0]]
    for i in range(0, len(points) - 3, 3):
        p0, p1, p2, p3 = points[i : i + 4]
        for k in range(1, steps + 1):
            t = k / steps
            a, b, c, d = (1 - t) ** 3, 3 * t * (1 - t) ** 2, 3 * t * t * (1 - t), t**3
            out.append(
                (
                    a * p0[0] + b * p1[0] + c * p2[0] + d * p3[0],
                    a * p0[1] + b * p1[1] + c * p2[1] + d * p3[1],
                )
            )
    return out


def _spline(pos: str, height: float) -> list[tuple[float, float]]:
    """The drawn curve of a dot edge ``pos`` attribute, flipped to y-down, as a polyline."""
    ctrl: list[tuple[float, float]] = []
    start = end = None
    for part in pos.split():
        fields = part.split(",")
        if fields[0] in ("e", "s"):
            point = (float(fields[1]), height - float(fields[2]))
            if fields[0] == "e":
                end = point
            else:
                start = point
            continue
        ctrl.append((float(fields[0]), height - float(fields[1])))
    line = _bezier(ctrl) if len(ctrl) >= 4 else ctrl
    if start is not None:
        line = [start, *line]
    if end is not None:
        line = [*line, end]
    return line


def dot_geometry(dot_json: Mapping[str, Any], ours: Geometry, alias: Mapping[str, str]) -> Geometry:
    """dot's drawing as a Geometry (boxes, cluster boxes, sampled splines) for the same checks."""
    bb = [float(v) for v in dot_json["bb"].split(",")]
    height = bb[3]
    geo = Geometry(width=bb[2], height=bb[3])
    names: dict[int, str] = {}
    for obj in dot_json.get("objects", []):
        name = obj.get("name", "")
        if name.startswith("cluster_") and "bb" in obj:
            x0, y0, x1, y1 = (float(v) for v in obj["bb"].split(","))
            cid = name[len("cluster_") :]
            if cid in ours.containers:
                c = ours.containers[cid]
                geo.containers[cid] = ContainerBox(
                    cid, c.name, c.type, x0, height - y1, x1 - x0, y1 - y0, 0, parent=c.parent
                )
            continue
        if "pos" not in obj:
            continue
        names[obj["_gvid"]] = name
        if name in ours.states:
            x, y = (float(v) for v in obj["pos"].split(","))
            w, h = float(obj["width"]) * PT, float(obj["height"]) * PT
            s = ours.states[name]
            parent = s.parent
            geo.states[name] = StateBox(
                name, s.name, s.type, x - w / 2, height - y - h / 2, w, h, parent
            )
    for edge in dot_json.get("edges", []):
        src, dst = names.get(edge["tail"], ""), names.get(edge["head"], "")
        src, dst = alias.get(src, src), alias.get(dst, dst)
        points = _spline(edge.get("pos", ""), height) if edge.get("pos") else []
        geo.edges.append(EdgePath(src, dst, "", "", points))
    return geo


def run_dot(
    definition: Mapping[str, Any], ours: Geometry, labels: bool = True
) -> tuple[float, Geometry | None]:
    """Wall time of `dot -Tjson` on the same graph (ms; inf on timeout) and its drawing."""
    graph = DotGraph(definition, ours, labels)
    text = graph.text()
    started = time.perf_counter()
    try:
        done = subprocess.run(
            ["dot", "-Tjson"],
            input=text,
            capture_output=True,
            text=True,
            timeout=DOT_TIMEOUT,
            check=True,
        )
    except subprocess.TimeoutExpired:
        return math.inf, None
    except subprocess.CalledProcessError as exc:
        print(f"dot failed: {exc.stderr[:200]}", file=sys.stderr)
        return math.inf, None
    elapsed = (time.perf_counter() - started) * 1000
    return elapsed, dot_geometry(json.loads(done.stdout), ours, graph.alias)


def js_geometry(drawing: Mapping[str, Any], graph: DotGraph, ours: Geometry) -> Geometry:
    """A dagre/ELK drawing (absolute top-left boxes, edge polylines) as a Geometry."""
    geo = Geometry(width=drawing["width"], height=drawing["height"])
    for sid, (x, y, w, h) in drawing["nodes"].items():
        if sid in ours.states:
            s = ours.states[sid]
            geo.states[sid] = StateBox(sid, s.name, s.type, x, y, w, h, s.parent)
    for name, (x, y, w, h) in drawing["clusters"].items():
        cid = name.removeprefix("cluster_")
        if cid in ours.containers:
            c = ours.containers[cid]
            geo.containers[cid] = ContainerBox(cid, c.name, c.type, x, y, w, h, 0, parent=c.parent)
    for i, edge in enumerate(graph.edges):
        points = [(float(p[0]), float(p[1])) for p in drawing["edges"].get(f"e{i}", [])]
        src, dst = (
            graph.alias.get(edge["src"], edge["src"]),
            graph.alias.get(edge["dst"], edge["dst"]),
        )
        geo.edges.append(EdgePath(src, dst, "", "", points))
    return geo


def run_js(
    engine: str, definition: Mapping[str, Any], ours: Geometry
) -> tuple[float, float, Geometry | None]:
    """dagre or ELK layered in Node on the same graph (with edge label sizes): the layout time
    measured inside Node (ms), the wall time of the whole process (ms) and the drawing;
    (inf, inf, None) on timeout or failure."""
    graph = DotGraph(definition, ours, labels=True)
    started = time.perf_counter()
    try:
        done = subprocess.run(
            ["node", str(JS_SCRIPT), engine],
            input=json.dumps(graph.js_graph()),
            capture_output=True,
            text=True,
            timeout=DOT_TIMEOUT,
            check=True,
        )
    except subprocess.TimeoutExpired:
        return math.inf, math.inf, None
    except subprocess.CalledProcessError as exc:
        print(f"{engine} failed: {exc.stderr.strip()[:300]}", file=sys.stderr)
        return math.inf, 0.0, None
    wall = (time.perf_counter() - started) * 1000
    drawing = json.loads(done.stdout)
    return float(drawing["ms"]), wall, js_geometry(drawing, graph, ours)


def _peers_installed() -> bool:
    modules = ROOT / "benchmarks" / ".peers" / "node" / "node_modules"
    found = (modules / "@dagrejs" / "dagre").is_dir() and (modules / "elkjs").is_dir()
    return found and shutil.which("node") is not None


def _row(name: str, engine: str, ms: float, report: Report | None, geo: Geometry | None) -> str:
    if report is None or geo is None:
        return f"{name:<28} {engine:<6} {'timeout' if math.isinf(ms) else ms:>9}"
    size = f"{geo.width:.0f}x{geo.height:.0f}"
    return (
        f"{name:<28} {engine:<6} {ms:>9.1f} {report.crossings:>6} {report.edges_through_nodes:>6} "
        f"{report.node_overlaps:>5} {report.container_overlaps:>6} {report.swallowed:>6} {size:>14}"
    )


def machines(sizes: list[int]) -> Iterator[tuple[str, dict[str, Any]]]:
    """The examples in the repository, then the generated machines."""
    for path in sorted((ROOT / "examples").glob("*/*.asl.json")):
        yield path.parent.name, json.loads(path.read_text(encoding="utf-8"))
    for n in sizes:
        yield f"generated-{n}", generate(n)


def best_time(definition: Mapping[str, Any], repeat: int) -> tuple[float, float, Geometry]:
    """Fastest of ``repeat`` in-process layouts: wall ms (``layout_ms``), CPU ms, the geometry.

    CPU time is shown too because the 2-core machine is shared: wall time includes waiting."""
    times = []
    cpu = []
    geo = Geometry()
    for _ in range(repeat):
        started = time.process_time()
        geo = layout_definition(definition)
        cpu.append((time.process_time() - started) * 1000)
        times.append(geo.timings["layout_ms"])
    return min(times), min(cpu), geo


def _edits(definition: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """One-state edits of the top-level chain: add, remove and rename, each at a few places."""
    states: dict[str, Any] = definition["States"]
    names = [n for n, s in states.items() if s.get("Type") in ("Task", "Pass") and "Next" in s]
    for name in names[:: max(len(names) // 4, 1)][:4]:
        added = copy.deepcopy(definition)
        target = added["States"][name]["Next"]
        added["States"][name]["Next"] = "InsertedStep"
        added["States"]["InsertedStep"] = {"Type": "Pass", "Next": target}
        yield f"add after {name}", added
        removed = copy.deepcopy(definition)
        nxt = removed["States"][name]["Next"]
        for body in removed["States"].values():
            for key in ("Next", "Default"):
                if body.get(key) == name:
                    body[key] = nxt
            for item in body.get("Choices", []) + body.get("Catch", []):
                if item.get("Next") == name:
                    item["Next"] = nxt
        if removed.get("StartAt") == name:
            removed["StartAt"] = nxt
        del removed["States"][name]
        yield f"remove {name}", removed
        renamed = json.loads(json.dumps(definition).replace(f'"{name}"', f'"{name}Renamed"'))
        yield f"rename {name}", renamed


def stability(definition: dict[str, Any]) -> list[tuple[str, float, float, float]]:
    """Per edit, over the states both drawings have: mean displacement, mean |dx|, mean |dy|."""
    base = layout_definition(definition)
    by_name = {b.name: b for b in base.states.values()}
    rows = []
    for label, edited in _edits(definition):
        geo = layout_definition(edited, previous=base)
        pairs = [(b, by_name[b.name]) for b in geo.states.values() if b.name in by_name]
        if not pairs:
            continue
        rows.append(
            (
                label,
                statistics.fmean(math.hypot(b.x - o.x, b.y - o.y) for b, o in pairs),
                statistics.fmean(abs(b.x - o.x) for b, o in pairs),
                statistics.fmean(abs(b.y - o.y) for b, o in pairs),
            )
        )
    return rows


def _nested_rename(definition: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Rename the first state of the first branch / item processor (and the links to it)."""
    edited = copy.deepcopy(definition)
    scope = next((s for s in iter_scopes(edited) if s.parent is not None and s.states), None)
    if scope is None:
        return
    obj: Any = edited
    for part in scope.pointer.strip("/").split("/"):
        obj = obj[int(part)] if isinstance(obj, list) else obj[part]
    old = next(iter(obj["States"]))
    new = f"{old}Renamed"
    obj["States"] = {new if k == old else k: v for k, v in obj["States"].items()}
    obj["StartAt"] = new if obj.get("StartAt") == old else obj.get("StartAt")
    for body in obj["States"].values():
        for holder in [body, *body.get("Choices", []), *body.get("Catch", [])]:
            for key in ("Next", "Default"):
                if holder.get(key) == old:
                    holder[key] = new
    yield f"rename {old[:28]} (nested)", edited


def relayout(
    definition: dict[str, Any], repeat: int, limit: int
) -> list[tuple[str, float, float, int, int, bool]]:
    """Per one-state edit: a full layout (with previous=) against the same with a LayoutCache
    warmed on the unedited machine; best wall ms of each, scopes laid out again, same result."""
    warm = LayoutCache()
    base = layout_definition(definition, cache=warm)
    base = layout_definition(definition, previous=base, cache=warm)
    scopes = sum(1 for _ in iter_scopes(definition))
    edits = [*list(_edits(definition))[:limit], *_nested_rename(definition)]
    rows = []
    for label, edited in edits:
        full = min(
            layout_definition(edited, previous=base).timings["layout_ms"] for _ in range(repeat)
        )
        best, relaid, same = math.inf, 0, True
        for _ in range(repeat):
            cache = warm.copy()
            geo = layout_definition(edited, previous=base, cache=cache)
            best = min(best, geo.timings["layout_ms"])
            relaid = cache.stats.frame_misses
        same = _picture(geo) == _picture(layout_definition(edited, previous=base))
        rows.append((label, full, best, relaid, scopes, same))
    return rows


def _picture(geo: Geometry) -> dict[str, Any]:
    data = geo.to_json()
    data.pop("timings")
    return data


def _print_relayout(name: str, definition: dict[str, Any], repeat: int, limit: int) -> None:
    print(f"\nrelayout after one edit on {name} (previous=; cache warmed on the unedited machine)")
    print(f"  {'edit':<44} {'full ms':>8} {'cached':>8} {'scopes':>9}  same")
    for label, full, cached, relaid, scopes, same in relayout(definition, repeat, limit):
        print(f"  {label:<44} {full:8.1f} {cached:8.1f} {relaid:>4}/{scopes:<4}  {same}")


def main(argv: list[str] | None = None) -> int:
    """Print the comparison table and the stability figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="200,500,1000,3000")
    parser.add_argument(
        "--no-dot", action="store_true", help="same as leaving dot out of --engines"
    )
    parser.add_argument(
        "--engines", default="ours,dot,dagre,elk", help="comma list of ours,dot,dagre,elk"
    )
    parser.add_argument("--no-stability", action="store_true", help="only the comparison table")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s]
    engines = {e.strip() for e in args.engines.split(",") if e.strip()}
    unknown = engines - {"ours", "dot", *JS_ENGINES}
    if unknown:
        parser.error(f"unknown engine(s): {', '.join(sorted(unknown))}")
    use_dot = "dot" in engines and not args.no_dot and shutil.which("dot") is not None
    js_engines = [e for e in JS_ENGINES if e in engines]
    if js_engines and not _peers_installed():
        print("dagre/elk skipped: run benchmarks/install_peers.sh (needs node)", file=sys.stderr)
        js_engines = []
    header = (
        f"{'machine':<28} {'engine':<6} {'ms':>9} {'cross':>6} {'thru':>6} "
        f"{'ovl':>5} {'c∩c':>6} {'n∩c':>6} {'size':>14}"
    )
    print(header)
    print("-" * len(header))
    timed_out: set[str] = set()
    for name, definition in machines(sizes):
        ms, cpu_ms, geo = best_time(definition, args.repeat)
        label = f"{name} ({len(geo.states)})"
        if "ours" in engines:
            print(_row(label, "ours", ms, measure(geo), geo) + f"  cpu {cpu_ms:.1f} ms", flush=True)
        if use_dot:
            for engine, labels in (("dot", True), ("dot-nl", False)):
                if engine in timed_out:  # it already timed out on a smaller machine
                    print(f"{label:<28} {engine:<6} {'skipped':>9}", flush=True)
                    continue
                dms, dgeo = run_dot(definition, geo, labels)
                if dgeo is None:
                    timed_out.add(engine)
                report = measure(dgeo) if dgeo else None
                print(_row(label, engine, dms, report, dgeo), flush=True)
        for engine in js_engines:
            if engine in timed_out:
                print(f"{label:<28} {engine:<6} {'skipped':>9}", flush=True)
                continue
            jms, wall, jgeo = run_js(engine, definition, geo)
            if jgeo is None:
                if math.isinf(wall):
                    timed_out.add(engine)
                    print(_row(label, engine, jms, None, None), flush=True)
                else:
                    print(f"{label:<28} {engine:<6} {'failed':>9}", flush=True)
                continue
            extra = f"  wall {wall:.0f} ms (node start, I/O)"
            print(_row(label, engine, jms, measure(jgeo), jgeo) + extra, flush=True)
    if args.no_stability:
        return 0
    nutrition = ROOT / "examples" / "nutrition-validation" / "nutrition-validation.asl.json"
    if nutrition.is_file():
        print("\nstability on nutrition-validation (layout with previous=): untouched states, px")
        print(f"  {'edit':<44} {'mean':>8} {'|dx|':>8} {'|dy|':>8}")
        rows = stability(json.loads(nutrition.read_text(encoding="utf-8")))
        for label, dist, dx, dy in rows:
            print(f"  {label:<44} {dist:8.1f} {dx:8.1f} {dy:8.1f}")
        if rows:
            means = [statistics.fmean(r[k] for r in rows) for k in (1, 2, 3)]  # type: ignore[misc]
            print(f"  {'all edits':<44} {means[0]:8.1f} {means[1]:8.1f} {means[2]:8.1f}")
        _print_relayout("nutrition-validation", json.loads(nutrition.read_text("utf-8")), 5, 12)
    for n in sizes:
        _print_relayout(f"generated-{n}", generate(n), args.repeat, 3)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
