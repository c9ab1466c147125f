#!/usr/bin/env bash
# Set up gkgen on a fresh Debian 12 machine (idempotent; fast when already done).
#
#   bash scripts/setup.sh          system packages for building reports + .venv (gkgen[test])
#   bash scripts/setup.sh --test   also what the test suite needs: poppler-utils, chromium,
#                                  a Java runtime (for vnu.jar), node/npm and node_modules
#                                  (axe-core, vnu-jar) from package-lock.json
#
# Runs as root, or uses sudo for apt-get when not root. Nothing is downloaded outside the
# Debian, PyPI and npm registries (no `playwright install`: tests drive Debian's chromium).
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT="$PWD"

WITH_TEST=0
for arg in "$@"; do
    case "$arg" in
        --test) WITH_TEST=1 ;;
        -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
        *) echo "setup.sh: unknown argument: $arg" >&2; exit 2 ;;
    esac
done

log() { printf '[setup] %s\n' "$*" >&2; }

# ---------------------------------------------------------------- system packages (apt)
# Runtime: WeasyPrint needs pango + harfbuzz-subset (without it, CJK font subsetting falls
# back to fontTools: ~20x slower). Fonts: FandolFang/Kai/Hei/Song ship in
# texlive-lang-chinese (outside fontconfig's path; gkgen/render/fonts.py loads them by file),
# Noto CJK is the fallback for characters outside GB2312.
PKGS=(
    ca-certificates
    python3 python3-venv
    fontconfig fonts-noto-cjk texlive-lang-chinese
    libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0
)
if [ "$WITH_TEST" = 1 ]; then
    # libreoffice-writer-nogui: the look test converts report.docx to PDF (tests only)
    PKGS+=(poppler-utils chromium libreoffice-writer-nogui)
    command -v java >/dev/null 2>&1 || PKGS+=(default-jre-headless)
    if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
        PKGS+=(nodejs npm)
    fi
fi

missing=()
for pkg in "${PKGS[@]}"; do
    status="$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)"
    [ "$status" = installed ] || missing+=("$pkg")
done

if [ "${#missing[@]}" -gt 0 ]; then
    SUDO=()
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null 2>&1 || { log "not root and no sudo: install ${missing[*]}"; exit 1; }
        SUDO=(sudo)
    fi
    log "apt-get install: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    "${SUDO[@]}" apt-get update -q
    "${SUDO[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
else
    log "system packages: all present"
fi

# ---------------------------------------------------------------- Python venv
VENV="$ROOT/.venv"
PY="${PYTHON:-python3}"
if [ -x "$VENV/bin/python" ] && ! "$VENV/bin/python" -c 'import sys' >/dev/null 2>&1; then
    log "removing broken $VENV"
    rm -rf "$VENV"
fi
if [ ! -x "$VENV/bin/python" ]; then
    log "creating $VENV with $("$PY" --version 2>&1)"
    "$PY" -m venv "$VENV"
fi

# Re-run pip only when pyproject.toml changed (or the install is incomplete).
stamp="$VENV/.gkgen-setup"
want="$(sha256sum pyproject.toml | cut -d' ' -f1) test-extras"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -x "$VENV/bin/pytest" ] \
        && "$VENV/bin/python" -c 'import weasyprint' >/dev/null 2>&1; then
    log "python packages: up to date"
else
    log "pip install -e '.[test]'"
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check --upgrade pip
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check -e '.[test]'
    printf '%s' "$want" >"$stamp"
fi

# ---------------------------------------------------------------- node_modules (tests only)
if [ "$WITH_TEST" = 1 ]; then
    nstamp="node_modules/.gkgen-setup"
    npm_hash() { cat package.json package-lock.json 2>/dev/null | sha256sum | cut -d' ' -f1; }
    nwant="$(npm_hash || true)"
    if [ -f "$nstamp" ] && [ "$(cat "$nstamp")" = "$nwant" ] \
            && [ -f node_modules/axe-core/axe.min.js ] \
            && [ -f node_modules/vnu-jar/build/dist/vnu.jar ]; then
        log "node_modules: up to date"
    else
        if [ -f package-lock.json ]; then
            log "npm ci"
            npm ci --no-audit --no-fund --loglevel=error
        else
            log "npm install"
            npm install --no-audit --no-fund --loglevel=error
        fi
        nwant="$(npm_hash || true)"
        printf '%s' "$nwant" >"$nstamp"
    fi
fi

log "done"
