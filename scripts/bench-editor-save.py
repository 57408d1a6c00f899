#!/usr/bin/env python3
"""Time from an editor save to searchable, on a real server over HTTP (issue 16).

Usage: scripts/bench-editor-save.py BINARY ARCHIVE INDEX [SAVES]

ARCHIVE is an archive folder (e.g. 10,000 UN speeches imported with `lectern import`, as
scripts/bench.sh makes them) that the run edits in place: use a scratch copy. INDEX is its index
folder (built first if missing). The script adds a user, starts `lectern serve`, signs in, and
SAVES times (default 5) opens an item in the editor, appends a new word to its text, posts the
form as the browser would and polls /api/search for the word every 20 ms. It prints each
save's HTTP time and time to searchable, and how many items the index holds, before and after.
Standard library only.
"""

import html.parser
import http.cookiejar
import json
import os
import random
import socket
import string
import subprocess
import sys
import time
import urllib.parse
import urllib.request


class Forms(html.parser.HTMLParser):
    """Every form's action and its named fields (input values, textarea text)."""

    def __init__(self):
        super().__init__()
        self.forms, self.textarea, self.select = [], None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append((attrs.get("action", ""), {}))
        elif tag == "input" and self.forms and attrs.get("name"):
            if attrs.get("type") not in ("checkbox", "radio") or "checked" in attrs:
                self.forms[-1][1][attrs["name"]] = attrs.get("value", "")
        elif tag == "select" and self.forms and attrs.get("name"):
            self.select = attrs["name"]
        elif tag == "option" and self.select and (
                "selected" in attrs or self.select not in self.forms[-1][1]):
            self.forms[-1][1][self.select] = attrs.get("value", "")
        elif tag == "textarea" and self.forms and attrs.get("name"):
            self.textarea = attrs["name"]
            self.forms[-1][1][self.textarea] = ""

    def handle_endtag(self, tag):
        if tag == "textarea":
            self.textarea = None
        elif tag == "select":
            self.select = None

    def handle_data(self, data):
        if self.textarea:
            self.forms[-1][1][self.textarea] += data


def form(page, action):
    parser = Forms()
    parser.feed(page)
    for found, fields in parser.forms:
        if found == action:
            return fields
    sys.exit(f"no form posting to {action} on the page")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    binary, archive, index = sys.argv[1:4]
    saves = int(sys.argv[4]) if len(sys.argv) > 4 else 5
    users = os.path.join(archive, "..", "bench-users.toml")
    common = [binary, "--archive", archive, "--index", index]
    subprocess.run(common + ["user", "add", "bench", "--users", users],
                   input=b"bench-password-123\n", check=True, capture_output=True)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        common + ["serve", "--addr", f"127.0.0.1:{port}", "--users", users,
                  "--insecure-cookies"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))

    def get(path):
        with opener.open(base + path, timeout=60) as r:
            return r.read().decode()

    def post(path, fields):
        data = urllib.parse.urlencode(fields).encode()
        with opener.open(base + path, data=data, timeout=60) as r:
            return r.status, r.read().decode()

    try:
        started = time.time()
        while True:
            try:
                total = json.loads(get("/api/search?q=&limit=1"))["total"]
                break
            except Exception:
                if time.time() - started > 1800:
                    sys.exit("the server did not answer within 30 minutes")
                time.sleep(1)
        print(f"server ready after {time.time() - started:.1f} s; {total} items")
        login = form(get("/admin/login"), "/admin/login")
        login.update(user="bench", password="bench-password-123")
        post("/admin/login", login)
        ids = [h["id"] for h in json.loads(get("/api/search?q=peace&limit=50"))["hits"]]
        random.seed(7)
        for n in range(saves):
            item = random.choice(ids)
            fields = form(get(f"/admin/items/{urllib.parse.quote(item)}"), "/admin/save")
            word = "zq" + "".join(random.choice(string.ascii_lowercase) for _ in range(10))
            fields["body"] = fields.get("body", "") + f"\n\nEen nieuw woord: {word}.\n"
            t0 = time.time()
            status, _ = post("/admin/save", fields)
            saved = time.time() - t0
            while True:
                hits = json.loads(get(f"/api/search?q={word}"))["total"]
                if hits:
                    break
                if time.time() - t0 > 60:
                    sys.exit(f"save {n + 1}: {word} not searchable after 60 s")
                time.sleep(0.02)
            print(f"save {n + 1} ({item}): HTTP {status} in {saved * 1000:.0f} ms, "
                  f"searchable after {(time.time() - t0) * 1000:.0f} ms")
        total_after = json.loads(get("/api/search?q=&limit=1"))["total"]
        print(f"items before {total}, after {total_after}")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
