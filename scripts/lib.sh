# Shared by the load and soak scripts: sourced, not run. Needs `cd` to the repository first.
# Sourcing it makes a scratch folder, $work, and stops the demo and removes $work on exit.
#
#   say "message"          prints "==> message"
#   need_wrk               finds wrk, or installs Debian's package when root
#   cargo_target_dir       prints the workspace's target directory
#   await_address LOG      waits for the server $server_pid to print its 127.0.0.1 address
#                          in the file LOG: sets $base (exits when the server dies first)
#   start_demo             builds the demo (release) and starts it on a free port of 127.0.0.1
#                          with the secret $DEMO_SECRET (random when unset): sets
#                          $server_pid and $base; stop_demo stops it (call it on EXIT)
#   sign_in_admin          prints the admin's session token, signed in through the demo's form
#
# stop_demo stops whatever server $server_pid names, so a script that starts its own server
# and sets $server_pid has it stopped on exit too.
#
# Only 127.0.0.1 is ever targeted.

say() { printf '==> %s\n' "$*"; }

need_wrk() {
    if command -v wrk >/dev/null 2>&1; then
        say "load generator: wrk found at $(command -v wrk)"
    elif command -v apt-get >/dev/null 2>&1 && [[ $(id -u) -eq 0 ]]; then
        say "load generator: wrk not found; installing Debian's package (apt-get install -y wrk)"
        if ! apt-get install -y -qq wrk >/dev/null 2>&1; then
            apt-get update -qq >/dev/null
            apt-get install -y -qq wrk >/dev/null
        fi
        say "load generator: wrk installed at $(command -v wrk)"
    else
        echo "error: wrk is not installed and cannot be installed here; install it (Debian: apt-get install wrk)" >&2
        exit 1
    fi
    for tool in curl awk; do
        command -v "$tool" >/dev/null 2>&1 || { echo "error: $tool is required" >&2; exit 1; }
    done
}

server_pid=""
base=""

cargo_target_dir() {
    cargo metadata --format-version 1 --no-deps |
        sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p'
}

# await_address LOG: up to 10 s.
await_address() {
    local log=$1
    for _ in $(seq 1 100); do
        base=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$log" | head -n 1 || true)
        [[ -n "$base" ]] && return 0
        kill -0 "$server_pid" 2>/dev/null || { cat "$log" >&2; exit 1; }
        sleep 0.1
    done
    echo "error: the server did not print its address" >&2
    exit 1
}

# start_demo [command prefix...]: the prefix (such as `taskset -c 0`) runs the server.
start_demo() {
    say "building the demo (cargo build --release -p auth-examples --bin demo)"
    cargo build --release -q -p auth-examples --bin demo
    local demo log
    demo="$(cargo_target_dir)/release/demo"
    [[ -x "$demo" ]] || { echo "error: no demo binary at $demo" >&2; exit 1; }
    DEMO_SECRET=${DEMO_SECRET:-$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')}
    log=$(mktemp)
    NEXTAUTH_SECRET="$DEMO_SECRET" PORT=0 RUST_LOG=off "$@" "$demo" >"$log" 2>&1 &
    server_pid=$!
    await_address "$log"
    say "demo: pid $server_pid at $base"
}

stop_demo() {
    if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
}

sign_in_admin() {
    curl -s -D - -o /dev/null -d account=admin -d callbackUrl=/ "$base/auth/signin" |
        tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: next-auth\.session-token=\([^;]*\).*/\1/p' | head -n 1
}

work=$(mktemp -d)
cleanup() {
    stop_demo
    rm -rf "$work"
}
trap cleanup EXIT
