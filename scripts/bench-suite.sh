#!/usr/bin/env bash
# Benchmark (not a test): a 1,000-case suite run by `grpcb run` (default --jobs and --jobs 8)
# against a static nginx receiver on loopback, side by side with the same 1,000 requests sent
# by a shell loop of curl + jq. Prints the figures and the ratios; BENCHMARKS.md records them.
#
#   scripts/bench-suite.sh            # CASES=1000 JOBS=8 by default
#   CASES=200 scripts/bench-suite.sh  # a quicker look
set -euo pipefail
cd "$(dirname "$0")/.."

CASES=${CASES:-1000}
JOBS=${JOBS:-8}
ANSWER='{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":""}'

# shellcheck source=scripts/static-nginx.sh
source scripts/static-nginx.sh
install_missing nginx jq curl

work=$(mktemp -d)
cleanup() {
  stop_static_nginx "$work"
  rm -rf "$work"
}
trap cleanup EXIT
start_static_nginx "$work" "$ANSWER"
curl -fsS -X POST "$url" | jq -e '.ActionStatus == "OK"' >/dev/null

echo "== building grpcb (release)"
cargo build --release --locked --quiet
grpcb=target/release/grpcb

# The suite and, for curl, the same bodies and query strings grpcb sends.
aliases=(before-create after-create before-invite)
commands=(Group.CallbackBeforeCreateGroup Group.CallbackAfterCreateGroup Group.CallbackBeforeInviteJoinGroup)
expects=(allow ignored allow)
suite="$work/suite.toml"
{
  echo "url = \"$url\""
  for i in $(seq 0 $((CASES - 1))); do
    k=$((i % 3))
    printf '\n[[case]]\nname = "case %d"\ncallback = "%s"\nexpect = { decision = "%s" }\n' \
      "$i" "${aliases[$k]}" "${expects[$k]}"
  done
} >"$suite"
for k in 0 1 2; do
  "$grpcb" example "${aliases[$k]}" | jq -c . >"$work/body-$k.json"
done

now() { date +%s%N; }
seconds() { awk -v ns="$1" 'BEGIN { printf "%.3f", ns / 1e9 }'; }

echo "== $CASES cases against nginx at $url ($(nproc) cores: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'))"

start=$(now)
"$grpcb" run "$suite" -q
grpcb_1=$(($(now) - start))

start=$(now)
"$grpcb" run "$suite" -q --jobs "$JOBS"
grpcb_n=$(($(now) - start))

start=$(now)
for i in $(seq 0 $((CASES - 1))); do
  k=$((i % 3))
  curl -sS -X POST -H 'Content-Type: application/json' --data-binary "@$work/body-$k.json" \
    "$url?SdkAppid=1400000000&CallbackCommand=${commands[$k]}&contenttype=json&ClientIP=127.0.0.1&OptPlatform=RESTAPI" |
    jq -e '.ActionStatus == "OK"' >/dev/null
done
curl_jq=$(($(now) - start))

rate() { awk -v n="$CASES" -v ns="$1" 'BEGIN { printf "%.0f", n / (ns / 1e9) }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a / b }'; }
printf '\n%-34s %10s %12s %18s\n' "runner" "seconds" "requests/s" "curl+jq / this"
printf '%-34s %10s %12s %18s\n' "grpcb run (--jobs 1, default)" "$(seconds $grpcb_1)" "$(rate $grpcb_1)" "$(ratio $curl_jq $grpcb_1)x"
printf '%-34s %10s %12s %18s\n' "grpcb run --jobs $JOBS" "$(seconds $grpcb_n)" "$(rate $grpcb_n)" "$(ratio $curl_jq $grpcb_n)x"
printf '%-34s %10s %12s %18s\n' "shell loop of curl + jq" "$(seconds $curl_jq)" "$(rate $curl_jq)" "1.0x"
