#!/usr/bin/env bash
# The README's Quickstart, as a new user follows it: its Cargo.toml dependencies and
# src/main.rs, copied from README.md into a new crate beside this repository (linked as
# ../auth-guard), built, started, and tried with curl. Fails on any difference from what the
# README says a user sees.
#
#   bash scripts/quickstart.sh
#
# The app listens on 127.0.0.1:3000 as written; when that port is taken, the copy is moved to
# a free one, and that is the only change made to it.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
source scripts/lib.sh

for tool in cargo curl python3; do
    command -v "$tool" >/dev/null 2>&1 || { echo "error: $tool is required" >&2; exit 1; }
done

say "the Quickstart's Cargo.toml and src/main.rs, from README.md"
ln -s "$repo" "$work/auth-guard"
cargo new -q --vcs none --name my-app "$work/my-app"
app="$work/my-app"
python3 - "$repo/README.md" "$app" <<'PY'
import pathlib
import re
import sys

readme, app = pathlib.Path(sys.argv[1]).read_text(), pathlib.Path(sys.argv[2])
section = readme.split("\n## Quickstart\n", 1)[1].split("\n## ", 1)[0]


def block(language):
    found = re.search(r"^```" + language + r"\n(.*?)^```$", section, re.M | re.S)
    if not found:
        sys.exit(f"error: the Quickstart has no ```{language} block")
    return found.group(1)


manifest = app / "Cargo.toml"
generated = manifest.read_text()
if not generated.rstrip().endswith("[dependencies]"):
    sys.exit("error: `cargo new` wrote a Cargo.toml this script does not know")
manifest.write_text(generated.rstrip()[: -len("[dependencies]")] + block("toml"))
(app / "src" / "main.rs").write_text(block("rust"))
PY
# The workspace's lock file, so the new crate builds with the versions tested here.
cp Cargo.lock "$app/Cargo.lock"

port=3000
if (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null; then
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    say "127.0.0.1:3000 is taken; the copy listens on $port instead"
    sed -i "s/127\.0\.0\.1:3000/127.0.0.1:$port/" "$app/src/main.rs"
fi
base="http://127.0.0.1:$port"

say "cargo build (a new crate: the README's code as it stands)"
export CARGO_TARGET_DIR="$repo/target/quickstart"
(cd "$app" && cargo build -q)
binary="$CARGO_TARGET_DIR/debug/my-app"

fail() { echo "error: quickstart: $*" >&2; exit 1; }

say "without NEXTAUTH_SECRET it stops, saying how to make one"
if env -u NEXTAUTH_SECRET -u AUTH_SECRET "$binary" >"$work/out" 2>"$work/err"; then
    fail "it started without a secret"
fi
grep -q "openssl rand" "$work/err" || fail "no advice without a secret: $(cat "$work/err")"
sed 's/^/    /' "$work/err"
if NEXTAUTH_SECRET=short "$binary" >"$work/out" 2>"$work/err"; then
    fail "it started with a 5-byte secret"
fi
grep -q "at least 32 bytes" "$work/err" || fail "no advice for a short secret: $(cat "$work/err")"
sed 's/^/    /' "$work/err"

say "with a secret it serves $base"
: >"$work/log"
NEXTAUTH_SECRET=$(head -c 32 /dev/urandom | base64) "$binary" >"$work/log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do
    grep -q "listening on" "$work/log" && break
    kill -0 "$server_pid" 2>/dev/null || fail "it stopped: $(cat "$work/log")"
    sleep 0.1
done
grep -q "listening on" "$work/log" || fail "it did not start: $(cat "$work/log")"

# expect <what> <expected status> <expected text in headers or body> <curl arguments...>
expect() {
    local what=$1 status=$2 text=$3 reply
    shift 3
    reply=$(curl -s -i "$@" | tr -d '\r')
    [[ $(head -n 1 <<<"$reply") == *" $status "* ]] || fail "$what: expected $status, got: $reply"
    grep -qF -- "$text" <<<"$reply" || fail "$what: expected '$text' in: $reply"
    say "  $what: $status, $text"
}

jar="$work/jar"
expect "/admin, signed out" 307 "location: /signin?callbackUrl=%2Fadmin" "$base/admin"
expect "/api/me, signed out" 401 '{"message":"You must be logged in."}' "$base/api/me"
expect "sign in as Ada" 200 "set-cookie: next-auth.session-token=" -c "$jar" -d name=Ada "$base/signin"
expect "/admin as Ada" 200 "Hello Ada, admin." -b "$jar" "$base/admin"
expect "/api/me as Ada" 200 '{"id":"ada","name":"Ada"}' -b "$jar" "$base/api/me"
expect "sign in as Bob" 200 "Signed in." -c "$jar" -d name=Bob "$base/signin"
expect "/admin as Bob" 403 "You do not have access" -b "$jar" "$base/admin"
expect "sign out" 200 "Max-Age=0" -b "$jar" -c "$jar" -X POST "$base/signout"
expect "/api/me, signed out again" 401 "You must be logged in." -b "$jar" "$base/api/me"
say "the Quickstart builds, signs a user in and guards its routes"
