#!/bin/sh
# Sets up a fresh machine that has only Node 20 and npm: pnpm, the workspace's packages (better-sqlite3
# compiles from source against Node's own headers) and, for the browser tests, Debian's Chromium; for the
# PostgreSQL adapter's tests, Debian's PostgreSQL 15 server binaries (the tests start their own throwaway cluster).
set -e
cd "$(dirname "$0")/.."
if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm -v)" != "12.4.2" ]; then
  npm i -g pnpm@12.4.2 >/dev/null
fi
# node-gyp would otherwise try to download Node's headers (no network here); pnpm ignores .npmrc's nodedir.
export npm_config_nodedir="${npm_config_nodedir:-/usr}"
pnpm install --frozen-lockfile=false --reporter=silent
if [ ! -x /usr/bin/chromium ] && [ "${WAYMARK_SKIP_CHROMIUM:-}" != "1" ]; then
  if [ "$(id -u)" = "0" ]; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null
  else
    echo "setup: /usr/bin/chromium is missing; install Debian's chromium (sudo apt-get install -y chromium) for the browser tests" >&2
  fi
fi
if [ ! -x /usr/lib/postgresql/15/bin/initdb ] && [ "${WAYMARK_SKIP_POSTGRES:-}" != "1" ]; then
  if [ "$(id -u)" = "0" ]; then
    # Only the binaries are needed: stop the cluster Debian creates and starts on install.
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >/dev/null
    (service postgresql stop || pg_ctlcluster 15 main stop) >/dev/null 2>&1 || true
  else
    echo "setup: /usr/lib/postgresql/15/bin/initdb is missing; install Debian's postgresql (sudo apt-get install -y postgresql) for the PostgreSQL tests" >&2
  fi
fi
# Segment's Python library (vendored unmodified in test/vendor: PyPI is not reachable) runs on Debian's python3 with
# its dependencies from apt, for test/dropin-python.e2e.test.ts.
if ! /usr/bin/python3 -c 'import requests, dateutil, backoff, jwt' >/dev/null 2>&1 && [ "${WAYMARK_SKIP_PYTHON:-}" != "1" ]; then
  if [ "$(id -u)" = "0" ]; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3 python3-requests python3-dateutil python3-backoff python3-jwt) >/dev/null
  else
    echo "setup: install python3-requests python3-dateutil python3-backoff python3-jwt (sudo apt-get install -y ...) for the Python drop-in test" >&2
  fi
fi
