#!/usr/bin/env bash
# Benchmark (not a test, never in CI): grpcb side by side with hurl, oha, wrk and curl against
# one loopback nginx answering a static allow, in one run, printing every command it times,
# the figures, the ratios and the load average (the machine is shared: read ratios, not
# absolute times).
#
#   (1) `grpcb run` of a 1,000-case suite vs `hurl --test` of the same 1,000 requests with
#       equivalent asserts, --jobs 1 and --jobs 8 (hyperfine, median);
#   (2) `grpcb bench` (static body, and templated IDs) vs oha and wrk at c=32: requests/s and
#       each generator's own CPU time per request (/usr/bin/time), median of ROUNDS;
#   (3) `grpcb send` one-shot vs curl: wall time (hyperfine) and peak RSS (/usr/bin/time -v).
#
# It installs what the machine lacks (Debian: nginx wrk hyperfine jq curl time; crates.io:
# hurl 8.0.1 and oha, built with `nice` into their own CARGO_TARGET_DIR; hurl needs
# libclang-dev libcurl4-openssl-dev libxml2-dev pkg-config). Each measurement lasts seconds;
# the whole script a few minutes once the tools are there.
#
#   scripts/bench-compare.sh                       # everything
#   PARTS="run send" scripts/bench-compare.sh      # some parts: run, bench, send
#   GRPCB=/tmp/grpcb-before scripts/bench-compare.sh   # another build of grpcb
#
# Environment: CASES (1000), JOBS (8), ROUNDS (3; medians), DURATION (load seconds, 4),
# CONNECTIONS (32), RUNS (hyperfine runs of the suites, 5), SEND_RUNS (hyperfine runs of one
# request, 100), TOOLS_TARGET (where cargo builds hurl and oha, /tmp/grpcb-tools-target).
set -euo pipefail
cd "$(dirname "$0")/.."

PARTS=${PARTS:-run bench send}
CASES=${CASES:-1000}
JOBS=${JOBS:-8}
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-4}
CONNECTIONS=${CONNECTIONS:-32}
RUNS=${RUNS:-5}
SEND_RUNS=${SEND_RUNS:-100}
TOOLS_TARGET=${TOOLS_TARGET:-/tmp/grpcb-tools-target}
ANSWER='{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":""}'
CALLBACK=before-send
# A throwaway token: every grpcb request is signed (nginx ignores it); never on argv.
export GRPCB_TOKEN="bench-token-$$"

say() { printf '%s\n' "$*" >&2; }
# A command as one line a shell can run again.
show() { printf '  $'; printf ' %q' "$@"; printf '\n'; }
have() { command -v "$1" >/dev/null 2>&1; }
part() { [[ " $PARTS " == *" $1 "* ]]; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

# shellcheck source=scripts/static-nginx.sh
source scripts/static-nginx.sh

die() { say "bench-compare: $*"; exit 1; }
export PATH="$HOME/.cargo/bin:$PATH"
apt_tools=(nginx curl time jq timeout)
part run && apt_tools+=(hyperfine)
part send && apt_tools+=(hyperfine)
part bench && apt_tools+=(wrk)
# Tries apt-get for what is missing, then names what is still missing and how to install it.
install_missing "${apt_tools[@]}" || true
for tool in "${apt_tools[@]}"; do
  case $tool in
    nginx) [[ -x $(nginx_binary) ]] || die "nginx is missing; install it with: apt-get install -y nginx" ;;
    time) [[ -x /usr/bin/time ]] || die "/usr/bin/time is missing; install it with: apt-get install -y time" ;;
    timeout) have timeout || die "timeout is missing; install it with: apt-get install -y coreutils" ;;
    *) have "$tool" || die "$tool is missing; install it with: apt-get install -y $tool" ;;
  esac
done
cargo_install() { # tool crate
  have "$1" && return 0
  say "== installing $2 (cargo install --locked, niced, into $TOOLS_TARGET; a long build)"
  CARGO_TARGET_DIR=$TOOLS_TARGET nice -n 19 cargo install --locked --quiet "$2" ||
    die "$1 is missing and would not build; install it with: CARGO_TARGET_DIR=$TOOLS_TARGET cargo install --locked $2${3:+ (after: apt-get install -y $3)}"
}
if part run && ! have hurl; then
  # hurl links libcurl and libxml2 and its build runs bindgen.
  hurl_deps="libclang-dev libcurl4-openssl-dev libxml2-dev pkg-config"
  # shellcheck disable=SC2086
  install_missing $hurl_deps || true
  # Newer hurl needs a newer rustc than this machine's.
  cargo_install hurl hurl@8.0.1 "$hurl_deps"
fi
part bench && cargo_install oha oha
# Every measurement is bounded: a hung tool is killed, never waited for.
bounded() { timeout --kill-after=5 "$1" "${@:2}"; }

if [[ -z ${GRPCB:-} ]]; then
  say "== building grpcb (release)"
  cargo build --release --locked --quiet -p grpcb
  GRPCB=$PWD/target/release/grpcb
fi

work=$(mktemp -d)
cleanup() {
  stop_static_nginx "$work"
  rm -rf "$work"
}
trap cleanup EXIT
start_static_nginx "$work" "$ANSWER"

# hyperfine, bounded to 5 minutes; its own words when a command fails.
timed_runs() { # json warmups runs command...
  bounded 300 hyperfine -N --warmup "$2" --runs "$3" --export-json "$1" "${@:4}" >"$work/hyperfine.out" 2>&1 ||
    die "hyperfine failed: $(tail -5 "$work/hyperfine.out")"
}
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "nan"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "nan" }'; }
goal() { awk -v r="$1" -v op="$2" -v g="$3" 'BEGIN { ok = (op == "<=") ? (r <= g) : (r >= g); print (ok ? "met" : "MISSED") }'; }

echo "# grpcb side by side, $(date -u +%Y-%m-%dT%H:%MZ)"
echo
echo "machine: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1), kernel $(uname -r)"
echo "grpcb:   $GRPCB ($("$GRPCB" --version))"
echo "receiver: nginx $(nginx_binary >/dev/null && "$(nginx_binary)" -v 2>&1 | sed 's/.*nginx\///'), static allow, at $url"
echo "load average at the start: $(load)"
echo

# --- (1) grpcb run vs hurl --test ------------------------------------------------------------

if part run; then
  aliases=(before-create after-create before-invite)
  commands=(Group.CallbackBeforeCreateGroup Group.CallbackAfterCreateGroup Group.CallbackBeforeInviteJoinGroup)
  expects=(allow ignored allow)
  suite=$work/suite.toml
  {
    echo "url = \"$url\""
    for i in $(seq 0 $((CASES - 1))); do
      k=$((i % 3))
      printf '\n[[case]]\nname = "case %d"\ncallback = "%s"\nexpect = { decision = "%s" }\n' \
        "$i" "${aliases[$k]}" "${expects[$k]}"
    done
  } >"$suite"
  # The same requests for hurl (the query and body grpcb sends; unsigned, while grpcb signs
  # each one since GRPCB_TOKEN is set: work only grpcb does), each asserting what an allow is: status 200, ActionStatus "OK", ErrorCode 0, ErrorInfo a
  # string. One file for --jobs 1; JOBS files for the parallel run (hurl runs files in
  # parallel, each file's requests in order).
  for k in 0 1 2; do
    body=$("$GRPCB" example "${aliases[$k]}" | jq -c .)
    printf 'POST %s?SdkAppid=1400000000&CallbackCommand=%s&contenttype=json&ClientIP=127.0.0.1&OptPlatform=RESTAPI\nContent-Type: application/json\n%s\nHTTP 200\n[Asserts]\njsonpath "$.ActionStatus" == "OK"\njsonpath "$.ErrorCode" == 0\njsonpath "$.ErrorInfo" isString\n\n' \
      "$url" "${commands[$k]}" "$body" >"$work/entry-$k.hurl"
  done
  mkdir -p "$work/parallel"
  for i in $(seq 0 $((CASES - 1))); do
    cat "$work/entry-$((i % 3)).hurl" >>"$work/all.hurl"
    cat "$work/entry-$((i % 3)).hurl" >>"$work/parallel/part-$((i % JOBS)).hurl"
  done
  parallel_files=("$work"/parallel/*.hurl)
  # Both sides must pass before they are timed: a failing side would be timed doing less.
  bounded 120 "$GRPCB" run "$suite" -q ||
    die "grpcb run of the suite failed against nginx at $url (rerun: $GRPCB run $suite)"
  bounded 120 hurl --test --jobs 1 "$work/all.hurl" 2>"$work/hurl.err" ||
    die "hurl --test failed against nginx at $url: $(tail -5 "$work/hurl.err")"

  g1="$GRPCB run $suite -q"
  gn="$GRPCB run $suite -q --jobs $JOBS"
  h1="hurl --test --jobs 1 $work/all.hurl"
  hn="hurl --test --jobs $JOBS ${parallel_files[*]}"
  echo "## (1) $CASES cases: grpcb run vs hurl --test (hyperfine -N, 1 warm-up, $RUNS runs, median)"
  echo
  timed_runs "$work/run.json" 1 "$RUNS" "$g1" "$h1" "$gn" "$hn"
  ms() { jq -r ".results[$1].median * 1000 | . * 10 | round / 10" "$work/run.json"; }
  cpu() { jq -r ".results[$1] | (.user + .system) * 1000 | round" "$work/run.json"; }
  # Each figure with the command that produced it.
  i=0
  for cmd in "$g1" "$h1" "$gn" "$hn"; do
    echo "- $(ms $i) ms median, CPU $(cpu $i) ms: \`$(printf '%s' "$cmd" | sed "s|$work|\$work|g")\`"
    i=$((i + 1))
  done
  echo
  echo "| | grpcb run | hurl --test | hurl / grpcb | goal |"
  echo "| --- | --- | --- | --- | --- |"
  r1=$(ratio "$(ms 1)" "$(ms 0)")
  rn=$(ratio "$(ms 3)" "$(ms 2)")
  echo "| --jobs 1 | $(ms 0) ms (CPU $(cpu 0) ms) | $(ms 1) ms (CPU $(cpu 1) ms) | ${r1}x | >= 3: $(goal "$r1" ">=" 3) |"
  echo "| --jobs $JOBS | $(ms 2) ms (CPU $(cpu 2) ms) | $(ms 3) ms (CPU $(cpu 3) ms) | ${rn}x | >= 4: $(goal "$rn" ">=" 4) |"
  echo
  echo "load average after (1): $(load)"
  echo
fi

# --- (2) grpcb bench vs oha vs wrk -----------------------------------------------------------

# The exact URL (signed now) and body grpcb sends, for curl, oha and wrk.
signed_request() {
  local curl_text
  curl_text=$(bounded 30 "$GRPCB" send "$CALLBACK" --url "$url" --curl)
  FULL_URL=$(printf '%s\n' "$curl_text" | sed -n "s/^curl .* -X POST '\([^']*\)'.*/\1/p")
  printf '%s' "$(printf '%s\n' "$curl_text" | sed -n "s/^  --data-binary '\(.*\)'$/\1/p")" >"$work/body.json"
  cat >"$work/post.lua" <<EOF
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local file = io.open("$work/body.json", "rb")
wrk.body = file:read("*a")
file:close()
EOF
}

# Runs a load generator under /usr/bin/time; prints "requests/s CPU-µs-per-request". $1 reads
# the tool's output and prints its requests/s and the number of requests it completed.
measure() { # parser command...
  local parser=$1
  shift
  show "$@" | sed -E "s|$work|\$work|g; s/Sign=[0-9a-f]+/Sign=.../; s/RequestTime=[0-9]+/RequestTime=.../" >"$work/command-$tool"
  /usr/bin/time -f '%U %S' -o "$work/cpu" timeout --kill-after=5 $((DURATION + 30)) "$@" >"$work/out" 2>"$work/err" || true
  local rate requests
  read -r rate requests <<<"$("$parser" <"$work/out" | tr '\n' ' ')"
  awk -v r="${rate:-0}" -v n="${requests:-0}" '{ printf "%.0f %.2f\n", r, (n > 0) ? ($1 + $2) * 1e6 / n : 0 }' "$work/cpu"
}
grpcb_figures() {
  jq -r '.rate, .requests.sent, if .error_rate > 0 then "error rate \(.error_rate)" | halt_error else empty end'
}
oha_figures() { jq -r '.summary.requestsPerSec, ([.statusCodeDistribution[]] | add)'; }
wrk_figures() { awk '/Requests\/sec:/ { rate = $2 } / requests in / { requests = $1 } END { print rate; print requests }'; }

load_tool() { # tool
  local tool=$1 bench=("$GRPCB" bench "$CALLBACK" --url "$url" -c "$CONNECTIONS" --duration "${DURATION}s" --expect allow --format json)
  case $1 in
    bench) measure grpcb_figures "${bench[@]}" ;;
    templated) measure grpcb_figures "${bench[@]}" --set 'MsgId={{uuid}}' --set 'Random={{rand}}' ;;
    oha)
      signed_request
      measure oha_figures oha -c "$CONNECTIONS" -z "${DURATION}s" --no-tui --output-format json \
        -m POST -H 'Content-Type: application/json' -D "$work/body.json" "$FULL_URL"
      ;;
    wrk)
      signed_request
      measure wrk_figures wrk -t "$(nproc)" -c "$CONNECTIONS" -d "${DURATION}s" -s "$work/post.lua" "$FULL_URL"
      ;;
  esac
}

if part bench; then
  tools=(bench templated oha wrk)
  declare -A rates cpus
  for round in $(seq "$ROUNDS"); do
    say "== load, round $round of $ROUNDS"
    for tool in "${tools[@]}"; do
      result=$(load_tool "$tool")
      rates[$tool]+="${result% *} "
      cpus[$tool]+="${result#* } "
    done
  done
  echo "## (2) load at c=$CONNECTIONS, ${DURATION} s per run, $ROUNDS rounds (tools alternate in each round)"
  echo
  echo "Every grpcb request carries a fresh Sign and every answer is judged (--expect allow);"
  echo "oha and wrk replay one pre-signed request and check only the status. CPU is the"
  echo "generator's own user + system time (/usr/bin/time) over the requests it completed."
  echo
  echo "| generator | requests/s (median) | CPU per request (median) | every round (req/s) | command |"
  echo "| --- | --- | --- | --- | --- |"
  declare -A mid mid_cpu
  for tool in "${tools[@]}"; do
    mid[$tool]=$(printf '%s\n' ${rates[$tool]} | median)
    mid_cpu[$tool]=$(printf '%s\n' ${cpus[$tool]} | median)
    echo "| $tool | ${mid[$tool]} | ${mid_cpu[$tool]} µs | ${rates[$tool]}| \`$(sed 's/^  \$ //' "$work/command-$tool")\` |"
  done
  echo
  for tool in bench templated; do
    ro=$(ratio "${mid[$tool]}" "${mid[oha]}")
    rw=$(ratio "${mid[$tool]}" "${mid[wrk]}")
    rc=$(ratio "${mid_cpu[$tool]}" "${mid_cpu[wrk]}")
    echo "- $tool / oha = $ro (goal >= 1.3: $(goal "$ro" ">=" 1.3)); $tool / wrk = $rw (goal >= 0.9: $(goal "$rw" ">=" 0.9)); CPU per request / wrk's = $rc (goal <= 1: $(goal "$rc" "<=" 1))"
  done
  echo
  echo "load average after (2): $(load)"
  echo
fi

# --- (3) grpcb send vs curl ------------------------------------------------------------------

if part send; then
  signed_request
  send_cmd="$GRPCB send $CALLBACK --url $url -q"
  curl_cmd="curl -sS -o /dev/null -X POST -H 'Content-Type: application/json' --data-binary @$work/body.json '$FULL_URL'"
  echo "## (3) one request: grpcb send vs curl (hyperfine -N, 10 warm-ups, $SEND_RUNS runs, median)"
  echo
  timed_runs "$work/send.json" 10 "$SEND_RUNS" "$send_cmd" "$curl_cmd"
  send_ms=$(jq -r '.results[0].median * 1000 | . * 100 | round / 100' "$work/send.json")
  curl_ms=$(jq -r '.results[1].median * 1000 | . * 100 | round / 100' "$work/send.json")
  # Peak RSS: the median of 5 runs each.
  rss() { for _ in 1 2 3 4 5; do /usr/bin/time -f '%M' timeout 30 "$@" 2>&1 >/dev/null | tail -1; done | median; }
  send_kb=$(rss "$GRPCB" send "$CALLBACK" --url "$url" -q)
  curl_kb=$(rss curl -sS -o /dev/null -X POST -H 'Content-Type: application/json' --data-binary "@$work/body.json" "$FULL_URL")
  rt=$(ratio "$send_ms" "$curl_ms")
  rr=$(ratio "$send_kb" "$curl_kb")
  echo
  echo "| | grpcb send | curl | grpcb / curl | goal |"
  echo "| --- | --- | --- | --- | --- |"
  echo "| wall time | $send_ms ms | $curl_ms ms | $rt | <= 1: $(goal "$rt" "<=" 1) |"
  echo "| peak RSS | $send_kb KB | $curl_kb KB | $rr | < 1: $(goal "$rr" "<=" 0.999) |"
  echo
  printf '%s\n%s\n' "$send_cmd" "$curl_cmd" | sed -E "s|$work|\$work|g; s/Sign=[0-9a-f]+/Sign=.../; s/RequestTime=[0-9]+/RequestTime=.../" |
    while read -r cmd; do echo "- command: \`$cmd\` (wall time: hyperfine median; RSS: /usr/bin/time -f %M, median of 5)"; done
  echo
fi

echo "load average at the end: $(load)"
