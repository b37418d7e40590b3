#!/usr/bin/env bash
# Issue 17's load test: the submission load of issue 14 (scripts/measure-submissions.sh) against N app instances on one
# PostgreSQL database behind nginx on 127.0.0.1:<port> (instances on the ports after it, one uploads folder); one
# instance is killed with kill -9 mid-load and restarted, and every acknowledged submission is checked in the database.
# Usage: scripts/measure-instances.sh [--instances 2] [--postgres-connection <npgsql>] [--users 200] [--rate 100,150,max]
#        [--count 1500] [--kill-count 600] [--port 5097] [--keep]
# Without --postgres-connection a throwaway cluster is started (scripts/pg-cluster.sh) and removed at the end.
# Compare a run with --instances 1 against one with --instances 2: "max" is a closed loop (each user submits as soon as
# answered), which finds the saturation throughput; the kill -9 run uses the first rate.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build src/LeadRunner -c Release -v quiet -nologo >/dev/null
dotnet build tests/LeadRunner.Benchmarks -c Release -v quiet -nologo >/dev/null
# Build servers linger and compete for the two cores; stop them so that only the apps, nginx and the load are measured.
dotnet build-server shutdown >/dev/null 2>&1 || true
exec dotnet tests/LeadRunner.Benchmarks/bin/Release/net10.0/LeadRunner.Benchmarks.dll submissions --postgres --instances 2 "$@"
