#!/usr/bin/env bash
# Measures the server's memory while 50 clients upload 10 MB each at the same time (issue 5's performance target:
# growth below 200 MB). The app runs as its own process on 127.0.0.1, so the clients (curl) are not counted.
# Usage: scripts/measure-uploads.sh [clients] [megabytes]   (binds 127.0.0.1:5098 only; removes its files after)
set -euo pipefail
cd "$(dirname "$0")/.."
clients="${1:-50}"
megabytes="${2:-10}"
port=5098
work="$(mktemp -d)"
trap 'kill "$app_pid" 2>/dev/null || true; wait "$app_pid" 2>/dev/null || true; rm -rf "$work"' EXIT

export ConnectionStrings__LeadRunner="Data Source=$work/app.db"
export ASPNETCORE_URLS="http://127.0.0.1:$port"
export ASPNETCORE_ENVIRONMENT=Development  # the measurements use the demo data
export Uploads__Root="$work/uploads"
export Uploads__SweepEnabled=false
export Logging__LogLevel__Default=Warning
dotnet build src/LeadRunner -c Release -v quiet -nologo >/dev/null
# Build servers linger and compete for the two cores; stop them so that only the app is measured.
dotnet build-server shutdown >/dev/null 2>&1 || true

dotnet src/LeadRunner/bin/Release/net10.0/LeadRunner.dll >"$work/app.log" 2>&1 &
app_pid=$!
for _ in $(seq 1 600); do
  if curl -sf -o /dev/null "http://127.0.0.1:$port/health"; then break; fi
  sleep 0.1
done
token=$(curl -sf -X POST "http://127.0.0.1:$port/api/auth/login" -H 'Content-Type: application/json' \
  -d '{"email":"ent.91130534MA0CQH1106","password":"Demo@2024"}' | jq -r .accessToken)

# Distinct content per client (a PDF header, then random bytes), so that every upload is hashed and stored.
for i in $(seq 1 "$clients"); do
  { printf '%%PDF-1.7\n'; head -c $((megabytes * 1024 * 1024 - 9)) /dev/urandom; } >"$work/file$i.pdf"
done

kib() { awk -v k="$1" '$1 == k":" { print $2 }' "/proc/$app_pid/status"; }
upload() {
  curl -s -o /dev/null -w '%{http_code}\n' -H "Authorization: Bearer $token" \
    -F "file=@$1;type=application/pdf;filename=样本.pdf" "http://127.0.0.1:$port/api/uploads"
}

# One upload first so that the route, EF model and JIT are warm and the baseline is the idle server.
upload "$work/file1.pdf" >/dev/null
sleep 1
before=$(kib VmRSS)
peak_before=$(kib VmHWM)

start=$(date +%s%N)
for i in $(seq 1 "$clients"); do
  upload "$work/file$i.pdf" >"$work/status$i" &
done
wait $(jobs -p | grep -v "^$app_pid$") 2>/dev/null || true
end=$(date +%s%N)
after=$(kib VmRSS)
peak=$(kib VmHWM)

created=$(cat "$work"/status* | grep -c '^201$' || true)
stored=$(find "$work/uploads" -type f -not -name '*.part' | wc -l)
echo "uploads: $clients x $megabytes MB in parallel, $created answered 201, $stored blobs on disk"
echo "time: $(( (end - start) / 1000000 )) ms"
echo "server RSS before: $((before / 1024)) MB, after: $((after / 1024)) MB, peak during run: $((peak / 1024)) MB (peak before run: $((peak_before / 1024)) MB)"
echo "growth: after - before $(( (after - before) / 1024 )) MB; peak - before $(( (peak - before) / 1024 )) MB (target < 200 MB)"
