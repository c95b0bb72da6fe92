#!/usr/bin/env python3
"""Re-verify the conformance corpus against the real keepalived and rewrite each file's header.

Each corpus file starts with description lines ('## ...') written by hand, followed by the
result lines ('#| ...') that this tool regenerates from Debian's keepalived 2.2.7:
the exit code of `keepalived -t -i node1 -f FILE` and its deduplicated messages.
Since the header shifts the line numbers, the tool repeats until the header is stable.

Usage (root, keepalived installed): etc/conformance/tools/refresh-headers.py [FILE...]
Runs inside a private namespace with eth0..eth9 and eth0.1, like ConformanceTest.
"""
import glob
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.dirname(HERE)
NS = "kjrefresh%d" % os.getpid()


def sh(*cmd, check=True):
    return subprocess.run(cmd, check=check, capture_output=True, text=True)


def setup():
    sh("ip", "netns", "add", NS)
    sh("ip", "-n", NS, "link", "set", "lo", "up")
    for i in range(10):
        sh("ip", "-n", NS, "link", "add", "eth%d" % i, "type", "veth", "peer", "name", "peer%d" % i)
        sh("ip", "-n", NS, "link", "set", "eth%d" % i, "up")
        sh("ip", "-n", NS, "link", "set", "peer%d" % i, "up")
    if sh("ip", "-n", NS, "link", "add", "link", "eth0", "name", "eth0.1", "type", "vlan", "id", "1",
          check=False).returncode != 0:
        sh("ip", "-n", NS, "link", "add", "eth0.1", "type", "veth", "peer", "name", "peer0.1")
        sh("ip", "-n", NS, "link", "set", "peer0.1", "up")
    sh("ip", "-n", NS, "link", "set", "eth0.1", "up")


def run(name):
    p = subprocess.run(["ip", "netns", "exec", NS, "/usr/sbin/keepalived", "-t", "-i", "node1", "-f", name],
                       cwd=CORPUS, capture_output=True, timeout=60)
    seen = []
    for line in (p.stdout + p.stderr).decode("utf-8", "replace").splitlines():
        line = line.strip()
        if line and line not in seen:
            seen.append(line)
    return p.returncode, seen


def refresh(path):
    name = os.path.basename(path)
    with open(path, "rb") as f:
        raw = f.read().decode("utf-8", "surrogateescape")
    lines = raw.split("\n")
    desc = []
    i = 0
    while i < len(lines) and (lines[i].startswith("## ") or lines[i] == "##" or lines[i].startswith("#|")):
        if not lines[i].startswith("#|"):
            desc.append(lines[i])
        i += 1
    body = lines[i:]
    header = []
    for _ in range(5):
        text = "\n".join(desc + header + body)
        with open(path, "wb") as f:
            f.write(text.encode("utf-8", "surrogateescape"))
        code, msgs = run(name)
        new = ["#| keepalived 2.2.7 (-t -i node1) exits %d%s" % (code, ":" if msgs else ", no messages")]
        new += ["#|   " + (m if len(m) <= 160 else m[:150] + " [...]") for m in msgs]
        if new == header:
            print("%-45s exit %d, %d message(s)" % (name, code, len(msgs)))
            return
        header = new
    print("%s: header did not converge" % name, file=sys.stderr)


def main():
    files = sys.argv[1:] or sorted(glob.glob(os.path.join(CORPUS, "*.conf")))
    setup()
    try:
        for f in files:
            refresh(os.path.abspath(f))
    finally:
        sh("ip", "netns", "del", NS, check=False)


if __name__ == "__main__":
    main()
