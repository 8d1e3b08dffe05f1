#!/usr/bin/env bash
# Create .venv with Python 3.11, install Redress with its pinned dependencies, and compile
# the classifier to C with mypyc (about a minute, only when its source changed; without a C
# compiler it runs as plain Python, slower). Idempotent: a second run only checks that the
# install and the build are current.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3.11}"
command -v "$PYTHON" >/dev/null 2>&1 || PYTHON=python3
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
stamp=".venv/.redress-installed"
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    .venv/bin/python -m pip install --quiet --upgrade pip >/dev/null
    .venv/bin/python -m pip install --quiet -e '.[test,compile]'
    touch "$stamp"
fi
if ! .venv/bin/python scripts/compile_classifier.py; then
    echo "bootstrap: the classifier was not compiled; it runs as plain Python" >&2
fi
