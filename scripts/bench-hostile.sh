#!/usr/bin/env bash
# Peak memory and wall time of `grpcb send` against hostile answers on loopback: 64 MiB with
# a Content-Length, 64 MiB chunked, and a slow drip that never ends. grpcb must stop reading
# at its 1 MiB cap and give up at --timeout. Prints the figures and the commands.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v python3 >/dev/null || { echo "needs python3" >&2; exit 1; }
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time; }
cargo build --release --locked --quiet
bin=target/release/grpcb
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

# One Python process, three ports: 64 MiB with Content-Length, 64 MiB chunked, a slow drip.
cat > "$work/hostile.py" <<'PY'
import socket, sys, threading, time
MIB64 = 64 << 20
CHUNK = b" " * 65536
def read_request(conn):
    data = b""
    while b"\r\n\r\n" not in data:
        more = conn.recv(65536)
        if not more: return False
        data += more
    head, rest = data.split(b"\r\n\r\n", 1)
    length = 0
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":")[1])
    while len(rest) < length:
        rest += conn.recv(65536)
    return True
def sized(conn):
    conn.sendall(b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: %d\r\n\r\n" % MIB64)
    for _ in range(MIB64 // len(CHUNK)): conn.sendall(CHUNK)
def chunked(conn):
    conn.sendall(b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n")
    for _ in range(MIB64 // len(CHUNK)): conn.sendall(b"10000\r\n" + CHUNK + b"\r\n")
    conn.sendall(b"0\r\n\r\n")
def drip(conn):
    conn.sendall(b"HTTP/1.1 200 OK\r\ncontent-length: 100000\r\n\r\n{")
    for _ in range(600):
        time.sleep(0.1); conn.sendall(b" ")
def serve(port, answer):
    listener = socket.socket(); listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", port)); listener.listen(16)
    while True:
        conn, _ = listener.accept()
        def handle(conn=conn):
            try:
                if read_request(conn): answer(conn)
            except OSError: pass
            finally: conn.close()
        threading.Thread(target=handle, daemon=True).start()
base = int(sys.argv[1])
for offset, answer in enumerate([sized, chunked, drip]):
    threading.Thread(target=serve, args=(base + offset, answer), daemon=True).start()
time.sleep(3600)
PY
base=$(( 20000 + RANDOM % 20000 ))
python3 "$work/hostile.py" "$base" &
sleep 1

measure() {
  local label=$1; shift
  local cmd=("$bin" send before-create "$@" --format json)
  local out="$work/out.json" stats="$work/time.txt"
  set +e
  /usr/bin/time -v "${cmd[@]}" > "$out" 2> "$stats"
  local rc=$?
  set -e
  local rss wall finding
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$stats")
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$stats")
  finding=$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(",".join(f["code"] for f in r["findings"]))' "$out")
  printf '%-34s exit %s  peak RSS %6s KB  wall %s  findings %s\n' "$label" "$rc" "$rss" "$wall" "$finding"
  printf '    %s\n' "${cmd[*]}"
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(uname -r)"
measure "64 MiB answer, Content-Length" --url "http://127.0.0.1:$base/im" --timeout 20s
measure "64 MiB answer, chunked" --url "http://127.0.0.1:$((base + 1))/im" --timeout 20s
measure "slow drip, --timeout 1s" --url "http://127.0.0.1:$((base + 2))/im" --timeout 1s
