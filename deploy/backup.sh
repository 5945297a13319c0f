#!/usr/bin/env bash
# Nightly PostgreSQL backup with rotation, and the matching restore.
#   deploy/backup.sh dump    DATABASE_URL DIR     -> DIR/survey-YYYYmmdd-HHMMSS.dump (custom format)
#   deploy/backup.sh restore DATABASE_URL FILE    -> restores FILE into an EMPTY database
# Keeps the newest $KEEP dumps (default 14). tests/survey/database/test_backup.py runs both.
set -euo pipefail
KEEP="${KEEP:-14}"
cmd="${1:-}"; url="${2:-}"; target="${3:-}"
[ -n "$cmd" ] && [ -n "$url" ] && [ -n "$target" ] || { echo "usage: $0 dump|restore DATABASE_URL DIR|FILE" >&2; exit 2; }
url="${url/postgresql+psycopg:/postgresql:}"
case "$cmd" in
  dump)
    mkdir -p "$target"
    file="$target/survey-$(date -u +%Y%m%d-%H%M%S).dump"
    pg_dump --format=custom --no-owner --no-privileges --file="$file.partial" "$url"
    mv "$file.partial" "$file"          # a crash mid-dump never leaves a file that looks complete
    ls -1t "$target"/survey-*.dump | tail -n +"$((KEEP + 1))" | xargs -r rm --
    echo "$file"
    ;;
  restore)
    pg_restore --no-owner --no-privileges --exit-on-error --single-transaction --dbname="$url" "$target"
    ;;
  *) echo "unknown command $cmd" >&2; exit 2 ;;
esac
