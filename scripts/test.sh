#!/usr/bin/env bash
# Everything CI checks: set up (fast when already done), lint, type-check, test.
#   bash scripts/test.sh [pytest args...]
# All three steps run even when one fails; the exit status is non-zero if any failed.
set -uo pipefail

cd "$(dirname "$0")/.."

bash scripts/setup.sh --test || exit $?

status=0
step() {
    echo "==> $*" >&2
    "$@" || { echo "==> FAILED ($?): $*" >&2; status=1; }
}

step .venv/bin/ruff check gkgen tests
step .venv/bin/mypy
step .venv/bin/pytest -q "$@"

exit "$status"
