#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on a free loopback port, for tests and measurements.
#   scripts/pg-cluster.sh start <folder> [--fast]   prints the port; --fast turns fsync off (tests only)
#   scripts/pg-cluster.sh stop <folder>             stops it and removes the folder
# Installs Debian's postgresql when it is missing. Run as root, the server runs as the postgres user.
set -euo pipefail
command=${1:?start|stop}; folder=${2:?folder}; fast=${3:-}

as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

if ! ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1; then
  echo "Installing postgresql..." >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null
fi
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)

case "$command" in
  start)
    mkdir -p "$folder"
    [ "$(id -u)" -eq 0 ] && chown postgres "$folder"
    as_postgres "$bin/initdb" -D "$folder/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    options="-c listen_addresses=127.0.0.1 -c unix_socket_directories=$folder -c max_connections=400"
    [ "$fast" = "--fast" ] && options="$options -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    for attempt in 1 2 3 4 5 6 7 8; do
      port=$((20000 + RANDOM % 20000))
      if as_postgres "$bin/pg_ctl" -D "$folder/data" -l "$folder/server.log" -o "$options -p $port" -w -t 30 start >/dev/null 2>&1; then
        echo "$port" > "$folder/port"
        echo "$port"
        exit 0
      fi
    done
    echo "PostgreSQL 未能启动，见 $folder/server.log" >&2
    exit 1
    ;;
  stop)
    [ -d "$folder/data" ] && as_postgres "$bin/pg_ctl" -D "$folder/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$folder"
    ;;
  *) echo "用法：$0 start|stop <目录> [--fast]" >&2; exit 2 ;;
esac
