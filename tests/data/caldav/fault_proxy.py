#!/usr/bin/env python3
"""A small HTTP proxy for tests/cli_publish_test.cc that forwards requests to a
CalDAV server on 127.0.0.1 and injects faults: it logs every request
("METHOD path" per line), and, by --mode:

  pass            forwards everything
  die-after N     forwards N requests, then drops the next one's connection
                  without an answer and exits (the server is gone: refused)
  fail-odd        answers 503 to the 1st, 3rd, 5th... request, forwards the rest
  drop-first N    closes the connection without an answer for the first N
  delay-first N S waits S seconds before forwarding each of the first N
  lose-answer N   forwards the Nth request but closes its connection without
                  passing the answer on (the server did it; the client cannot know)

It listens on 127.0.0.1 on a free port, written to --port-file once it
listens. Loopback only; it stops by itself with --mode die-after, or when the
test kills it by its pid.
"""
import argparse
import http.client
import http.server
import os
import sys
import threading
import time

HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer",
              "upgrade", "proxy-authorization", "proxy-authenticate"}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--upstream", type=int, required=True)
    parser.add_argument("--port-file", required=True)
    parser.add_argument("--log", required=True)
    parser.add_argument("--mode", nargs="+", default=["pass"])
    args = parser.parse_args()
    mode = args.mode[0]
    n = int(args.mode[1]) if len(args.mode) > 1 else 0
    delay = float(args.mode[2]) if len(args.mode) > 2 else 0.0
    lock = threading.Lock()
    state = {"count": 0}
    log = open(args.log, "a", buffering=1)

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *unused):
            pass

        def __getattr__(self, name):
            if name.startswith("do_"):
                return self.forward
            raise AttributeError(name)

        def forward(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else None
            with lock:
                state["count"] += 1
                number = state["count"]
                log.write("%s %s\n" % (self.command, self.path))
            if mode == "die-after" and number > n:
                self.close_connection = True
                threading.Thread(target=server.shutdown).start()
                return
            if mode == "drop-first" and number <= n:
                self.close_connection = True
                return
            if mode == "fail-odd" and number % 2 == 1:
                self.send_response(503)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if mode == "delay-first" and number <= n:
                time.sleep(delay)
            headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
            upstream = http.client.HTTPConnection("127.0.0.1", args.upstream, timeout=30)
            upstream.request(self.command, self.path, body=body, headers=headers)
            answer = upstream.getresponse()
            data = answer.read()
            if mode == "lose-answer" and number == n:
                upstream.close()
                self.close_connection = True
                return
            try:
                self.send_response(answer.status, answer.reason)
                for k, v in answer.getheaders():
                    if k.lower() not in HOP_BY_HOP and k.lower() != "content-length":
                        self.send_header(k, v)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True
            upstream.close()

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    with open(args.port_file + ".tmp", "w") as f:
        f.write(str(server.server_address[1]))
    os.replace(args.port_file + ".tmp", args.port_file)
    server.serve_forever()
    server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
