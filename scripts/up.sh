#!/usr/bin/env bash
# Run the whole system on its embedded default: `bash scripts/up.sh` (the demo chain is
# loaded; any `redress up` option may follow, e.g. --port 9090).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
exec .venv/bin/redress up --demo "$@"
