#!/usr/bin/env bash
# Measures the time from process start to the first 200 from /health, on a built app and an existing database.
# Usage: scripts/measure-startup.sh [runs]   (binds 127.0.0.1:5099 only)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
db="$(mktemp -d)/startup.db"
export ConnectionStrings__LeadRunner="Data Source=$db"
export ASPNETCORE_URLS="http://127.0.0.1:5099"
export ASPNETCORE_ENVIRONMENT=Development  # the measurements use the demo data
dotnet build src/LeadRunner -c Release -v quiet -nologo >/dev/null
# Build servers linger and compete for the two cores; stop them so that only the app is measured.
dotnet build-server shutdown >/dev/null 2>&1 || true
sleep 2
app=src/LeadRunner/bin/Release/net10.0/LeadRunner.dll

start_once() {
  local t0 t1
  t0=$(date +%s%N)
  dotnet "$app" >/dev/null 2>&1 &
  local pid=$!
  for _ in $(seq 1 600); do
    if curl -sf -o /dev/null http://127.0.0.1:5099/health; then break; fi
    sleep 0.02
  done
  t1=$(date +%s%N)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo $(( (t1 - t0) / 1000000 ))
}

echo "first start (creates and seeds the database): $(start_once) ms"
for i in $(seq 1 "$runs"); do
  echo "start $i on the existing database: $(start_once) ms"
done
rm -f "$db" "$db-wal" "$db-shm"
