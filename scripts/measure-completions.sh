#!/usr/bin/env bash
# Issue 17's completion figures: task completions per second against raw writes of the same shape, on SQLite with
# synchronous=FULL, and with --postgres on a throwaway PostgreSQL cluster with its default settings (fsync on).
# Usage: scripts/measure-completions.sh [--postgres] [--synchronous Full|Normal|Extra]
set -euo pipefail
cd "$(dirname "$0")/.."
postgres=""; synchronous="Full"
while [ $# -gt 0 ]; do
  case "$1" in
    --postgres) postgres=1 ;;
    --synchronous) synchronous=$2; shift ;;
    *) echo "用法：$0 [--postgres] [--synchronous Full|Normal|Extra]" >&2; exit 2 ;;
  esac
  shift
done
dotnet build tests/LeadRunner.Benchmarks -c Release -v quiet -nologo >/dev/null
dotnet build-server shutdown >/dev/null 2>&1 || true
benchmarks=(dotnet tests/LeadRunner.Benchmarks/bin/Release/net10.0/LeadRunner.Benchmarks.dll)
if [ -n "$postgres" ]; then
  folder=$(mktemp -d /tmp/leadrunner-bench-pg-XXXXXX)
  trap 'scripts/pg-cluster.sh stop "$folder"' EXIT
  port=$(scripts/pg-cluster.sh start "$folder")
  LEADRUNNER_BENCH_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres" \
    "${benchmarks[@]}" --filter '*TaskCompletionBenchmark*' '*RawNpgsqlWriteBenchmark*'
else
  Database__Synchronous=$synchronous "${benchmarks[@]}" --filter '*TaskCompletionBenchmark*' '*RawSqliteWriteBenchmark*'
fi
