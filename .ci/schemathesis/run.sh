#!/usr/bin/env bash
# Schemathesis (PyPI, pinned) against `tandem serve --demo`, called by `.ci/run`: every check
# (`--checks all`) over every operation of /api/v1/openapi.json, once without a token and
# once with an organiser token of every region (so the write paths run too), on a fresh
# SQLite database, a free port and the rate limit off. Exits non-zero on any failure.
#
# Environment: TANDEM_BIN (the binary; default: cargo's debug build), TANDEM_CI_SCHEMATHESIS
# (the virtualenv, kept outside the clone), TANDEM_SCHEMATHESIS_EXAMPLES (examples per
# operation and phase, default 100), TANDEM_SCHEMATHESIS_SEED (default 1: the same cases
# every run, so a failure reproduces; set another seed to explore), TANDEM_SCHEMATHESIS_DROPPED
# (a file that lists every failure hooks.py drops, to review them).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
version=4.32.5
venv="${TANDEM_CI_SCHEMATHESIS:-/var/tmp/tandem-ci-schemathesis}"
examples="${TANDEM_SCHEMATHESIS_EXAMPLES:-100}"
seed="${TANDEM_SCHEMATHESIS_SEED:-1}"
bin="${TANDEM_BIN:-${CARGO_TARGET_DIR:-$root/target}/debug/tandem}"

# Installed once, with every dependency pinned (constraints.txt); reinstalled when the pins
# change.
pins="$(cat "$here/constraints.txt" | sha256sum | cut -d' ' -f1)-$version"
if [ "$(cat "$venv/.tandem-pins" 2>/dev/null)" != "$pins" ] ||
    [ "$("$venv/bin/st" --version 2>/dev/null)" != "st, version $version" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check \
        --constraint "$here/constraints.txt" "schemathesis==$version"
    echo "$pins" >"$venv/.tandem-pins"
fi
if [ -z "${TANDEM_BIN:-}" ]; then
    (cd "$root" && cargo build --locked --quiet --bin tandem)
fi

work="$(mktemp -d)"
server=""
cleanup() {
    if [ -n "$server" ]; then
        kill "$server" 2>/dev/null || true
        wait "$server" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

export TANDEM__DATABASE__URL="sqlite://$work/tandem.db"
export TANDEM__RATE_LIMIT__REQUESTS_PER_SECOND=0
# A calendar URL the fuzzer invents is unreachable here: give up on it quickly.
export TANDEM__IMPORT__CONNECT_TIMEOUT_SECONDS=2
export TANDEM__IMPORT__TIMEOUT_SECONDS=3
export TANDEM__LOG__FILTER=warn

"$bin" migrate >/dev/null
token="$("$bin" token create --role organiser --label schemathesis \
    --region AFR --region AMS --region ARB --region ASP --region CIS --region EUR 2>/dev/null)"

"$bin" serve --demo --bind 127.0.0.1:0 >"$work/stdout" 2>"$work/stderr" &
server=$!
url=""
for _ in $(seq 1 600); do
    url="$(sed -n 's/^tandem listening on //p' "$work/stdout")"
    [ -n "$url" ] && break
    if ! kill -0 "$server" 2>/dev/null; then
        cat "$work/stderr" >&2
        echo "tandem serve --demo exited before listening" >&2
        exit 1
    fi
    sleep 0.1
done
if [ -z "$url" ]; then
    echo "tandem serve --demo did not start listening" >&2
    exit 1
fi
echo "tandem serve --demo on $url"

# One worker: with two, CPython 3.11's ast.parse (which hypothesis calls to describe its
# lambdas) fails now and then with "AST constructor recursion depth mismatch" when two
# threads parse at once, an error of the tool, not of the API.
status=0
run() {
    local name="$1"
    shift
    echo "-- schemathesis $version, $name: --checks all, $examples examples, seed $seed"
    local started=$SECONDS
    (
        cd "$work"
        PYTHONPATH="$here" SCHEMATHESIS_HOOKS=hooks "$venv/bin/st" \
            --config-file "$here/schemathesis.toml" run "$url/api/v1/openapi.json" \
            --url "$url" --checks all --max-examples "$examples" --seed "$seed" \
            --workers 1 --generation-database none --no-color "$@"
    ) || status=1
    echo "-- $name: $((SECONDS - started)) s"
}
run "anonymous"
run "organiser token" --header "Authorization: Bearer $token"
exit "$status"
