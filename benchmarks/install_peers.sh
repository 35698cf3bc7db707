#!/bin/sh
# Dev-only peer tools for the benchmarks (never part of the app or its virtualenv).
set -e
# bench_layout.py compares our layout with Graphviz dot (clusters, newrank=true).
if ! command -v dot >/dev/null 2>&1; then
    apt-get install -y graphviz
fi
# parity.py and bench_validate.py compare our validator with statelint (PyPI) and asl-validator (npm).
HERE="$(cd "$(dirname "$0")" && pwd)"
if [ ! -x "$HERE/.peers/py/bin/statelint" ]; then
    python3 -m pip install --quiet --target "$HERE/.peers/py" "statelint>=3,<4"
fi
if [ ! -x "$HERE/.peers/node/node_modules/.bin/asl-validator" ]; then
    npm install --silent --no-audit --no-fund --prefix "$HERE/.peers/node" asl-validator
fi
# bench_engine.py compares our simulator with aws-local-stepfunctions (npm; targets Node 22,
# on Node 20 bench_engine.py preloads benchmarks/node_polyfills.cjs for Promise.withResolvers).
if [ ! -d "$HERE/.peers/node/node_modules/aws-local-stepfunctions" ]; then
    npm install --silent --no-audit --no-fund --prefix "$HERE/.peers/node" aws-local-stepfunctions
fi
# bench_layout.py also compares our layout with dagre (compound graphs) and ELK layered (elkjs),
# run in Node by benchmarks/bench_layout_js.cjs.
if [ ! -d "$HERE/.peers/node/node_modules/@dagrejs/dagre" ] || [ ! -d "$HERE/.peers/node/node_modules/elkjs" ]; then
    npm install --silent --no-audit --no-fund --prefix "$HERE/.peers/node" @dagrejs/dagre elkjs
fi
