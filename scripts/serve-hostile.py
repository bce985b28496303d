#!/usr/bin/env python3
"""grpcb serve against clients that would hold a careless server; prints figures, asserts nothing.

    scripts/serve-hostile.py [GRPCB]      # default: target/release/grpcb

1. idle:  under `ulimit -n 256`, 300 connections that never send a byte, then 5 `grpcb send`.
2. slow:  500 connections that send half a request head and drip a byte a second for 8 s,
          then 5 `grpcb send`; how many of the 500 are still open at the end.
3. pipe:  `--format json` with stdout a pipe nobody reads, 30,000 callbacks on one kept-alive
          connection; RSS after 1,000 and after 30,000; SIGTERM and how long the exit takes.
Every loop is bounded; the whole run takes about a minute.
"""
import json
import signal
import socket
import subprocess
import sys
import threading
import time

GRPCB = sys.argv[1] if len(sys.argv) > 1 else "target/release/grpcb"
QUERY = ("SdkAppid=1400000000&CallbackCommand=Group.CallbackBeforeCreateGroup"
         "&contenttype=json&ClientIP=127.0.0.1&OptPlatform=RESTAPI")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(extra, shell_prefix=""):
    port = free_port()
    command = f"{shell_prefix}exec {GRPCB} serve --addr 127.0.0.1:{port} {extra}"
    process = subprocess.Popen(["sh", "-c", command], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    time.sleep(0.5)
    return process, port


def sends(port):
    results = []
    for _ in range(5):
        started = time.time()
        run = subprocess.run([GRPCB, "send", "before-create", "--url",
                              f"http://127.0.0.1:{port}/im", "-q"])
        results.append((run.returncode, round((time.time() - started) * 1000)))
        time.sleep(0.3)
    return results


def stop(process):
    started = time.time()
    process.send_signal(signal.SIGTERM)
    try:
        code = process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        code = "still running after 15 s"
    return code, round(time.time() - started, 2)


def idle():
    process, port = start("", "ulimit -n 256 && ")
    flood = [socket.create_connection(("127.0.0.1", port)) for _ in range(300)]
    time.sleep(0.3)
    print("idle: ulimit -n 256, 300 idle connections; send (exit, ms):", sends(port))
    print("      SIGTERM -> exit %s in %s s" % stop(process))
    for s in flood:
        s.close()


def slow():
    process, port = start("")
    flood = []
    for _ in range(500):
        s = socket.create_connection(("127.0.0.1", port))
        s.sendall(b"POST /im HTTP/1.1\r\nHost: x\r\n")
        flood.append(s)
    done = time.time() + 8

    def drip():
        while time.time() < done:
            for s in flood:
                try:
                    s.send(b"X")
                except OSError:
                    pass
            time.sleep(1)

    dripper = threading.Thread(target=drip)
    dripper.start()
    print("slow: 500 connections dripping their head; send (exit, ms):", sends(port))
    dripper.join()
    open_ = 0
    for s in flood:
        s.setblocking(False)
        try:
            open_ += s.recv(16) != b""
        except BlockingIOError:
            open_ += 1
        except OSError:
            pass
    print(f"      after 8 s of dripping, {open_} of 500 still open")
    print("      SIGTERM -> exit %s in %s s" % stop(process))


def rss(pid):
    with open(f"/proc/{pid}/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS"))


def pipe():
    process = subprocess.Popen([GRPCB, "serve", "--addr", "127.0.0.1:0", "--format", "json"],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    url = json.loads(process.stdout.readline())["url"]
    host, port = url[len("http://"):-1].split(":")
    body = json.dumps(json.loads(subprocess.run([GRPCB, "example", "before-create"],
                                                capture_output=True).stdout)).encode()
    request = (f"POST /im?{QUERY} HTTP/1.1\r\nHost: x\r\nContent-Length: {len(body)}\r\n\r\n"
               .encode() + body)
    connection = socket.create_connection((host, int(port)))
    connection.settimeout(5)
    answered, first = 0, None
    for n in range(30000):
        try:
            connection.sendall(request)
            answered += connection.recv(4096).startswith(b"HTTP/1.1 200")
        except OSError:
            break
        if n == 1000:
            first = rss(process.pid)
    last = rss(process.pid)
    code, took = stop(process)
    print(f"pipe: stdout unread, {answered} of 30000 answered; RSS {first} kB at 1,000, "
          f"{last} kB at 30,000; SIGTERM -> exit {code} in {took} s")


if __name__ == "__main__":
    idle()
    slow()
    pipe()
