#!/usr/bin/env bash
# Adds an EF Core migration for both providers: scripts/add-migration.sh <Name>
# Each provider keeps its migrations and model snapshot in its own folder (Data/Migrations/Sqlite, .../PostgreSQL);
# the EF tools overwrite any snapshot file of the same name in the project, so the other folder is set aside meanwhile.
set -euo pipefail
cd "$(dirname "$0")/.."
name="${1:?用法：scripts/add-migration.sh <迁移名称>}"
migrations=src/LeadRunner/Data/Migrations
aside="$(mktemp -d)"
restore() { for p in Sqlite PostgreSQL; do [ -d "$aside/$p" ] && mv "$aside/$p" "$migrations/$p"; done; rm -rf "$aside"; }
trap restore EXIT
dotnet tool restore >/dev/null

add() { # provider, folder, extra args for the app
  local provider="$1" folder="$2"; shift 2
  local other; other=$([ "$folder" = Sqlite ] && echo PostgreSQL || echo Sqlite)
  mv "$migrations/$other" "$aside/$other"
  dotnet ef migrations add "$name" --project src/LeadRunner -o "Data/Migrations/$folder" \
    --namespace "LeadRunner.Data.Migrations.$folder" -- --Database:Provider="$provider" "$@"
  # With no snapshot yet, the tools place it by namespace; move it beside its migrations.
  if [ -d src/LeadRunner/LeadRunner ]; then
    find src/LeadRunner/LeadRunner -name '*ModelSnapshot.cs' -exec mv {} "$migrations/$folder/" \;
    rm -rf src/LeadRunner/LeadRunner
  fi
  mv "$aside/$other" "$migrations/$other"
}
add Sqlite Sqlite
add PostgreSQL PostgreSQL "--ConnectionStrings:LeadRunner=Host=127.0.0.1;Database=leadrunner"
