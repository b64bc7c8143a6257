#!/usr/bin/env bash
# Load test of database sessions over real HTTP on 127.0.0.1: the same `#[with_auth]` route
# with JWT sessions and with sessions looked up in PostgreSQL (`PgStore`, `@auth/pg-adapter`'s
# tables), beside a hand-written lookup, all served by one binary (`load_server`).
#
#   bash scripts/services.sh start && source target/services/env
#   bash scripts/load-db.sh
#   DURATION=2 ROUNDS=1 bash scripts/load-db.sh     # a smoke run
#
# Routes, each answering 200 {"ok":true} to the admin:
#
#   jwt      GET /jwt/attribute   #[with_auth(authorized = "token.role == 'admin'")], JWT options
#   db       GET /db/attribute    the same handler, options with a PgStore: one query per request
#                                 (the session joined with its user), pool warm
#   db-hand  GET /db/hand         a hand-written extractor: one prepared query for the role and
#                                 the expiry into a typed row (auth_benches::db::DbBaseline)
#
# Every request carries a browser's NextAuth.js cookies (CSRF token, session token, callback
# URL). The sessions are 30 days from expiry, so no request writes to the database. The server
# runs on core SERVER_CPU (one tokio worker), wrk on core LOAD_CPU; PostgreSQL is not pinned and
# shares the cores (a 2-core machine has no third): its CPU per request is reported apart.
#
# Per round, every route runs DURATION seconds in turn; the summary gives per round, then the
# median, requests/s of db against jwt and against db-hand, and the server's and PostgreSQL's
# CPU time per request.
#
# Environment: DATABASE_URL (required), DURATION (s, default 5), ROUNDS (default 5),
# CONNECTIONS (default 32), SERVER_CPU (default 0), LOAD_CPU (default 1), WARMUP (s, default 2).
set -euo pipefail

DURATION=${DURATION:-5}
ROUNDS=${ROUNDS:-5}
CONNECTIONS=${CONNECTIONS:-32}
SERVER_CPU=${SERVER_CPU:-0}
LOAD_CPU=${LOAD_CPU:-1}
WARMUP=${WARMUP:-2}
ROUTES=(jwt db db-hand)
declare -A path=([jwt]=/jwt/attribute [db]=/db/attribute [db-hand]=/db/hand)

cd "$(dirname "$0")/.."
source scripts/lib.sh

[[ -n ${DATABASE_URL:-} ]] || {
    echo "error: DATABASE_URL is not set: bash scripts/services.sh start && source target/services/env" >&2
    exit 1
}
need_wrk
read -r load1 load5 load15 _ </proc/loadavg
say "load average at the start: $load1 $load5 $load15 (1, 5, 15 min) on $(nproc) cores"
server_pin=() load_pin=()
if command -v taskset >/dev/null 2>&1 && [[ $(nproc) -ge 2 && $SERVER_CPU != "$LOAD_CPU" ]]; then
    server_pin=(taskset -c "$SERVER_CPU") load_pin=(taskset -c "$LOAD_CPU")
    say "pinning: server on core $SERVER_CPU, wrk on core $LOAD_CPU, PostgreSQL unpinned"
fi

say "building the server (cargo build --profile load -p auth-benches --bin load_server)"
cargo build --profile load -q -p auth-benches --bin load_server
server_bin="$(cargo_target_dir)/load/load_server"
secret=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
NEXTAUTH_SECRET="$secret" PORT=0 "${server_pin[@]}" "$server_bin" >"$work/server.log" 2>&1 &
server_pid=$!
await_address "$work/server.log"
for _ in $(seq 1 100); do
    grep -q '^token db-user ' "$work/server.log" && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
    sleep 0.1
done
token() { awk -v kind="$1" '$1 == "token" && $2 == kind { print $3 }' "$work/server.log"; }
declare -A admin=([jwt]=$(token admin) [db]=$(token db-admin) [db-hand]=$(token db-admin))
declare -A user=([jwt]=$(token user) [db]=$(token db-user) [db-hand]=$(token db-user))
[[ -n ${admin[db]} && -n ${user[db]} ]] || {
    cat "$work/server.log" >&2
    echo "error: the server printed no database session tokens" >&2
    exit 1
}

csrf_token=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
csrf_hash=$(printf '%s%s' "$csrf_token" "$secret" | sha256sum | cut -d' ' -f1)
with_session() {
    printf 'Cookie: next-auth.csrf-token=%s%%7C%s; next-auth.session-token=%s; %s' \
        "$csrf_token" "$csrf_hash" "$1" "next-auth.callback-url=http%3A%2F%2Flocalhost%3A3000%2F"
}

check() { # route session expected-status
    local got
    got=$(curl -s -o /dev/null -w '%{http_code}' -H "$(with_session "$2")" "$base${path[$1]}")
    [[ $got == "$3" ]] || { echo "error: $1 answered $got, not $3" >&2; exit 1; }
}
for route in "${ROUTES[@]}"; do
    check "$route" "${admin[$route]}" 200
    check "$route" "${user[$route]}" 403
    check "$route" 9f0c4b8e-2d7a-4c59-9a51-3e6f1b2c7d80 401
done
say "checked: every route 200 for the admin, 403 for a user, 401 for an unknown session"

cat >"$work/report.lua" <<'LUA'
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %d %d %d %d\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(99), e.connect + e.read + e.write + e.timeout + e.status))
end
LUA
ticks_of() { # utime + stime of the processes $@, in clock ticks
    local total=0 pid stat
    for pid in "$@"; do
        stat=$(cat "/proc/$pid/stat" 2>/dev/null) || continue
        stat=${stat##*) }
        total=$((total + $(awk '{ print $12 + $13 }' <<<"$stat")))
    done
    echo "$total"
}
pg_pids() { pgrep -x postgres || true; }
clk_tck=$(getconf CLK_TCK)

# measure ROUTE ROUND SECONDS: one wrk run; prints "rps cpu_us pg_cpu_us p50_ms p99_ms".
measure() {
    local route=$1 seconds=$3 server_before pg_before server_after pg_after pids
    mapfile -t pids < <(pg_pids)
    server_before=$(ticks_of "$server_pid") pg_before=$(ticks_of "${pids[@]}")
    "${load_pin[@]}" wrk -t1 -c"$CONNECTIONS" -d"${seconds}s" -s "$work/report.lua" \
        -H "$(with_session "${admin[$route]}")" "$base${path[$route]}" >"$work/wrk.out" 2>&1
    server_after=$(ticks_of "$server_pid") pg_after=$(ticks_of "${pids[@]}")
    awk -v sb="$server_before" -v sa="$server_after" -v pb="$pg_before" -v pa="$pg_after" \
        -v hz="$clk_tck" '/^RESULT / {
            if ($6 > 0) { print "errors", $6 > "/dev/stderr"; exit 1 }
            n = $2; s = $3 / 1e6
            printf "%.0f %.2f %.2f %.3f %.3f\n", n / s, (sa - sb) * 1e6 / hz / n,
                (pa - pb) * 1e6 / hz / n, $4 / 1000, $5 / 1000
        }' "$work/wrk.out"
}

for route in "${ROUTES[@]}"; do
    [[ $WARMUP == 0 ]] || measure "$route" 0 "$WARMUP" >/dev/null
done
printf '%-5s %-8s %10s %12s %12s %8s %8s\n' round route "requests/s" "server µs/req" "pg µs/req" p50_ms p99_ms
declare -A rps
for round in $(seq 1 "$ROUNDS"); do
    for route in "${ROUTES[@]}"; do
        read -r r cpu pg p50 p99 < <(measure "$route" "$round" "$DURATION")
        rps[$route,$round]=$r
        printf '%-5s %-8s %10s %12s %12s %8s %8s\n' "$round" "$route" "$r" "$cpu" "$pg" "$p50" "$p99"
    done
done

echo
say "ratios of requests/s, per round, then the median"
printf '%-5s %12s %12s %14s\n' round "db / jwt" "db / db-hand" "db-hand / jwt"
for round in $(seq 1 "$ROUNDS"); do
    awk -v j="${rps[jwt,$round]}" -v d="${rps[db,$round]}" -v h="${rps[db-hand,$round]}" \
        -v r="$round" 'BEGIN { printf "%-5s %12.3f %12.3f %14.3f\n", r, d / j, d / h, h / j }'
done | tee "$work/ratios"
median() { sort -g | awk '{ v[NR] = $1 } END { printf "%.3f", v[int((NR + 1) / 2)] }'; }
printf '%-5s %12s %12s %14s\n' median "$(awk '{ print $2 }' "$work/ratios" | median)" \
    "$(awk '{ print $3 }' "$work/ratios" | median)" "$(awk '{ print $4 }' "$work/ratios" | median)"
read -r load1 load5 load15 _ </proc/loadavg
say "load average at the end: $load1 $load5 $load15"
