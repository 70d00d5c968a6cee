#!/usr/bin/env python3
"""Handouts per minute with one Chromium reused across patients (issue 18, batch PDF).

  bench/pdf_reuse.py HANDOUT.html [COUNT]

Starts one headless Chromium with --remote-debugging-pipe (DevTools protocol on fds 3 and
4, messages ending in NUL), then prints HANDOUT COUNT times through it, each time in a new
tab: Target.createTarget, Page.navigate, wait for Page.loadEventFired, then
Page.printToPDF with the page size from the handout's @page rule. Prints the seconds per
handout. Compare with `rehab plan ... --format pdf`, which starts a Chromium for every
handout, and with `rehab batch --format pdf`, which drives Chromium the same way in C++
(cli/pdf.cc, PdfPrinter; docs/performance.md, "PDF handouts: one Chromium for many").
"""
import base64, json, os, shutil, signal, subprocess, sys, tempfile, time

html = os.path.abspath(sys.argv[1])
count = int(sys.argv[2]) if len(sys.argv) > 2 else 10
home = tempfile.mkdtemp(prefix="rehab-pdf-reuse-")
to_chrome_r, to_chrome_w = os.pipe()
from_chrome_r, from_chrome_w = os.pipe()


def child():
    os.setpgid(0, 0)  # a process group of its own, killed as a whole below
    os.dup2(to_chrome_r, 3)
    os.dup2(from_chrome_w, 4)


started = time.time()
chrome = subprocess.Popen(
    ["/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
     "--no-default-browser-check", "--disable-background-networking", "--disable-extensions",
     "--remote-debugging-pipe", "--user-data-dir=" + home + "/profile", "about:blank"],
    pass_fds=(3, 4), preexec_fn=child, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
os.close(to_chrome_r)
os.close(from_chrome_w)
pending = b""
last_id = 0


def send(method, params=None, session=None):
    global last_id
    last_id += 1
    message = {"id": last_id, "method": method, "params": params or {}}
    if session:
        message["sessionId"] = session
    os.write(to_chrome_w, json.dumps(message).encode() + b"\0")
    return last_id


def wait_for(accept, timeout=60):
    global pending
    deadline = time.time() + timeout
    while time.time() < deadline:
        while b"\0" in pending:
            text, pending = pending.split(b"\0", 1)
            message = json.loads(text)
            if accept(message):
                return message
        chunk = os.read(from_chrome_r, 1 << 20)
        if not chunk:
            raise RuntimeError("Chromium closed the pipe")
        pending += chunk
    raise TimeoutError("no answer from Chromium")


def call(method, params=None, session=None):
    i = send(method, params, session)
    return wait_for(lambda m: m.get("id") == i)["result"]


try:
    first = time.time()
    for n in range(count):
        target = call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        call("Page.enable", {}, session)
        send("Page.navigate", {"url": "file://" + html}, session)
        wait_for(lambda m: m.get("method") == "Page.loadEventFired" and m.get("sessionId") == session)
        pdf = base64.b64decode(call("Page.printToPDF",
                                    {"preferCSSPageSize": True, "printBackground": True},
                                    session)["data"])
        assert pdf.startswith(b"%PDF-")
        call("Target.closeTarget", {"targetId": target})
    each = (time.time() - first) / count
    print(f"{count} handouts through one Chromium: {each:.2f} s each ({60 / each:.0f} per minute), "
          f"{time.time() - started:.1f} s with its start")
finally:
    try:
        os.killpg(chrome.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    chrome.wait()
    shutil.rmtree(home, ignore_errors=True)
