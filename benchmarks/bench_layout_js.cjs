// Lays out one graph with dagre or ELK layered for bench_layout.py (dev-only peer, never shipped).
// Usage: node bench_layout_js.cjs dagre|elk < graph.json > drawing.json
// Input: {nodes: [{id, w, h, parent}], clusters: [{id, parent}],
//         edges: [{id, src, dst, lw, lh, container}]}   (parent/container: cluster id or null)
// Output: {ms, width, height, nodes: {id: [x, y, w, h]}, clusters: {id: [x, y, w, h]},
//          edges: {id: [[x, y], ...]}} with absolute top-left coordinates, y down.
"use strict";
const path = require("path");
const PEERS = path.join(__dirname, ".peers", "node", "node_modules");
const NODESEP = 40; // same spacing as the DOT graph (nodesep 0.55 in, ranksep 0.5 in)
const RANKSEP = 36;

function readStdin() {
  return new Promise((resolve) => {
    const chunks = [];
    process.stdin.on("data", (c) => chunks.push(c));
    process.stdin.on("end", () => resolve(JSON.parse(Buffer.concat(chunks).toString("utf8"))));
  });
}

function bounds(out) {
  let w = 0;
  let h = 0;
  for (const [x, y, bw, bh] of [...Object.values(out.nodes), ...Object.values(out.clusters)]) {
    w = Math.max(w, x + bw);
    h = Math.max(h, y + bh);
  }
  out.width = w;
  out.height = h;
  return out;
}

function runDagre(graph) {
  const dagre = require(path.join(PEERS, "@dagrejs", "dagre"));
  const g = new dagre.graphlib.Graph({ compound: true, multigraph: true });
  g.setGraph({ rankdir: "TB", nodesep: NODESEP, ranksep: RANKSEP, edgesep: 10 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const c of graph.clusters) g.setNode(c.id, {});
  for (const c of graph.clusters) if (c.parent) g.setParent(c.id, c.parent);
  for (const n of graph.nodes) {
    g.setNode(n.id, { width: n.w, height: n.h });
    if (n.parent) g.setParent(n.id, n.parent);
  }
  for (const e of graph.edges) {
    g.setEdge(e.src, e.dst, { width: e.lw, height: e.lh, labelpos: "c" }, e.id);
  }
  const started = process.hrtime.bigint();
  dagre.layout(g);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const box = (v) => {
    const d = g.node(v);
    return [d.x - d.width / 2, d.y - d.height / 2, d.width, d.height];
  };
  const out = { ms, nodes: {}, clusters: {}, edges: {} };
  for (const n of graph.nodes) out.nodes[n.id] = box(n.id);
  for (const c of graph.clusters) out.clusters[c.id] = box(c.id);
  for (const e of graph.edges) {
    out.edges[e.id] = g.edge(e.src, e.dst, e.id).points.map((p) => [p.x, p.y]);
  }
  return bounds(out);
}

const ELK_OPTIONS = {
  "elk.algorithm": "layered",
  "elk.direction": "DOWN",
  "elk.hierarchyHandling": "INCLUDE_CHILDREN",
  "elk.layered.cycleBreaking.strategy": "DEPTH_FIRST",
  "elk.edgeLabels.placement": "CENTER",
  "elk.spacing.nodeNode": String(NODESEP),
  "elk.layered.spacing.nodeNodeBetweenLayers": String(RANKSEP),
  "elk.json.edgeCoords": "ROOT",
};

function elkTree(graph) {
  const root = { id: "#root", layoutOptions: ELK_OPTIONS, children: [], edges: [] };
  const holder = new Map([[null, root]]);
  for (const c of graph.clusters) holder.set(c.id, { id: c.id, children: [], edges: [] });
  for (const c of graph.clusters) holder.get(c.parent || null).children.push(holder.get(c.id));
  for (const n of graph.nodes) {
    holder.get(n.parent || null).children.push({ id: n.id, width: n.w, height: n.h });
  }
  for (const e of graph.edges) {
    const labels = e.lw > 0 ? [{ text: "", width: e.lw, height: e.lh }] : [];
    holder.get(e.container || null).edges.push({
      id: e.id,
      sources: [e.src],
      targets: [e.dst],
      labels,
    });
  }
  return root;
}

function elkCollect(node, dx, dy, out, clusters) {
  for (const child of node.children || []) {
    const x = dx + child.x;
    const y = dy + child.y;
    const target = clusters.has(child.id) ? out.clusters : out.nodes;
    target[child.id] = [x, y, child.width, child.height];
    elkCollect(child, x, y, out, clusters);
  }
  for (const e of node.edges || []) {
    const points = [];
    for (const s of e.sections || []) {
      for (const p of [s.startPoint, ...(s.bendPoints || []), s.endPoint]) points.push([p.x, p.y]);
    }
    out.edges[e.id] = points;
  }
}

async function runElk(graph) {
  const ELK = require(path.join(PEERS, "elkjs", "lib", "elk.bundled.js"));
  const elk = new ELK();
  const tree = elkTree(graph);
  const started = process.hrtime.bigint();
  const laid = await elk.layout(tree);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const out = { ms, nodes: {}, clusters: {}, edges: {} };
  elkCollect(laid, 0, 0, out, new Set(graph.clusters.map((c) => c.id)));
  return bounds(out);
}

async function main() {
  const engine = process.argv[2];
  const runners = { dagre: runDagre, elk: runElk };
  if (!(engine in runners)) {
    process.stderr.write("usage: node bench_layout_js.cjs dagre|elk < graph.json\n");
    process.exit(2);
  }
  const graph = await readStdin();
  const out = await runners[engine](graph);
  process.stdout.write(JSON.stringify(out));
}

main().catch((err) => {
  process.stderr.write(String(err && err.stack ? err.stack : err) + "\n");
  process.exit(1);
});
