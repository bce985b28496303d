# Sourced by the suite benchmarks: a static nginx receiver on a free 127.0.0.1 port, with a
# private prefix and config in a temp dir (not the system service), answering every request
# with the same JSON body, so the receiver costs next to nothing.
#
#   source scripts/static-nginx.sh
#   start_static_nginx "$work" '{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":""}'   # sets $url
#   stop_static_nginx "$work"                                                         # in a trap

# Installs the Debian packages given that the machine lacks.
install_missing() {
  local missing=() sudo=""
  for tool in "$@"; do
    case $tool in
      nginx) command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]] || missing+=(nginx) ;;
      time) [[ -x /usr/bin/time ]] || missing+=(time) ;;
      *) command -v "$tool" >/dev/null || missing+=("$tool") ;;
    esac
  done
  ((${#missing[@]})) || return 0
  echo "== installing ${missing[*]} (apt-get)" >&2
  [[ $(id -u) -eq 0 ]] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

# Debian installs nginx under /usr/sbin, which a non-root PATH may lack.
nginx_binary() { command -v nginx || echo /usr/sbin/nginx; }

start_static_nginx() {
  local work=$1 answer=$2 nginx port candidate
  nginx=$(nginx_binary)
  port=""
  for _ in $(seq 1 20); do
    candidate=$((20000 + RANDOM % 30000))
    cat >"$work/nginx.conf" <<CONF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $work/body;
  proxy_temp_path $work/proxy;
  fastcgi_temp_path $work/fastcgi;
  uwsgi_temp_path $work/uwsgi;
  scgi_temp_path $work/scgi;
  keepalive_requests 1000000;
  server {
    listen 127.0.0.1:$candidate;
    location / {
      default_type application/json;
      return 200 '$answer';
    }
  }
}
CONF
    if "$nginx" -p "$work" -c "$work/nginx.conf" 2>>"$work/start.log"; then
      port=$candidate
      break
    fi
  done
  [[ -n $port ]] || { echo "nginx would not start:" >&2; cat "$work/start.log" >&2; return 1; }
  url="http://127.0.0.1:$port/im"
  for _ in $(seq 1 50); do
    curl -fsS -X POST "$url" -o /dev/null 2>/dev/null && return 0
    sleep 0.1
  done
  echo "nginx does not answer at $url" >&2
  return 1
}

stop_static_nginx() {
  local work=$1
  if [[ -s $work/nginx.pid ]]; then
    "$(nginx_binary)" -p "$work" -c "$work/nginx.conf" -s stop 2>/dev/null ||
      kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  fi
}
