#!/usr/bin/env bash
# Run the whole test suite: unit, contract, integration, end-to-end and fault tests.
# The real servers the tests need are started by the tests themselves (embedded
# PostgreSQL and Tansu broker); DATABASE_URL / KAFKA_BOOTSTRAP_SERVERS use existing ones.
# Extra arguments go to pytest (e.g. -m unit).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
exec .venv/bin/python -m pytest "$@"
