#!/usr/bin/env bash
# Benchmark (not a test): peak memory of `grpcb run` on a large suite (10^5 cases by default)
# against a static nginx receiver on loopback, in each output mode: `-q`, `--format json`,
# `--junit FILE`, and `--format json --jobs 8`. Peak RSS comes from `/usr/bin/time -v`
# ("Maximum resident set size"). Prints each command with its figures; BENCHMARKS.md records
# them.
#
#   scripts/bench-suite-memory.sh               # CASES=100000
#   CASES=10000 scripts/bench-suite-memory.sh   # a quicker look
#   GRPCB=path/to/grpcb scripts/bench-suite-memory.sh   # measure another build
set -euo pipefail
cd "$(dirname "$0")/.."

CASES=${CASES:-100000}
ANSWER='{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":""}'

# shellcheck source=scripts/static-nginx.sh
source scripts/static-nginx.sh
install_missing nginx curl time

work=$(mktemp -d)
cleanup() {
  stop_static_nginx "$work"
  rm -rf "$work"
}
trap cleanup EXIT
start_static_nginx "$work" "$ANSWER"

if [[ -z ${GRPCB:-} ]]; then
  echo "== building grpcb (release)" >&2
  cargo build --release --locked --quiet
  GRPCB=$PWD/target/release/grpcb
fi

# The suite cycles through three kinds of case: typed payload keys, `set`, and a fixture file
# shared by every third case (fixtures resolve relative to the suite).
cp fixtures/callbacks/before-invite.json "$work/before-invite.json"
suite="$work/suite.toml"
awk -v cases="$CASES" -v url="$url" 'BEGIN {
  printf "url = \"%s\"\nheaders = [\"X-Suite: memory\"]\n", url
  for (i = 0; i < cases; i++) {
    k = i % 3
    printf "\n[[case]]\nname = \"case %d\"\n", i
    if (k == 0) printf "callback = \"before-create\"\ngroup_name = \"group %d\"\nmember = [\"alice\", \"bob\"]\nexpect = { decision = \"allow\", code = 0 }\n", i
    if (k == 1) printf "callback = \"after-create\"\nset = { GroupId = \"@TGS#%d\" }\nexpect = { decision = \"ignored\" }\n", i
    if (k == 2) printf "callback = \"before-invite\"\nfixture = \"before-invite.json\"\nmember = [\"jared\"]\nexpect = { decision = \"allow\", refused = [] }\n", i
  }
}' >"$suite"

echo "== $CASES cases ($(du -h "$suite" | cut -f1) of TOML) against nginx at $url; $(nproc) cores; $("$GRPCB" --version)"
printf '\n%-64s %12s %9s %5s\n' "command" "peak RSS" "seconds" "exit"
measure() {
  local label=$1 out=$2
  shift 2
  /usr/bin/time -v -o "$work/time.txt" "$@" >"$out" 2>"$work/stderr.txt" && code=0 || code=$?
  # time -v prints the command's own exit status; ours is the run's.
  local kb wall
  kb=$(awk -F: '/Maximum resident set size/ { gsub(/ /, "", $2); print $2 }' "$work/time.txt")
  wall=$(awk '/Elapsed \(wall clock\)/ { print $NF }' "$work/time.txt")
  printf '%-64s %9.1f MB %9s %5s\n' "$label" "$(awk -v kb="$kb" 'BEGIN { print kb / 1024 }')" "$wall" "$code"
  if ((code != 0)); then
    echo "   unexpected exit $code; stderr:" >&2
    head -5 "$work/stderr.txt" >&2
  fi
}
measure "grpcb run suite.toml -q" /dev/null "$GRPCB" run "$suite" -q
measure "grpcb run suite.toml --format json > out.json" "$work/out.json" "$GRPCB" run "$suite" --format json
measure "grpcb run suite.toml -q --junit report.xml" /dev/null "$GRPCB" run "$suite" -q --junit "$work/report.xml"
measure "grpcb run suite.toml --format json --jobs 8 > out.json" "$work/out.json" "$GRPCB" run "$suite" --format json --jobs 8
echo
echo "out.json: $(du -h "$work/out.json" | cut -f1), report.xml: $(du -h "$work/report.xml" | cut -f1)"
