#!/usr/bin/env bash
# Set up ASL Studio from a fresh checkout and run one job.
#   bash scripts/bootstrap.sh run    set up, then open the designer on the 94-state example
#   bash scripts/bootstrap.sh setup  set up only
#   bash scripts/bootstrap.sh test   set up, then run the whole test suite (pytest, ruff, mypy, lint-imports)
# Needs only Python 3.11+; as root on Debian it installs the system libraries Qt needs when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
job="${1:-run}"
PY="${PYTHON:-python3}"

need_apt=()
if command -v dpkg-query >/dev/null 2>&1; then
  for pkg in libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libglib2.0-0 libdbus-1-3 \
             libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0 libxcb-randr0 \
             libxcb-render-util0 libxcb-image0 fonts-dejavu-core; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need_apt+=("$pkg")
  done
fi
if [ "${#need_apt[@]}" -gt 0 ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "bootstrap: installing system libraries for Qt: ${need_apt[*]}"
    apt-get update -qq >/dev/null || true
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null \
      || echo "bootstrap: warning: could not install ${need_apt[*]}; the GUI may not start" >&2
  else
    echo "bootstrap: note: missing system libraries (${need_apt[*]}); install them if Qt fails to start" >&2
  fi
fi

if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv || { apt-get install -y -qq python3-venv >/dev/null && "$PY" -m venv .venv; }
fi
.venv/bin/python -m pip install -q --disable-pip-version-check -U pip setuptools wheel
.venv/bin/python -m pip install -q --disable-pip-version-check -e ".[test]"

case "$job" in
  setup)
    echo "bootstrap: ready; .venv/bin/aslstudio is installed"
    ;;
  run)
    ex=examples/nutrition-validation/nutrition-validation.asl.json
    echo "== validating every example"
    .venv/bin/aslstudio validate examples/*/*.asl.json || true
    echo "== running the 94-state example on its sample input with mocked tasks (test case HappyPath)"
    .venv/bin/aslstudio run "$ex" --mock-config examples/nutrition-validation/nutrition-validation.mocks.json \
      --test-case HappyPath --json | tail -n 1 || true
    if [ "$(uname -s)" = "Linux" ] && [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] \
       && [ -z "${QT_QPA_PLATFORM:-}" ]; then
      echo "== no display here: the designer needs a desktop session (or Xvfb)."
      echo "   On a desktop, open it with: .venv/bin/aslstudio $ex"
      exit 0
    fi
    echo "== opening the designer on $ex"
    exec .venv/bin/aslstudio "$ex"
    ;;
  test)
    export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
    status=0
    .venv/bin/python -m pytest -q -p no:cacheprovider || status=$?
    .venv/bin/ruff check src tests benchmarks || status=$?
    .venv/bin/ruff format --check src tests benchmarks || status=$?
    .venv/bin/mypy || status=$?
    .venv/bin/lint-imports || status=$?
    exit "$status"
    ;;
  *)
    echo "usage: bash scripts/bootstrap.sh run|test" >&2
    exit 2
    ;;
esac
