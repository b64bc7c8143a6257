#!/usr/bin/env bash
# Load test of the demo: an open page against the guarded API, over real HTTP on 127.0.0.1.
#
#   bash scripts/load.sh
#
# Builds the demo (release), starts it on a free port of 127.0.0.1, signs in as the admin
# (POST /auth/signin, account=admin) for a session cookie, then runs wrk against three targets,
# alternating, ROUNDS times DURATION seconds each (default 3 x 10 s x 3 targets, about two
# minutes with the build cached):
#
#   open      GET /                  no session cookie (the demo's public home page)
#   guarded   GET /api/admin/stats   the admin's session cookie: 200
#   rejected  GET /api/admin/stats   no session cookie: 401
#
# Every request carries `Cookie: theme=dark; [next-auth.session-token=...;] lang=en-GB`, three
# cookies with the session, two without. The server runs on one core and wrk on another
# (taskset), when there are two. Prints, per target: requests/s, p50/p99 latency, the server's
# CPU time per request (utime + stime from /proc/<pid>/stat), its peak RSS (VmHWM, reset
# before each run where the kernel allows) and the guarded/open ratios.
#
# Environment: DURATION (s, default 10), ROUNDS (default 3), CONNECTIONS (default 32),
# SERVER_CPU (default 0), LOAD_CPU (default 1). Only 127.0.0.1 is ever targeted.
set -euo pipefail

DURATION=${DURATION:-10}
ROUNDS=${ROUNDS:-3}
CONNECTIONS=${CONNECTIONS:-32}
SERVER_CPU=${SERVER_CPU:-0}
LOAD_CPU=${LOAD_CPU:-1}

cd "$(dirname "$0")/.."
source scripts/lib.sh

# --- The load generator --------------------------------------------------------------------
need_wrk

# --- Cores ---------------------------------------------------------------------------------
server_pin=()
load_pin=()
if command -v taskset >/dev/null 2>&1 && [[ $(nproc) -ge 2 ]]; then
    server_pin=(taskset -c "$SERVER_CPU")
    load_pin=(taskset -c "$LOAD_CPU")
    say "pinning: server on core $SERVER_CPU, wrk on core $LOAD_CPU (of $(nproc))"
else
    say "pinning: not possible here (taskset or a second core missing); server and wrk share the cores"
fi

# --- The server ----------------------------------------------------------------------------
start_demo "${server_pin[@]}"

session=$(sign_in_admin)
[[ -n "$session" ]] || { echo "error: signing in as the admin gave no session cookie" >&2; exit 1; }
say "signed in as the admin: a ${#session}-character session token"

signed_in="Cookie: theme=dark; next-auth.session-token=$session; lang=en-GB"
signed_out="Cookie: theme=dark; lang=en-GB"
check() { # name path header expected
    local got
    got=$(curl -s -o "$work/body" -w '%{http_code} %{size_download}' -H "$3" "$base$2")
    [[ ${got%% *} == "$4" ]] || { echo "error: $1: GET $2 answered ${got%% *}, not $4" >&2; exit 1; }
    say "$1: GET $2 -> ${got%% *}, ${got##* } bytes of body"
}
check open / "$signed_out" 200
check guarded /api/admin/stats "$signed_in" 200
check rejected /api/admin/stats "$signed_out" 401

# --- Load ----------------------------------------------------------------------------------
cat >"$work/report.lua" <<'EOF'
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %d %d %d %d %d\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(99),
    e.connect + e.read + e.write + e.timeout, e.status))
end
EOF

clk_tck=$(getconf CLK_TCK)
cpu_ticks() { # utime + stime of the server, in clock ticks
    local stat
    stat=$(cat "/proc/$server_pid/stat")
    stat=${stat##*) } # past the command name
    awk '{ print $12 + $13 }' <<<"$stat"
}
peak_rss_kb() { awk '/^VmHWM:/ { print $2 }' "/proc/$server_pid/status"; }

declare -A path header
path[open]=/; header[open]=$signed_out
path[guarded]=/api/admin/stats; header[guarded]=$signed_in
path[rejected]=/api/admin/stats; header[rejected]=$signed_out
targets=(open guarded rejected)

say "load: ${ROUNDS} rounds x ${#targets[@]} targets x ${DURATION} s, ${CONNECTIONS} connections, 1 wrk thread"
printf '\n%-9s %5s %11s %9s %9s %12s %10s %7s\n' target round "requests/s" "p50 ms" "p99 ms" "CPU us/req" "peak RSS" errors
: >"$work/results"
for round in $(seq 1 "$ROUNDS"); do
    for target in "${targets[@]}"; do
        echo 5 >"/proc/$server_pid/clear_refs" 2>/dev/null || true
        before=$(cpu_ticks)
        "${load_pin[@]}" wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$work/report.lua" \
            -H "${header[$target]}" "$base${path[$target]}" >"$work/wrk.out" 2>&1
        after=$(cpu_ticks)
        rss=$(peak_rss_kb)
        read -r requests duration_us p50_us p99_us errors status_errors < <(
            awk '/^RESULT / { print $2, $3, $4, $5, $6, $7 }' "$work/wrk.out")
        [[ -n "${requests:-}" ]] || { cat "$work/wrk.out" >&2; exit 1; }
        line=$(awk -v t="$target" -v r="$round" -v n="$requests" -v d="$duration_us" \
            -v p50="$p50_us" -v p99="$p99_us" -v ticks=$((after - before)) -v hz="$clk_tck" \
            -v rss="$rss" -v err="$errors" -v st="$status_errors" 'BEGIN {
                rps = n / (d / 1e6); cpu = ticks * 1e6 / hz / n
                printf "%s %d %.0f %.3f %.3f %.2f %d %d %d\n", t, r, rps, p50 / 1000, p99 / 1000, cpu, rss, err, st
            }')
        echo "$line" >>"$work/results"
        read -r _ _ rps p50 p99 cpu rss err st <<<"$line"
        note=""
        [[ $target == rejected ]] && note=" ($st x 401, expected)"
        [[ $target != rejected && $st -gt 0 ]] && note=" ($st unexpected statuses)"
        printf '%-9s %5d %11s %9s %9s %12s %7s kB %7s%s\n' "$target" "$round" "$rps" "$p50" "$p99" "$cpu" "$rss" "$err" "$note"
    done
done

# --- Summary -------------------------------------------------------------------------------
echo
awk '{
    n[$1]++; rps[$1] += $3; p50[$1] += $4; p99[$1] += $5; cpu[$1] += $6
    if ($7 > rss[$1]) rss[$1] = $7
} END {
    printf "%-9s %11s %9s %9s %12s %10s\n", "mean of", "requests/s", "p50 ms", "p99 ms", "CPU us/req", "peak RSS"
    split("open guarded rejected", order, " ")
    for (i = 1; i <= 3; i++) {
        t = order[i]; k = n[t]
        printf "%-9s %11.0f %9.3f %9.3f %12.2f %7d kB\n", t, rps[t] / k, p50[t] / k, p99[t] / k, cpu[t] / k, rss[t]
    }
    printf "\nguarded / open requests/s:  %.3f (target >= 0.85)\n", (rps["guarded"] / n["guarded"]) / (rps["open"] / n["open"])
    printf "guarded / open CPU per request: %.3f\n", (cpu["guarded"] / n["guarded"]) / (cpu["open"] / n["open"])
    printf "rejected / open requests/s: %.3f\n", (rps["rejected"] / n["rejected"]) / (rps["open"] / n["open"])
}' "$work/results"
echo
say "done; the demo is stopped"
