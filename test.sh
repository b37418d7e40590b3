#!/usr/bin/env bash
# Runs every test project (unit, integration on SQLite, browser), then the integration suite again on PostgreSQL (a
# throwaway cluster on a free loopback port), and ends with one line: "N passed, N failed".
# Installs what the tests need (Debian's chromium, a CJK font, postgresql) when they are missing.
set -uo pipefail
cd "$(dirname "$0")"

need_packages=()
command -v chromium >/dev/null 2>&1 || need_packages+=(chromium)
fc-list 2>/dev/null | grep -qiE "wenquanyi|wqy|noto sans cjk" || need_packages+=(fonts-wqy-microhei)
if [ ${#need_packages[@]} -gt 0 ]; then
  echo "Installing ${need_packages[*]} for the browser tests..."
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_packages[@]}" >/dev/null \
    || { echo "Could not install ${need_packages[*]}"; echo "0 passed, 1 failed"; exit 1; }
fi

results="$(mktemp -d)"
pg_folder="$(mktemp -d /tmp/leadrunner-pg-XXXXXX)"
trap 'scripts/pg-cluster.sh stop "$pg_folder"' EXIT

# Tests that need PostgreSQL (two instances on one database) carry Trait("Provider", "PostgreSQL"); SQLite-only ones "Sqlite".
dotnet test LeadRunner.sln --logger "trx" --results-directory "$results" --filter "Provider!=PostgreSQL" "$@"
status=$?

if port=$(scripts/pg-cluster.sh start "$pg_folder" --fast); then
  LEADRUNNER_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Maximum Pool Size=50" \
    dotnet test tests/LeadRunner.Tests --no-build --logger "trx" --results-directory "$results" --filter "Provider!=Sqlite" "$@"
  [ $? -ne 0 ] && status=1
else
  echo "PostgreSQL could not be started: the PostgreSQL pass did not run."
  status=1; failed_to_start=1
fi

passed=0; failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done
rm -rf "$results"

failed=$((failed + ${failed_to_start:-0}))
echo "$passed passed, $failed failed"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then
  exit 1
fi
