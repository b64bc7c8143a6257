#!/usr/bin/env bash
# Soak test of the demo: DURATION seconds (default 60) of mixed requests over real HTTP on
# 127.0.0.1, against the demo built in release:
#
#   bash scripts/soak.sh
#
# Nine kinds of request run at once, one wrk each (CONNECTIONS connections per kind, default
# 2), every response's status tallied by kind:
#
#   valid        GET  /api/me            the admin's session cookie, among two others   200
#   admin        GET  /api/admin/stats   the same                                        200
#   chunked      GET  /api/me            an 8 KB session in three chunked cookies        200
#   bearer       GET  /api/me            Authorization: Bearer <session>                 200
#   expired      GET  /api/me            an expired session                              401
#   forged       GET  /api/me            a session signed with another secret            401
#   garbage      GET  /api/me            next-auth.session-token=garbage                 401
#   signed_out   GET  /api/me            no session                                      401
#   cross_site   POST /auth/signout      the session, from another site (form CSRF)      403
#
# The run fails when any response has another status (a 5xx above all), when wrk reports a
# socket error, or when the server's resident memory grows by more than RSS_GROWTH_KB (default
# 2048) between the first sample after the warm-up (WARMUP seconds, default 10) and the last.
# It prints the counts and the RSS samples (every 5 s). Needs wrk (installed from Debian's
# packages when missing and run as root), curl, awk and python3.
set -euo pipefail

DURATION=${DURATION:-60}
CONNECTIONS=${CONNECTIONS:-2}
WARMUP=${WARMUP:-10}
RSS_GROWTH_KB=${RSS_GROWTH_KB:-2048}

cd "$(dirname "$0")/.."
source scripts/lib.sh

need_wrk
command -v python3 >/dev/null 2>&1 || { echo "error: python3 is required to mint tokens" >&2; exit 1; }
start_demo
session=$(sign_in_admin)
[[ -n "$session" ]] || { echo "error: signing in as the admin gave no session cookie" >&2; exit 1; }
say "signed in as the admin: a ${#session}-character session token"

# HS256 tokens the demo did not issue itself: signed with its secret (expired, chunked) or
# another one (forged).
mint() { # secret exp_offset_seconds padding_bytes
    python3 - "$@" <<'PY'
import base64, hashlib, hmac, json, sys, time
secret, offset, padding = sys.argv[1].encode(), int(sys.argv[2]), int(sys.argv[3])
b64 = lambda raw: base64.urlsafe_b64encode(raw).rstrip(b"=").decode()
now = int(time.time())
claims = {"sub": "2", "name": "Demo Admin", "role": "admin", "iat": now, "exp": now + offset,
          "padding": "x" * padding}
message = b64(b'{"alg":"HS256","typ":"JWT"}') + "." + b64(json.dumps(claims).encode())
signature = hmac.new(secret, message.encode(), hashlib.sha256).digest()
print(message + "." + b64(signature))
PY
}
expired=$(mint "$DEMO_SECRET" -3600 0)
forged=$(mint "another secret of the same length, not the demo's" 3600 0)
large=$(mint "$DEMO_SECRET" 3600 8000)
chunk=3933
chunks="next-auth.session-token.0=${large:0:chunk}; next-auth.session-token.1=${large:chunk:chunk}; next-auth.session-token.2=${large:2*chunk}"

cookie() { printf 'theme=dark; %s; lang=en-GB' "$1"; }
declare -A method path header expect
add() { # kind method path header expected-status
    method[$1]=$2; path[$1]=$3; header[$1]=$4; expect[$1]=$5
}
add valid GET /api/me "Cookie: $(cookie "next-auth.session-token=$session")" 200
add admin GET /api/admin/stats "Cookie: $(cookie "next-auth.session-token=$session")" 200
add chunked GET /api/me "Cookie: $(cookie "$chunks")" 200
add bearer GET /api/me "Authorization: Bearer $session" 200
add expired GET /api/me "Cookie: $(cookie "next-auth.session-token=$expired")" 401
add forged GET /api/me "Cookie: $(cookie "next-auth.session-token=$forged")" 401
add garbage GET /api/me "Cookie: $(cookie "next-auth.session-token=garbage")" 401
add signed_out GET /api/me "Cookie: theme=dark; lang=en-GB" 401
add cross_site POST /auth/signout "Cookie: $(cookie "next-auth.session-token=$session")" 403
kinds=(valid admin chunked bearer expired forged garbage signed_out cross_site)

for kind in "${kinds[@]}"; do
    got=$(curl -s -o /dev/null -w '%{http_code}' -X "${method[$kind]}" -H "${header[$kind]}" \
        -H "Sec-Fetch-Site: $([[ $kind == cross_site ]] && echo cross-site || echo same-origin)" \
        "$base${path[$kind]}")
    [[ $got == "${expect[$kind]}" ]] || {
        echo "error: $kind: ${method[$kind]} ${path[$kind]} answered $got, not ${expect[$kind]}" >&2
        exit 1
    }
done
say "each kind answers as expected once; soaking for ${DURATION} s"

# Tallies every status a wrk thread sees; `done` prints them with the socket errors.
cat >"$work/tally.lua" <<'LUA'
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init() statuses = {} end
function response(status) statuses[status] = (statuses[status] or 0) + 1 end
function done(summary)
  local e = summary.errors
  io.write(string.format("ERRORS %d\n", e.connect + e.read + e.write + e.timeout))
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      io.write(string.format("STATUS %d %d\n", status, count))
    end
  end
end
LUA

# wrk takes the method from its script: the POST kind gets a copy that sets it.
{ echo 'wrk.method = "POST"'; cat "$work/tally.lua"; } >"$work/post.lua"
loads=()
for kind in "${kinds[@]}"; do
    site=same-origin script="$work/tally.lua"
    if [[ $kind == cross_site ]]; then
        site=cross-site
    fi
    if [[ ${method[$kind]} == POST ]]; then
        script="$work/post.lua"
    fi
    wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" -s "$script" -H "${header[$kind]}" \
        -H "Sec-Fetch-Site: $site" "$base${path[$kind]}" >"$work/$kind.out" 2>&1 &
    loads+=($!)
done

rss() { awk '/^VmRSS:/ { print $2 }' "/proc/$server_pid/status"; }
samples=()
for elapsed in $(seq 0 5 "$DURATION"); do
    samples+=("$elapsed:$(rss)")
    if [[ $elapsed -lt $DURATION ]]; then
        sleep 5
    fi
done
wait "${loads[@]}"

# --- Report --------------------------------------------------------------------------------
failed=0
printf '\n%-11s %9s %10s %s\n' kind expected requests statuses
for kind in "${kinds[@]}"; do
    out="$work/$kind.out"
    errors=$(awk '/^ERRORS / { print $2 }' "$out")
    statuses=$(awk '/^STATUS / { printf "%s%s x %s", sep, $3, $2; sep = ", " }' "$out")
    total=$(awk '/^STATUS / { n += $3 } END { print n + 0 }' "$out")
    unexpected=$(awk -v want="${expect[$kind]}" '/^STATUS / && $2 != want { n += $3 } END { print n + 0 }' "$out")
    note=""
    [[ -z "$errors" ]] && { note=" (wrk printed no summary)"; cat "$out" >&2; failed=1; }
    [[ ${errors:-0} -gt 0 ]] && { note="$note ($errors socket errors)"; failed=1; }
    [[ $unexpected -gt 0 ]] && { note="$note ($unexpected unexpected)"; failed=1; }
    [[ $total -eq 0 ]] && { note="$note (no responses)"; failed=1; }
    printf '%-11s %9s %10s %s%s\n' "$kind" "${expect[$kind]}" "$total" "$statuses" "$note"
done
fives=$(cat "$work"/*.out | awk '/^STATUS 5/ { n += $3 } END { print n + 0 }')
echo
echo "5xx responses: $fives"
echo "RSS samples (s:kB): ${samples[*]}"
after_warmup=""
for sample in "${samples[@]}"; do
    if [[ ${sample%%:*} -ge $WARMUP ]]; then
        after_warmup=${sample##*:}
        break
    fi
done
last=${samples[-1]##*:}
growth=$(( last - ${after_warmup:-$last} ))
echo "RSS growth after the ${WARMUP} s warm-up: ${growth} kB (limit ${RSS_GROWTH_KB} kB)"
[[ $fives -eq 0 ]] || failed=1
[[ $growth -le $RSS_GROWTH_KB ]] || failed=1
if [[ $failed -ne 0 ]]; then
    echo "soak FAILED" >&2
    exit 1
fi
say "soak passed; the demo is stopped"
