#!/usr/bin/env bash
# Benchmarks grpcb side by side with curl, oha and wrk, on loopback, in one run:
#   (a) `grpcb send` one-shot wall time vs curl posting the same body (hyperfine);
#   (b) `grpcb bench` requests/s vs oha and wrk at the same concurrency for a fixed duration,
#       against `grpcb serve` (checks every Sign) and, when nginx is there, a static nginx answer;
#   (c) peak RSS of `grpcb send` and of `grpcb bench` at 10^5 and 10^6 requests.
# It installs what it lacks (wrk, hyperfine, nginx, curl, time from Debian; oha from crates.io),
# prints every command it times, the figures and the ratios. The load generator and the
# receiver share the machine's cores: on a small machine the receiver's work bounds everyone.
#
# Environment: DURATION (seconds per load run, default 10), ROUNDS (default 3; the median is
# reported), CONNECTIONS (default 32), RUNS (hyperfine runs, default 200).
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-10}
ROUNDS=${ROUNDS:-3}
CONNECTIONS=${CONNECTIONS:-32}
RUNS=${RUNS:-200}
CALLBACK=before-send
# A throwaway token for the local receiver; passed through the environment, never argv.
export GRPCB_TOKEN="bench-token-$$"

say() { printf '%s\n' "$*" >&2; }
# A command as one line a shell can run again.
show() { printf '  $'; printf ' %q' "$@"; printf '\n'; } >&2
have() { command -v "$1" >/dev/null 2>&1; }

install_missing() {
  local packages=()
  have wrk || packages+=(wrk)
  have hyperfine || packages+=(hyperfine)
  have nginx || packages+=(nginx)
  have curl || packages+=(curl)
  [ -x /usr/bin/time ] || packages+=(time)
  if [ ${#packages[@]} -gt 0 ]; then
    local sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    say "== installing ${packages[*]} (apt-get)"
    "${sudo[@]}" apt-get update -qq
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >/dev/null
  fi
  if ! have oha; then
    say "== installing oha (cargo install oha --locked)"
    cargo install oha --locked --quiet
    export PATH="$HOME/.cargo/bin:$PATH"
  fi
}

install_missing
say "== GRPCB_TOKEN (a throwaway token) is in the environment of every grpcb command below"
say "== building grpcb (release)"
cargo build --release --locked --quiet
GRPCB=$PWD/target/release/grpcb

tmp=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

# --- receivers -------------------------------------------------------------------------------

# A loopback port nothing listens on (a race with another program is caught by `launch`).
free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 40000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}

# Starts `$1 PORT` in the background on a free port until it answers HTTP there (at most 10
# tries of 10 s); sets URL. The starter `exec`s, so the PID kept for cleanup is the server's.
launch() {
  URL=""
  local port pid
  for _ in $(seq 10); do
    port=$(free_port)
    "$1" "$port" &
    pid=$!
    pids+=("$pid")
    for _ in $(seq 100); do
      # Alive and answering: a program that took the port first would answer too.
      kill -0 "$pid" 2>/dev/null || break
      if curl -s -o /dev/null "http://127.0.0.1:$port/" 2>/dev/null; then
        URL="http://127.0.0.1:$port/im"
        return 0
      fi
      sleep 0.1
    done
    kill "$pid" 2>/dev/null || true
  done
  return 1
}

# grpcb serve, checking every Sign; its per-request log goes to /dev/null (a pipe to a reader
# would cost the receiver a context switch per line).
start_serve() { exec "$GRPCB" serve --addr "127.0.0.1:$1" >/dev/null 2>>"$tmp/serve.err"; }

# nginx answering a static allow, with a private config under the temp dir.
start_nginx() {
  mkdir -p "$tmp/nginx/logs"
  cat > "$tmp/nginx/nginx.conf" <<EOF
worker_processes 1;
daemon off;
pid $tmp/nginx/nginx.pid;
error_log $tmp/nginx/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $tmp/nginx/body;
  keepalive_requests 100000000;
  server {
    listen 127.0.0.1:$1;
    location / {
      default_type application/json;
      return 200 '{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":""}';
    }
  }
}
EOF
  exec nginx -c "$tmp/nginx/nginx.conf" -p "$tmp/nginx" 2>>"$tmp/nginx/logs/start.log"
}

launch start_serve || { say "grpcb serve did not start:"; cat "$tmp/serve.err" >&2; exit 1; }
SERVE_URL=$URL
NGINX_URL=""
if have nginx && launch start_nginx; then
  NGINX_URL=$URL
fi

# --- helpers ---------------------------------------------------------------------------------

# The exact URL (freshly signed: grpcb serve accepts a RequestTime within 60 s) and body that
# grpcb sends, for curl, oha and wrk; from `grpcb send --curl`.
signed_request() {
  local url=$1 curl_text
  curl_text=$("$GRPCB" send "$CALLBACK" --url "$url" --curl)
  FULL_URL=$(printf '%s\n' "$curl_text" | sed -n "s/^curl .* -X POST '\([^']*\)'.*/\1/p")
  printf '%s' "$(printf '%s\n' "$curl_text" | sed -n "s/^  --data-binary '\(.*\)'$/\1/p")" > "$tmp/body.json"
  cat > "$tmp/post.lua" <<EOF
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local file = io.open("$tmp/body.json", "rb")
wrk.body = file:read("*a")
file:close()
EOF
}

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "nan"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "nan" }'; }
goal() { awk -v r="$1" -v op="$2" -v g="$3" 'BEGIN { ok = (op == "<=") ? (r <= g) : (r >= g); print (ok ? "met" : "MISSED") }'; }
whole() { awk -v n="$1" 'BEGIN { printf "%.0f", n }'; }

# Runs a load generator under /usr/bin/time; prints "requests/s CPU-µs-per-request". The rate
# comes from the tool's own output through the awk program $1.
measure() { # awk-program command...
  local program=$1; shift
  show "$@"
  local rate cpu
  rate=$(/usr/bin/time -f '%U %S' -o "$tmp/cpu" "$@" 2>/dev/null | awk "$program" | head -1)
  cpu=$(awk '{ print $1 + $2 }' "$tmp/cpu")
  awk -v r="${rate:-0}" -v c="$cpu" -v d="$DURATION" 'BEGIN { printf "%.1f %.2f\n", r, (r > 0) ? c * 1e6 / (r * d) : 0 }'
}

run_grpcb() { # url extra-args...
  local url=$1; shift
  # --expect allow: a request the receiver refuses (a stale Sign) would count as failed.
  measure '/"rate": [0-9]/ { gsub(/[",]/, ""); print $2 } /"error_rate": [1-9]/ { print "error rate " $2 > "/dev/stderr" }' \
    "$GRPCB" bench "$CALLBACK" --url "$url" -c "$CONNECTIONS" --duration "${DURATION}s" --expect allow --format json "$@"
}

run_oha() { # url
  signed_request "$1"
  measure '/Requests\/sec:/ { print $2 }' \
    oha -c "$CONNECTIONS" -z "${DURATION}s" --no-tui -m POST -H 'Content-Type: application/json' -D "$tmp/body.json" "$FULL_URL"
}

run_wrk() { # url
  signed_request "$1"
  measure '/Requests\/sec:/ { print $2 }' \
    wrk -t "$(nproc)" -c "$CONNECTIONS" -d "${DURATION}s" -s "$tmp/post.lua" "$FULL_URL"
}

# --- the machine -----------------------------------------------------------------------------

echo "# grpcb benchmarks, $(date -u +%Y-%m-%dT%H:%MZ)"
echo
echo "machine: $(nproc) cores, $(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1), kernel $(uname -r)"
echo "tools:   $("$GRPCB" --version), $(curl --version | head -1 | cut -d' ' -f1-2), $(oha --version), $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2), $(hyperfine --version)$(have nginx && printf ', %s' "$(nginx -v 2>&1 | cut -d' ' -f3)")"
echo "receivers: grpcb serve (checks Sign) at $SERVE_URL${NGINX_URL:+; nginx static allow at $NGINX_URL}"
echo "note: load generator and receiver share these cores"
echo

# --- (a) one-shot send vs curl ---------------------------------------------------------------

echo "## (a) one request: grpcb send vs curl (hyperfine, $RUNS runs, receiver grpcb serve)"
signed_request "$SERVE_URL"
send_cmd="$GRPCB send $CALLBACK --url $SERVE_URL -q"
curl_cmd="curl -sS -o /dev/null -X POST -H 'Content-Type: application/json' --data-binary @$tmp/body.json '$FULL_URL'"
say "  \$ hyperfine -N --warmup 20 --runs $RUNS '$send_cmd' \"$curl_cmd\""
hyperfine -N --warmup 20 --runs "$RUNS" --export-csv "$tmp/oneshot.csv" "$send_cmd" "$curl_cmd" >/dev/null 2>&1
send_ms=$(awk -F, 'NR == 2 { printf "%.2f", $2 * 1000 }' "$tmp/oneshot.csv")
curl_ms=$(awk -F, 'NR == 3 { printf "%.2f", $2 * 1000 }' "$tmp/oneshot.csv")
r=$(ratio "$send_ms" "$curl_ms")
echo
echo "| command | mean wall time |"
echo "| --- | --- |"
echo "| grpcb send | $send_ms ms |"
echo "| curl | $curl_ms ms |"
echo
echo "grpcb send / curl = $r (goal <= 1.3: $(goal "$r" "<=" 1.3))"
echo

# --- (b) load: bench vs oha vs wrk -----------------------------------------------------------

echo "## (b) load: c=$CONNECTIONS, ${DURATION} s per run, median of $ROUNDS rounds"
targets=("grpcb serve|$SERVE_URL")
[ -n "$NGINX_URL" ] && targets+=("nginx|$NGINX_URL")
tools=(grpcb templated oha wrk)
declare -A rates cpus
for round in $(seq "$ROUNDS"); do
  for entry in "${targets[@]}"; do
    name=${entry%%|*}
    url=${entry#*|}
    say "round $round, $name"
    for tool in "${tools[@]}"; do
      case $tool in
        grpcb) result=$(run_grpcb "$url") ;;
        templated) result=$(run_grpcb "$url" --set 'MsgId={{uuid}}' --set 'Random={{rand}}') ;;
        oha) result=$(run_oha "$url") ;;
        wrk) result=$(run_wrk "$url") ;;
      esac
      rates["$name|$tool"]+="${result% *} "
      cpus["$name|$tool"]+="${result#* } "
    done
  done
done
echo
echo "requests/s (median), and in brackets the load generator's own CPU time per request (user +"
echo "system, µs; lower is leaner). Every grpcb request is signed (fresh RequestTime and Sign) and"
echo "its answer judged; oha and wrk replay one pre-signed request."
echo
echo "| receiver | grpcb bench | grpcb bench, templated IDs | oha | wrk | bench / oha | bench / wrk |"
echo "| --- | --- | --- | --- | --- | --- | --- |"
summary=()
for entry in "${targets[@]}"; do
  name=${entry%%|*}
  row="| $name |"
  declare -A mid=()
  for tool in "${tools[@]}"; do
    mid[$tool]=$(printf '%s\n' ${rates["$name|$tool"]} | median)
    c=$(printf '%s\n' ${cpus["$name|$tool"]} | median)
    row+=" $(whole "${mid[$tool]}") ($(printf '%.1f' "$c") µs) |"
  done
  ro=$(ratio "${mid[grpcb]}" "${mid[oha]}")
  rw=$(ratio "${mid[grpcb]}" "${mid[wrk]}")
  echo "$row $ro | $rw |"
  summary+=("$name: bench/oha = $ro (goal >= 1.2: $(goal "$ro" ">=" 1.2)), bench/wrk = $rw (goal >= 0.8: $(goal "$rw" ">=" 0.8))")
done
echo
echo "Every round (requests/s, then CPU µs per request):"
for entry in "${targets[@]}"; do
  name=${entry%%|*}
  for tool in "${tools[@]}"; do
    echo "  $name, $tool: ${rates["$name|$tool"]}| ${cpus["$name|$tool"]}"
  done
done
echo
printf '%s\n' "${summary[@]}"
echo

# --- (c) peak RSS ----------------------------------------------------------------------------

rss_target=${NGINX_URL:-$SERVE_URL}
rss_name=grpcb\ serve
[ -n "$NGINX_URL" ] && rss_name=nginx
echo "## (c) peak RSS (/usr/bin/time -v), receiver $rss_name"
rss() { /usr/bin/time -v "$@" 2>&1 >/dev/null | awk '/Maximum resident set size/ { printf "%.1f MB", $6 / 1024 }'; }
echo
echo "| command | peak RSS |"
echo "| --- | --- |"
echo "| grpcb send $CALLBACK -q | $(rss "$GRPCB" send "$CALLBACK" --url "$rss_target" -q) |"
for n in 100000 1000000; do
  show /usr/bin/time -v "$GRPCB" bench "$CALLBACK" --url "$rss_target" -c "$CONNECTIONS" -n "$n" -q --set 'MsgId={{uuid}}'
  echo "| grpcb bench -n $n (templated) | $(rss "$GRPCB" bench "$CALLBACK" --url "$rss_target" -c "$CONNECTIONS" -n "$n" -q --set 'MsgId={{uuid}}') |"
done
