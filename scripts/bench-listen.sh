#!/usr/bin/env bash
# Benchmark (not a test): the latency `grpcb listen` adds in front of a receiver, and its
# throughput, on loopback. For each round, the same load goes to the receiver directly and
# through listen:
#   (a) open loop, `grpcb bench --rate 100` for DURATION seconds: p50 and p99, and what listen
#       adds to them (through minus direct);
#   (b) closed loop at -c 32 for DURATION seconds: requests per second.
# The receiver is a static nginx answer (RECEIVER=nginx, the default; installed from Debian
# when missing) or `grpcb serve` (RECEIVER=serve). listen logs every callback as it does for a
# person (its lines go to /dev/null). Medians of ROUNDS rounds are printed; BENCHMARKS.md
# records them.
#
# On a machine shared with other work, the latency runs' tails measure the neighbours: with
# PRIORITY=rt (the default, when `chrt` may set it) the receiver, listen and bench run
# SCHED_FIFO during the open-loop runs only (100 requests/s: little CPU); the throughput runs,
# which take every core, run at normal priority. PRIORITY=normal runs everything as is.
#
#   scripts/bench-listen.sh                      # nginx, 10 s per run, 3 rounds
#   RECEIVER=serve DURATION=5 scripts/bench-listen.sh
set -euo pipefail
cd "$(dirname "$0")/.."

RECEIVER=${RECEIVER:-nginx}
PRIORITY=${PRIORITY:-rt}
DURATION=${DURATION:-10}
ROUNDS=${ROUNDS:-3}
RATE=${RATE:-100}
CONNECTIONS=${CONNECTIONS:-32}
CALLBACK=before-create
ANSWER='{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":""}'

say() { printf '%s\n' "$*" >&2; }
show() { printf '  $'; printf ' %q' "$@"; printf '\n'; } >&2

# shellcheck source=scripts/static-nginx.sh
source scripts/static-nginx.sh
install_missing curl jq
[[ $RECEIVER == nginx ]] && install_missing nginx

say "== building grpcb (release)"
cargo build --release --locked --quiet
GRPCB=$PWD/target/release/grpcb

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  [[ $RECEIVER == nginx ]] && stop_static_nginx "$work"
  rm -rf "$work"
}
trap cleanup EXIT

# Starts `grpcb ARGS... --addr 127.0.0.1:0` in the background and reads its URL from the first
# stdout line; the rest of stdout goes to /dev/null.
start_grpcb() {
  local out=$work/$1.out
  "$GRPCB" "$@" --addr 127.0.0.1:0 >"$out" 2>>"$work/$1.err" &
  pids+=($!)
  for _ in $(seq 100); do
    started=$(grep -o 'http://[0-9.:]*/' "$out" | head -1 || true)
    [[ -n $started ]] && return 0
    sleep 0.1
  done
  say "grpcb $1 did not start:"; cat "$work/$1.err" >&2
  return 1
}

case $RECEIVER in
  nginx) start_static_nginx "$work" "$ANSWER" ;;
  serve) start_grpcb serve && url="${started}im" ;;
  *) say "RECEIVER is nginx or serve"; exit 2 ;;
esac
say "== receiver ($RECEIVER): $url"
start_grpcb listen --forward-to "$url"
relay="${started}im"
say "== grpcb listen: $relay"
show "$GRPCB" listen --forward-to "$url" --addr 127.0.0.1:0

# The receiver's and listen's processes.
servers() {
  printf '%s\n' "${pids[@]}"
  if [[ $RECEIVER == nginx && -s $work/nginx.pid ]]; then
    cat "$work/nginx.pid"
    pgrep -P "$(cat "$work/nginx.pid")" || true
  fi
}

# Every thread of the servers at real-time priority (`rt`) or back to normal.
set_priority() {
  [[ $PRIORITY == rt ]] || return 0
  local pid
  for pid in $(servers); do
    if [[ $1 == rt ]]; then chrt -a -f -p 10 "$pid"; else chrt -a -o -p 0 "$pid"; fi
  done
}
if [[ $PRIORITY == rt ]] && ! chrt -f 10 true 2>/dev/null; then
  say "== chrt cannot set SCHED_FIFO here: PRIORITY=normal"
  PRIORITY=normal
fi

# One bench run; prints its JSON report. `rt` first: at real-time priority.
bench() {
  local prefix=()
  if [[ $1 == rt ]]; then
    [[ $PRIORITY == rt ]] && prefix=(chrt -f 10)
    shift
  fi
  local target=$1; shift
  "${prefix[@]}" "$GRPCB" bench "$CALLBACK" --url "$target" --format json "$@"
}

median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

say "== (a) --rate $RATE for ${DURATION}s, (b) -c $CONNECTIONS for ${DURATION}s; $ROUNDS rounds, direct then through listen"
show "$GRPCB" bench "$CALLBACK" --url URL --rate "$RATE" -c 8 --duration "${DURATION}s" --format json
show "$GRPCB" bench "$CALLBACK" --url URL -c "$CONNECTIONS" --duration "${DURATION}s" --format json
: >"$work/open" >"$work/closed"
for round in $(seq "$ROUNDS"); do
  for target in direct relay; do
    [[ $target == direct ]] && at=$url || at=$relay
    set_priority rt
    bench rt "$at" --rate "$RATE" -c 8 --duration "${DURATION}s" |
      jq -r --arg t "$target" '"\($t) \(.latency_ms.p50) \(.latency_ms.p99) \(.requests.sent) \(.requests.failed + .requests.errored)"' >>"$work/open"
    set_priority normal
    bench "$at" -c "$CONNECTIONS" --duration "${DURATION}s" |
      jq -r --arg t "$target" '"\($t) \(.rate) \(.latency_ms.p99) \(.requests.failed + .requests.errored)"' >>"$work/closed"
  done
  say "   round $round done"
done

pick() { awk -v t="$1" -v c="$2" '$1 == t { print $c }' "$3" | median; }
d50=$(pick direct 2 "$work/open"); r50=$(pick relay 2 "$work/open")
d99=$(pick direct 3 "$work/open"); r99=$(pick relay 3 "$work/open")
drate=$(pick direct 2 "$work/closed"); rrate=$(pick relay 2 "$work/closed")
dc99=$(pick direct 3 "$work/closed"); rc99=$(pick relay 3 "$work/closed")
bad=$(awk '{ s += $NF } END { print s + 0 }' "$work/open" "$work/closed")

echo
echo "receiver: $RECEIVER; $ROUNDS rounds of ${DURATION}s each; medians; latency runs at priority $PRIORITY"
printf '%-34s %12s %12s %12s\n' "" direct "via listen" added
calc() { awk "BEGIN { print $1 }"; }
printf '%-34s %9.3f ms %9.3f ms %9.3f ms\n' "--rate $RATE: p50" "$d50" "$r50" "$(calc "$r50 - $d50")"
printf '%-34s %9.3f ms %9.3f ms %9.3f ms\n' "--rate $RATE: p99" "$d99" "$r99" "$(calc "$r99 - $d99")"
printf '%-34s %8.0f r/s %8.0f r/s %11.0f%%\n' "-c $CONNECTIONS: throughput" "$drate" "$rrate" "$(calc "($rrate / $drate - 1) * 100")"
printf '%-34s %9.3f ms %9.3f ms\n' "-c $CONNECTIONS: p99" "$dc99" "$rc99"
echo "requests failed or errored in all runs: $bad"
echo
echo "every run (open: target p50 p99 sent bad; closed: target rate p99 bad):"
sed 's/^/  open   /' "$work/open"
sed 's/^/  closed /' "$work/closed"
