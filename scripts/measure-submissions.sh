#!/usr/bin/env bash
# Issue 14's load test: 200 concurrent enterprise users submit applications (form validation, eligibility rules,
# the case's transition, the county's notification and mail in the outbox) to the app on 127.0.0.1 at a set rate;
# a second load is cut by kill -9, the app restarts, and every acknowledged submission is checked in the database.
# Usage: scripts/measure-submissions.sh [--users 200] [--rate 100,150] [--count 1500] [--kill-count 600] [--port 5097] [--keep]
# (each rate, or "max" for as fast as answered, is a measured run of --count submissions; the kill -9 run uses the first rate)
# On PostgreSQL and behind nginx: --postgres [--postgres-connection <npgsql>] --instances N, or scripts/measure-instances.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build src/LeadRunner -c Release -v quiet -nologo >/dev/null
dotnet build tests/LeadRunner.Benchmarks -c Release -v quiet -nologo >/dev/null
# Build servers linger and compete for the two cores; stop them so that only the app and the load are measured.
dotnet build-server shutdown >/dev/null 2>&1 || true
exec dotnet tests/LeadRunner.Benchmarks/bin/Release/net10.0/LeadRunner.Benchmarks.dll submissions "$@"
