#!/usr/bin/env bash
# Load test of the guards over real HTTP on 127.0.0.1: an open route, a fair hand-written guard,
# `#[with_auth]` and `AuthLayer`, served by one binary so that only the guard differs.
#
#   bash scripts/load.sh
#   DURATION=1 ROUNDS=1 bash scripts/load.sh       # a smoke run, about half a minute
#
# Builds `load_server` (benches/src/bin/load_server.rs) with the `load` profile (release, thin
# LTO, one codegen unit), starts it on a free port pinned to core SERVER_CPU (one tokio worker:
# the whole server on that core) and runs `wrk -t1` pinned to core LOAD_CPU. Every route
# answers the same 200 `{"ok":true}`:
#
#   open             GET /open              no guard
#   hand             GET /hand              hand-written extractor: the Cookie header split on
#                                           `;` and `=`, jsonwebtoken::decode into a typed
#                                           struct, key and Validation built once, role compared
#   attribute        GET /attribute         #[with_auth(authorized = "token.role == 'admin'",
#                                           sign_in = false)]
#   attribute-typed  GET /attribute-typed   the same with `claims = Claims`
#   layer            GET /layer/ok          AuthLayer + rule!("token.role == 'admin'") on a
#                                           nested router
#   layer-typed      GET /layer-typed/ok    the same with AuthLayer::with_claims::<Claims>
#   nested           GET /nested/ok         no guard, on a nested router: what nesting costs
#                                           the layer's routes
#
# Every request carries the cookies a browser sends to a NextAuth.js site, the same header on
# every route:
#
#   Cookie: next-auth.csrf-token=<64 hex>%7C<64 hex>; next-auth.session-token=<admin token>;
#           next-auth.callback-url=http%3A%2F%2Flocalhost%3A3000%2F
#
# First every route is checked once with curl (200 signed in as the admin; 403 for a user;
# 401 without a session or with a garbage, expired or forged one; /open always 200), then each
# route is warmed up for WARMUP seconds, then:
#
#   phase 1  ROUNDS rounds; in each, every route for DURATION seconds, one after the other;
#   phase 2  refused requests, REJECT_ROUNDS rounds: /hand and /attribute with no session
#            cookie (csrf and callback-url cookies only), a garbage one, the expired token and
#            the forged one.
#
# Per run it records requests/s, p50/p99 (wrk's `done` hook), the server's CPU time per
# request (utime + stime from /proc/<pid>/stat over the run, per request), its peak RSS (VmHWM,
# reset before each run by writing 5 to /proc/<pid>/clear_refs) and VmRSS after the run. It
# checks that the server had its core: the core's busy time (/proc/stat, total - idle - iowait)
# beside the server's own ticks; a run where more than 5% of the core went to other work, or
# more than 2% to steal, gets a loud warning.
#
# The summary gives, per round and then their median, the ratios the targets are stated in:
# CPU per request against the hand-written guard, requests/s against the open route, the
# layer's CPU beside the attribute's, peak RSS against the open route's; then per-route
# medians. Every run's numbers go to <target dir>/load/results.tsv (tab-separated, one header
# line).
#
# Environment: DURATION (s, default 5), ROUNDS (default 3), CONNECTIONS (default 32),
# SERVER_CPU (default 0), LOAD_CPU (default 1), ROUTES (a subset of the routes above, space
# separated; default all), WARMUP (s per route, default 1; 0 skips it), REJECT_ROUNDS
# (default 1; 0 skips phase 2). Only 127.0.0.1 is ever targeted.
set -euo pipefail

DURATION=${DURATION:-5}
ROUNDS=${ROUNDS:-3}
CONNECTIONS=${CONNECTIONS:-32}
SERVER_CPU=${SERVER_CPU:-0}
LOAD_CPU=${LOAD_CPU:-1}
WARMUP=${WARMUP:-1}
REJECT_ROUNDS=${REJECT_ROUNDS:-1}
ALL_ROUTES=(open nested hand attribute attribute-typed layer layer-typed)
read -r -a routes <<<"${ROUTES:-${ALL_ROUTES[*]}}"

cd "$(dirname "$0")/.."
source scripts/lib.sh

declare -A path=(
    [open]=/open [nested]=/nested/ok [hand]=/hand [attribute]=/attribute
    [attribute-typed]=/attribute-typed [layer]=/layer/ok [layer-typed]=/layer-typed/ok
)
for route in "${routes[@]}"; do
    [[ -n "${path[$route]:-}" ]] || {
        echo "error: ROUTES names $route; the routes are: ${ALL_ROUTES[*]}" >&2
        exit 1
    }
done
[[ ${#routes[@]} -gt 0 ]] || { echo "error: ROUTES names no route" >&2; exit 1; }

# --- The load generator and the cores ------------------------------------------------------
need_wrk
read -r load1 load5 load15 _ </proc/loadavg
say "load average at the start: $load1 $load5 $load15 (1, 5, 15 min) on $(nproc) cores"

server_pin=()
load_pin=()
if command -v taskset >/dev/null 2>&1 && [[ $(nproc) -ge 2 && $SERVER_CPU != "$LOAD_CPU" ]]; then
    server_pin=(taskset -c "$SERVER_CPU")
    load_pin=(taskset -c "$LOAD_CPU")
    say "pinning: server on core $SERVER_CPU, wrk on core $LOAD_CPU"
else
    echo "warning: cannot pin the server and wrk to two different cores (taskset, a second" \
        "core, SERVER_CPU != LOAD_CPU); they share the cores and the numbers mean little" >&2
fi
grep -q "^cpu$SERVER_CPU " /proc/stat || {
    echo "error: /proc/stat has no line for core $SERVER_CPU (SERVER_CPU)" >&2
    exit 1
}

# --- The server ----------------------------------------------------------------------------
say "building the server (cargo build --profile load -p auth-benches --bin load_server)"
cargo build --profile load -q -p auth-benches --bin load_server
target_dir=$(cargo_target_dir)
server_bin="$target_dir/load/load_server"
[[ -x "$server_bin" ]] || { echo "error: no server binary at $server_bin" >&2; exit 1; }

secret=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
NEXTAUTH_SECRET="$secret" PORT=0 "${server_pin[@]}" "$server_bin" >"$work/server.log" 2>&1 &
server_pid=$!
await_address "$work/server.log"
for _ in $(seq 1 50); do
    grep -q '^token forged ' "$work/server.log" && break
    sleep 0.1
done
token() { awk -v kind="$1" '$1 == "token" && $2 == kind { print $3 }' "$work/server.log"; }
admin=$(token admin) user=$(token user) expired=$(token expired) forged=$(token forged)
[[ -n $admin && -n $user && -n $expired && -n $forged ]] || {
    cat "$work/server.log" >&2
    echo "error: the server did not print its four tokens" >&2
    exit 1
}
say "server: pid $server_pid at $base, affinity $(taskset -pc "$server_pid" 2>/dev/null |
    sed 's/.*: //' || echo unknown), admin token ${#admin} characters"

# NextAuth.js's CSRF cookie is `<token>|sha256(<token><secret>)`, the `|` percent-encoded.
csrf_token=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
csrf_hash=$(printf '%s%s' "$csrf_token" "$secret" | sha256sum | cut -d' ' -f1)
csrf_cookie="next-auth.csrf-token=${csrf_token}%7C${csrf_hash}"
callback_cookie="next-auth.callback-url=http%3A%2F%2Flocalhost%3A3000%2F"
with_session() { printf 'Cookie: %s; next-auth.session-token=%s; %s' "$csrf_cookie" "$1" "$callback_cookie"; }
declare -A header=(
    [signed-in]=$(with_session "$admin")
    [user]=$(with_session "$user")
    [no-session]="Cookie: $csrf_cookie; $callback_cookie"
    [garbage]=$(with_session garbage)
    [expired]=$(with_session "$expired")
    [forged]=$(with_session "$forged")
)
say "cookie header: ${#header[signed-in]} bytes signed in, the same on every route"

# --- Each route answers as it should -------------------------------------------------------
check() { # route kind expected-status
    local got
    got=$(curl -s -o "$work/body" -w '%{http_code} %{content_type}' -H "${header[$2]}" "$base${path[$1]}")
    [[ ${got%% *} == "$3" ]] || {
        echo "error: $1: GET ${path[$1]} ($2) answered ${got%% *}, not $3" >&2
        exit 1
    }
    if [[ $3 == 200 && ( $(cat "$work/body") != '{"ok":true}' || ${got#* } != application/json ) ]]; then
        echo "error: $1: GET ${path[$1]} ($2) answered ${got#* } $(cat "$work/body")," \
            'not application/json {"ok":true}' >&2
        exit 1
    fi
}
for route in "${ALL_ROUTES[@]}"; do
    refused=401 forbidden=403
    [[ $route == open || $route == nested ]] && refused=200 forbidden=200
    check "$route" signed-in 200
    check "$route" user "$forbidden"
    for kind in no-session garbage expired forged; do
        check "$route" "$kind" "$refused"
    done
done
say "checked: every route 200 {\"ok\":true} signed in; guarded ones 403 for a user, 401 without a valid session"

# --- Measuring -----------------------------------------------------------------------------
cat >"$work/report.lua" <<'EOF'
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %d %d %d %d %d\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(99),
    e.connect + e.read + e.write + e.timeout, e.status))
end
EOF

clk_tck=$(getconf CLK_TCK)
server_ticks() { # utime + stime of the server, in clock ticks
    local stat
    stat=$(cat "/proc/$server_pid/stat")
    stat=${stat##*) } # past the command name
    awk '{ print $12 + $13 }' <<<"$stat"
}
core_ticks() { # the server core's total (user to steal), idle + iowait and steal ticks
    awk -v core="cpu$SERVER_CPU" '$1 == core {
        print $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9, $5 + $6, $9
    }' /proc/stat
}
status_kb() { awk -v key="$1:" '$1 == key { print $2 }' "/proc/$server_pid/status"; }
reset_peak() { echo 5 >"/proc/$server_pid/clear_refs" 2>/dev/null; }
if ! reset_peak; then
    echo "warning: VmHWM cannot be reset here (/proc/$server_pid/clear_refs): peak RSS is the" \
        "server's peak since it started" >&2
fi

mkdir -p "$target_dir/load"
results="$target_dir/load/results.tsv"
printf '%s\t' phase route session round requests seconds requests_per_s p50_ms p99_ms \
    cpu_us_per_request server_ticks core_ticks other_ticks steal_ticks other_pct steal_pct \
    server_core_pct peak_rss_kb rss_kb socket_errors non_2xx >"$results"
printf 'expected_status\n' >>"$results"

shared_runs=0
# measure PHASE ROUTE KIND ROUND EXPECTED-STATUS [SECONDS]: one wrk run; prints its row and,
# for the phases, appends it to the results.
measure() {
    local phase=$1 route=$2 kind=$3 round=$4 expected=$5 seconds=${6:-$DURATION}
    local before after core_before core_after requests duration_us p50_us p99_us errors non2xx
    reset_peak || true
    before=$(server_ticks)
    core_before=$(core_ticks)
    "${load_pin[@]}" wrk -t1 -c"$CONNECTIONS" -d"${seconds}s" -s "$work/report.lua" \
        -H "${header[$kind]}" "$base${path[$route]}" >"$work/wrk.out" 2>&1 || {
        cat "$work/wrk.out" >&2
        exit 1
    }
    after=$(server_ticks)
    core_after=$(core_ticks)
    read -r requests duration_us p50_us p99_us errors non2xx < <(
        awk '/^RESULT / { print $2, $3, $4, $5, $6, $7 }' "$work/wrk.out")
    [[ -n "${requests:-}" && $requests -gt 0 ]] || { cat "$work/wrk.out" >&2; exit 1; }
    [[ $phase == warmup ]] && return 0
    local row
    row=$(awk -v phase="$phase" -v route="$route" -v kind="$kind" -v round="$round" \
        -v n="$requests" -v d="$duration_us" -v p50="$p50_us" -v p99="$p99_us" \
        -v ticks=$((after - before)) -v hz="$clk_tck" -v before="$core_before" \
        -v after="$core_after" -v hwm="$(status_kb VmHWM)" -v rss="$(status_kb VmRSS)" \
        -v err="$errors" -v non2xx="$non2xx" -v expected="$expected" 'BEGIN {
            split(before, b, " "); split(after, a, " ")
            total = a[1] - b[1]; busy = total - (a[2] - b[2]); steal = a[3] - b[3]
            other = busy - ticks; if (other < 0) other = 0
            if (total <= 0) total = 1
            printf "%s\t%s\t%s\t%d\t%d\t%.3f\t%.0f\t%.3f\t%.3f\t%.3f\t%d\t%d\t%d\t%d\t%.1f\t%.1f\t%.1f\t%d\t%d\t%d\t%d\t%d\n",
                phase, route, kind, round, n, d / 1e6, n / (d / 1e6), p50 / 1000, p99 / 1000,
                ticks * 1e6 / hz / n, ticks, total, other, steal, 100 * other / total,
                100 * steal / total, 100 * ticks / total, hwm, rss, err, non2xx, expected
        }')
    printf '%s\n' "$row" >>"$results"
    local f
    IFS=$'\t' read -r -a f <<<"$row"
    local note=""
    if [[ $expected == 200 && ${f[20]} -gt 0 ]]; then
        note=" (${f[20]} statuses other than 200!)"
    elif [[ $expected != 200 ]]; then
        note=" ($expected x ${f[20]} of ${f[4]})"
        [[ ${f[20]} -eq ${f[4]} ]] || note="$note (expected all $expected!)"
    fi
    [[ ${f[19]} -gt 0 ]] && note="$note (${f[19]} socket errors)"
    printf '%-6s %-15s %-10s %5s %11s %7s %7s %9s %8s %8s %6s %6s%s\n' "$phase" "$route" \
        "$kind" "$round" "${f[6]}" "${f[7]}" "${f[8]}" "${f[9]}" "${f[17]}" "${f[18]}" \
        "${f[16]}" "${f[14]}" "$note"
    if awk -v other="${f[14]}" -v steal="${f[15]}" 'BEGIN { exit !(other > 5 || steal > 2) }'; then
        shared_runs=$((shared_runs + 1))
        printf '\n!!! warning: the server shared its core during %s round %s: %s%% of the core went to other work (steal %s%%)\n\n' \
            "$route ($kind)" "$round" "${f[14]}" "${f[15]}" >&2
    fi
}
heading() {
    printf '\n%-6s %-15s %-10s %5s %11s %7s %7s %9s %8s %8s %6s %6s\n' phase route session round \
        "requests/s" "p50 ms" "p99 ms" "CPU us/req" "peak kB" "RSS kB" "core%" "other%"
}

if [[ $WARMUP -gt 0 ]]; then
    say "warm-up: ${WARMUP} s per route, not recorded"
    for route in "${routes[@]}"; do
        measure warmup "$route" signed-in 0 200 "$WARMUP"
    done
fi

say "phase 1: ${ROUNDS} rounds x ${#routes[@]} routes x ${DURATION} s, ${CONNECTIONS} connections, 1 wrk thread"
say "core% is the server's share of its core, other% what else ran there (steal included)"
heading
for round in $(seq 1 "$ROUNDS"); do
    for route in "${routes[@]}"; do
        measure load "$route" signed-in "$round" 200
    done
done

reject_routes=()
for route in hand attribute; do
    [[ " ${routes[*]} " == *" $route "* ]] && reject_routes+=("$route")
done
if [[ $REJECT_ROUNDS -gt 0 && ${#reject_routes[@]} -gt 0 ]]; then
    echo
    say "phase 2, refused requests: ${REJECT_ROUNDS} round(s) x 4 cases x ${#reject_routes[@]} routes x ${DURATION} s"
    heading
    for round in $(seq 1 "$REJECT_ROUNDS"); do
        for kind in no-session garbage expired forged; do
            for route in "${reject_routes[@]}"; do
                measure reject "$route" "$kind" "$round" 401
            done
        done
    done
fi

# --- Summary -------------------------------------------------------------------------------
echo
awk -F'\t' -v routes="${routes[*]}" '
function sort(list, n,    i, j, t) {
    for (i = 2; i <= n; i++) {
        t = list[i]
        for (j = i - 1; j >= 1 && list[j] > t; j--) list[j + 1] = list[j]
        list[j + 1] = t
    }
}
function median(list, n) {
    sort(list, n)
    return n % 2 ? list[(n + 1) / 2] : (list[n / 2] + list[n / 2 + 1]) / 2
}
# One line of the ratio table: what (cpu_ratio, cpu_diff, rps_ratio, rss_diff) of route a
# against route b in each round, their median, and the target when there is one.
function ratio(label, what, a, b, op, target,    r, n, list, v, m, verdict, fmt) {
    fmt = (what == "rss_diff") ? "%10d" : "%10.3f"
    printf "%-38s", label
    n = 0
    for (r = 1; r <= rounds; r++) {
        if (!(("load", a, r) in cpu) || !(("load", b, r) in cpu)) { printf "%10s", "n/a"; continue }
        if (what == "cpu_ratio") v = cpu["load", a, r] / cpu["load", b, r]
        if (what == "cpu_diff") v = cpu["load", a, r] - cpu["load", b, r]
        if (what == "rps_ratio") v = rps["load", a, r] / rps["load", b, r]
        if (what == "rss_diff") v = hwm["load", a, r] - hwm["load", b, r]
        list[++n] = v
        printf fmt, v
    }
    if (n == 0) { printf "%10s\n", "n/a"; return }
    m = median(list, n)
    printf fmt, m
    if (op == "") { printf "\n"; return }
    if (op == "<=") verdict = (m <= target) ? "met" : "missed"
    if (op == ">=") verdict = (m >= target) ? "met" : "missed"
    if (op == "|<=|") verdict = (m <= target && m >= -target) ? "met" : "missed"
    printf "   %s " ((what == "rss_diff") ? "%d" : "%.2f") ": %s\n", (op == "|<=|" ? "within" : op), \
        target, verdict
}
NR == 1 { next }
{
    key = $1 SUBSEP $2 SUBSEP $4
    rps[key] = $7; p50[key] = $8; p99[key] = $9; cpu[key] = $10; hwm[key] = $18; rss[key] = $19
    core[key] = $17
    if ($1 == "load" && $4 > rounds) rounds = $4
    if ($1 == "reject") {
        n = ++rejects[$3, $2]
        r_rps[$3, $2, n] = $7; r_p50[$3, $2, n] = $8; r_p99[$3, $2, n] = $9
        r_cpu[$3, $2, n] = $10; r_hwm[$3, $2, n] = $18
        r_requests[$3, $2] += $5; r_non2xx[$3, $2] += $21; r_status[$3, $2] = $22
    }
}
END {
    printf "%-38s", "per round, then the median"
    for (r = 1; r <= rounds; r++) printf "%10s", "round " r
    printf "%10s   %s\n", "median", "target"
    ratio("attribute/hand CPU per request", "cpu_ratio", "attribute", "hand", "<=", 0.70)
    ratio("attribute-typed/hand CPU per request", "cpu_ratio", "attribute-typed", "hand")
    ratio("layer/hand CPU per request", "cpu_ratio", "layer", "hand")
    ratio("layer - attribute CPU us per request", "cpu_diff", "layer", "attribute", "<=", 0.2)
    ratio("attribute/open requests/s", "rps_ratio", "attribute", "open", ">=", 0.85)
    ratio("attribute-typed/open requests/s", "rps_ratio", "attribute-typed", "open")
    ratio("layer/open requests/s", "rps_ratio", "layer", "open")
    ratio("hand/open requests/s", "rps_ratio", "hand", "open")
    ratio("attribute - open peak RSS kB", "rss_diff", "attribute", "open", "|<=|", 1024)
    ratio("attribute-typed - open peak RSS kB", "rss_diff", "attribute-typed", "open", "|<=|", 1024)
    ratio("layer - open peak RSS kB", "rss_diff", "layer", "open", "|<=|", 1024)
    ratio("hand - open peak RSS kB", "rss_diff", "hand", "open")
    ratio("layer-typed/hand CPU per request", "cpu_ratio", "layer-typed", "hand")
    ratio("layer-typed - attribute-typed CPU us", "cpu_diff", "layer-typed", "attribute-typed", "<=", 0.2)
    ratio("nested - open CPU us per request", "cpu_diff", "nested", "open")

    printf "\n%-16s %11s %11s %9s %9s %9s %9s %7s\n", "median of rounds", "requests/s", \
        "CPU us/req", "p50 ms", "p99 ms", "peak kB", "RSS kB", "core%"
    split(routes, order, " ")
    for (i = 1; i in order; i++) {
        t = order[i]; n = 0
        for (r = 1; r <= rounds; r++) if (("load", t, r) in cpu) n++
        if (n == 0) continue
        for (f = 1; f <= 7; f++) {
            for (r = 1; r <= n; r++) {
                k = "load" SUBSEP t SUBSEP r
                list[r] = (f == 1) ? rps[k] : (f == 2) ? cpu[k] : (f == 3) ? p50[k] : \
                    (f == 4) ? p99[k] : (f == 5) ? hwm[k] : (f == 6) ? rss[k] : core[k]
            }
            m[f] = median(list, n)
        }
        printf "%-16s %11.0f %11.3f %9.3f %9.3f %9d %9d %7.1f\n", t, m[1], m[2], m[3], m[4], \
            m[5], m[6], m[7]
    }

    header_done = 0
    split("no-session garbage expired forged", cases, " ")
    for (c = 1; c <= 4; c++) for (t = 1; t <= 2; t++) {
        rt = (t == 1) ? "hand" : "attribute"
        n = rejects[cases[c], rt]
        if (n == 0) continue
        if (!header_done) {
            printf "\n%-22s %-22s %11s %11s %9s %9s %9s\n", "refused (median)", "status x count/requests", \
                "requests/s", "CPU us/req", "p50 ms", "p99 ms", "peak kB"
            header_done = 1
        }
        for (f = 1; f <= 5; f++) {
            for (r = 1; r <= n; r++) {
                k = cases[c] SUBSEP rt SUBSEP r
                list[r] = (f == 1) ? r_rps[k] : (f == 2) ? r_cpu[k] : (f == 3) ? r_p50[k] : \
                    (f == 4) ? r_p99[k] : r_hwm[k]
            }
            m[f] = median(list, n)
        }
        k = cases[c] SUBSEP rt
        status = sprintf("%s x %d/%d", r_status[k], r_non2xx[k], r_requests[k])
        printf "%-22s %-22s %11.0f %11.3f %9.3f %9.3f %9d\n", cases[c] " " rt, status, m[1], \
            m[2], m[3], m[4], m[5]
        cpu_of[cases[c], rt] = m[2]
    }
    gap = "\n"
    for (c = 1; c <= 4; c++)
        if ((cases[c], "attribute") in cpu_of && (cases[c], "hand") in cpu_of) {
            printf "%s%s: attribute/hand CPU per request %.3f\n", gap, cases[c], \
                cpu_of[cases[c], "attribute"] / cpu_of[cases[c], "hand"]
            gap = ""
        }
}' "$results"

echo
# Idle time on the server's core: the server waited for requests, so requests/s there measure
# wrk (or whatever slowed it) as much as the server.
awk -F'\t' 'NR > 1 && $1 == "load" && 100 - $17 - $15 > 10 {
    printf "note: the server'"'"'s core was idle %.0f%% of %s round %s: the server waited for wrk there\n", 100 - $17 - $15, $2, $4
}' "$results"
if [[ $shared_runs -gt 0 ]]; then
    echo "!!! warning: in $shared_runs run(s) the server shared its core (see above); their rounds' ratios are suspect" >&2
fi
say "every run's numbers: $results"
say "done; the server is stopped"
