#!/usr/bin/env bash
# The real PostgreSQL and Redis that the database-session tests run against, both throwaway,
# both on 127.0.0.1 only:
#
#   bash scripts/services.sh start    # installs what is missing, starts both, writes the env file
#   source target/services/env        # DATABASE_URL and REDIS_URL for cargo test and interop/
#   bash scripts/services.sh stop     # stops both (safe when they are not running)
#   bash scripts/services.sh env      # prints the exports
#   bash scripts/services.sh clean    # stops both and removes target/services
#
# PostgreSQL: a cluster of its own in target/services/pg (initdb --auth=trust, fsync off), on
# port $SERVICES_PG_PORT (default 54329) and a unix socket in the same folder, with a database
# auth_guard. As root it runs as the `postgres` system user (postgres refuses root); when that
# user cannot reach the repository, or the socket's path would be too long, the cluster lives
# in $TMPDIR (default /tmp) instead.
# Redis: redis-server on port $SERVICES_REDIS_PORT (default 63799), no persistence, its pid and
# log files in target/services/redis.
#
# Missing server binaries come from Debian's packages (postgresql, redis-server), with sudo when
# not root. `start` is idempotent: services already running from this folder are reused. A port
# taken by anything else is an error, not a silent reuse.
set -euo pipefail

cd "$(dirname "$0")/.."
repo=$(pwd)

pg_port=${SERVICES_PG_PORT:-54329}
redis_port=${SERVICES_REDIS_PORT:-63799}
dir=${SERVICES_DIR:-$repo/target/services}
database=auth_guard

database_url="postgres://postgres@127.0.0.1:$pg_port/$database"
redis_url="redis://127.0.0.1:$redis_port/"

say() { printf '==> services: %s\n' "$*"; }
die() {
    printf 'error: services: %s\n' "$*" >&2
    exit 1
}

is_root() { [[ $(id -u) -eq 0 ]]; }

# ---- installing from Debian's packages -------------------------------------------------------

apt_updated=false
apt_install() {
    local as_root=()
    if ! is_root; then
        command -v sudo >/dev/null 2>&1 || die "$* is not installed, and installing it needs root or sudo (Debian: apt-get install $*)"
        as_root=(sudo)
    fi
    command -v apt-get >/dev/null 2>&1 || die "$* is not installed and there is no apt-get to install it"
    if ! $apt_updated; then
        say "apt-get update"
        "${as_root[@]}" apt-get update -qq
        apt_updated=true
    fi
    say "installing Debian's $* (apt-get install -y $*)"
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

pg_bindir() {
    local initdb f
    initdb=$(for f in /usr/lib/postgresql/*/bin/initdb; do
        if [[ -x "$f" ]]; then echo "$f"; fi
    done | sort -V | tail -n 1)
    if [[ -n "$initdb" ]]; then dirname "$initdb"; fi
}

need_binaries() {
    if [[ -z "$(pg_bindir)" ]]; then
        apt_install postgresql
        [[ -n "$(pg_bindir)" ]] || die "installed postgresql, yet no /usr/lib/postgresql/*/bin/initdb"
    fi
    if ! command -v redis-server >/dev/null 2>&1 || ! command -v redis-cli >/dev/null 2>&1; then
        apt_install redis-server
        command -v redis-server >/dev/null 2>&1 || die "installed redis-server, yet no redis-server on PATH"
        command -v redis-cli >/dev/null 2>&1 || die "installed redis-server, yet no redis-cli on PATH"
    fi
}

# ---- helpers -------------------------------------------------------------------------------------

# port_open PORT: something accepts TCP connections on 127.0.0.1:PORT.
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# as_pg CMD...: runs CMD as the cluster's owner (the postgres user when root), from /.
as_pg() {
    if is_root; then
        if command -v runuser >/dev/null 2>&1; then
            (cd / && runuser -u postgres -- "$@")
        else
            (cd / && su postgres -s /bin/sh -c "$(printf '%q ' "$@")")
        fi
    else
        (cd / && "$@")
    fi
}

# Where the cluster lives: target/services/pg, unless the postgres user cannot get there or
# the socket's path would pass the 107-byte limit of a unix socket's name.
pg_base() {
    local base="$dir/pg"
    local fallback
    fallback="${TMPDIR:-/tmp}/auth-guard-pg-$(printf '%s' "$dir" | cksum | cut -d ' ' -f 1)"
    if ((${#base} + ${#pg_port} + 10 > 100)); then
        echo "$fallback"
        return
    fi
    if is_root; then
        mkdir -p "$dir"
        if ! (cd / && runuser -u postgres -- test -x "$dir") 2>/dev/null; then
            echo "$fallback"
            return
        fi
    fi
    echo "$base"
}

pg_running() {
    local bindir=$1 data=$2
    [[ -f "$data/PG_VERSION" ]] && as_pg "$bindir/pg_ctl" -D "$data" status >/dev/null 2>&1
}

redis_pid() {
    local pidfile="$dir/redis/redis.pid" pid
    [[ -f "$pidfile" ]] || return 1
    pid=$(cat "$pidfile" 2>/dev/null || true)
    [[ "$pid" =~ ^[0-9]+$ ]] || return 1
    kill -0 "$pid" 2>/dev/null || return 1
    [[ "$(cat "/proc/$pid/comm" 2>/dev/null || true)" == redis-server* ]] || return 1
    echo "$pid"
}

redis_ping() { [[ "$(redis-cli -h 127.0.0.1 -p "$redis_port" ping 2>/dev/null || true)" == PONG ]]; }

# ---- PostgreSQL -------------------------------------------------------------------------------

start_pg() {
    local bindir base data
    bindir=$(pg_bindir)
    base=$(pg_base)
    data="$base/data"

    if pg_running "$bindir" "$data"; then
        say "PostgreSQL already running ($data)"
    else
        if port_open "$pg_port"; then
            die "port $pg_port on 127.0.0.1 is taken by another process; stop it or set SERVICES_PG_PORT"
        fi
        mkdir -p "$base"
        if is_root; then
            id postgres >/dev/null 2>&1 || die "no postgres system user to run PostgreSQL as (postgres refuses to run as root)"
            chown postgres: "$base"
        fi
        local version
        version=$(basename "$(dirname "$bindir")")
        if [[ -f "$data/PG_VERSION" && "$(cat "$data/PG_VERSION")" != "$version" ]]; then
            say "the cluster in $data is of another PostgreSQL version; making a new one"
            rm -rf "$data"
        elif [[ -d "$data" && ! -f "$data/PG_VERSION" ]]; then
            rm -rf "$data"
        fi
        if [[ ! -d "$data" ]]; then
            say "initdb $data (PostgreSQL $version)"
            as_pg "$bindir/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C \
                --no-sync --no-instructions >"$base/initdb.log" 2>&1 ||
                { cat "$base/initdb.log" >&2; die "initdb failed"; }
            printf "\ninclude_if_exists = 'services.conf'\n" | as_pg tee -a "$data/postgresql.conf" >/dev/null
        fi
        # Rewritten on every start, so a changed port or folder takes effect.
        as_pg tee "$data/services.conf" >/dev/null <<EOF
listen_addresses = '127.0.0.1'
port = $pg_port
unix_socket_directories = '$base'
max_connections = 200
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
        say "starting PostgreSQL on 127.0.0.1:$pg_port"
        # 9>&-: the server must not hold the lock on this folder (see lock below).
        if ! as_pg "$bindir/pg_ctl" -D "$data" -l "$base/postgresql.log" -w -t 60 start >/dev/null 9>&-; then
            tail -n 30 "$base/postgresql.log" >&2 || true
            die "PostgreSQL did not start (log: $base/postgresql.log)"
        fi
    fi

    local waited=0
    until "$bindir/pg_isready" -q -h 127.0.0.1 -p "$pg_port" -t 1; do
        ((waited += 1))
        if ((waited > 30)); then
            tail -n 30 "$base/postgresql.log" >&2 || true
            die "PostgreSQL does not accept connections on 127.0.0.1:$pg_port after 30 s (log: $base/postgresql.log)"
        fi
        sleep 1
    done

    local exists
    exists=$("$bindir/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -XtAc \
        "SELECT 1 FROM pg_database WHERE datname = '$database'")
    if [[ "$exists" != 1 ]]; then
        "$bindir/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres "$database"
    fi
    say "PostgreSQL ready: $database_url"
}

stop_pg() {
    local bindir base data
    bindir=$(pg_bindir)
    [[ -n "$bindir" ]] || return 0
    base=$(pg_base)
    data="$base/data"
    if pg_running "$bindir" "$data"; then
        say "stopping PostgreSQL ($data)"
        as_pg "$bindir/pg_ctl" -D "$data" -m fast -w -t 60 stop >/dev/null
    else
        say "PostgreSQL not running"
    fi
}

# ---- Redis --------------------------------------------------------------------------------------

start_redis() {
    local rdir="$dir/redis"
    if redis_pid >/dev/null && redis_ping; then
        say "Redis already running (pid $(redis_pid))"
    else
        if port_open "$redis_port"; then
            die "port $redis_port on 127.0.0.1 is taken by another process; stop it or set SERVICES_REDIS_PORT"
        fi
        mkdir -p "$rdir"
        rm -f "$rdir/redis.pid"
        say "starting Redis on 127.0.0.1:$redis_port"
        redis-server --bind 127.0.0.1 --port "$redis_port" --save "" --appendonly no \
            --daemonize yes --pidfile "$rdir/redis.pid" --logfile "$rdir/redis.log" --dir "$rdir" 9>&- ||
            die "redis-server failed to start (log: $rdir/redis.log)"
    fi
    local waited=0
    until redis_ping; do
        ((waited += 1))
        if ((waited > 100)); then
            tail -n 30 "$rdir/redis.log" >&2 || true
            die "Redis does not answer PING on 127.0.0.1:$redis_port after 10 s (log: $rdir/redis.log)"
        fi
        sleep 0.1
    done
    say "Redis ready: $redis_url"
}

stop_redis() {
    local pid
    if pid=$(redis_pid); then
        say "stopping Redis (pid $pid)"
        kill "$pid" 2>/dev/null || true
        for _ in $(seq 1 100); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        if kill -0 "$pid" 2>/dev/null; then
            kill -9 "$pid" 2>/dev/null || true
        fi
        rm -f "$dir/redis/redis.pid"
    else
        say "Redis not running"
    fi
}

# ---- commands -------------------------------------------------------------------------------------

print_env() {
    printf 'export DATABASE_URL=%q\n' "$database_url"
    printf 'export REDIS_URL=%q\n' "$redis_url"
}

# One start or stop at a time for this folder: a lock on fd 9, which the servers are started
# without (a daemon holding it would block every later start and stop).
lock() {
    mkdir -p "$dir"
    exec 9>"$dir/lock"
    if command -v flock >/dev/null 2>&1; then
        flock 9
    fi
}

case "${1:-}" in
start)
    need_binaries
    lock
    start_pg
    start_redis
    print_env >"$dir/env"
    say "wrote $dir/env:"
    cat "$dir/env"
    ;;
stop)
    lock
    stop_pg
    stop_redis
    ;;
env)
    print_env
    ;;
clean)
    lock
    stop_pg
    stop_redis
    base=$(pg_base)
    rm -rf "$base"
    rm -rf "$dir"
    say "removed $dir"
    ;;
*)
    echo "usage: bash scripts/services.sh start|stop|env|clean" >&2
    exit 2
    ;;
esac
