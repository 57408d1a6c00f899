"""Checks Lectern's interoperability documents with real clients (see run.sh).

Expected values come from the archive files themselves (their paths and TOML front matter)
or, for filtered feeds, from the JSON API; every check prints PASS or FAIL with a reason.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import time
import tomllib
import urllib.parse
import urllib.request

import feedparser
from sickle import Sickle

RESULTS = []


def check(name, ok, detail=""):
    RESULTS.append(bool(ok))
    print(f"{'PASS' if ok else 'FAIL'}  {name}" + ("" if ok else f": {detail}"))


def fetch(base, path):
    with urllib.request.urlopen(base + path, timeout=30) as response:
        return response.read().decode("utf-8")


def slug(text):
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def archive_items(root):
    """id -> front matter of every item file (not README, not in _ or . folders)."""
    items = {}
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith((".", "_"))]
        for name in files:
            if not name.endswith(".md") or name.lower() == "readme.md":
                continue
            path = os.path.join(folder, name)
            relative = os.path.relpath(path, root)[: -len(".md")]
            text = open(path, encoding="utf-8").read()
            front = text.split("+++")[1]
            items[slug(relative.replace(os.sep, "-"))] = tomllib.loads(front)
    return items


def wait_for(base):
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            fetch(base, "/api/search?limit=1")
            return
        except Exception:
            time.sleep(0.3)
    sys.exit("the server did not answer within 120 s")


def xmllint(schemas, schema, path):
    env = dict(os.environ, XML_CATALOG_FILES=os.path.join(schemas, "catalog.xml"))
    run = subprocess.run(
        ["xmllint", "--nonet", "--noout", "--schema", os.path.join(schemas, schema), path],
        env=env, capture_output=True, text=True)
    return run.returncode == 0, run.stderr.strip()[-500:]


class RecordingSickle(Sickle):
    """Sickle that keeps every raw response it receives."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.raw = []

    def harvest(self, **kwargs):
        response = super().harvest(**kwargs)
        self.raw.append((dict(kwargs), response.raw))
        return response


def check_oai(args, expected):
    out = args.out
    harvester = RecordingSickle(args.base + "/oai")
    records = list(harvester.ListRecords(metadataPrefix="oai_dc", ignore_deleted=False))
    live = [r for r in records if not r.deleted]
    deleted = [r for r in records if r.deleted]
    ids = sorted(r.header.identifier.rsplit(":", 1)[1] for r in live)
    check("sickle harvests every item through resumption tokens", ids == sorted(expected),
          f"got {len(ids)}: {sorted(set(expected) ^ set(ids))}")
    check("the harvest took several pages", len(harvester.raw) == -(-len(records) // 5),
          f"{len(harvester.raw)} responses for {len(records)} records")
    check("the trashed item is a deleted record",
          [r.header.identifier.rsplit(":", 1)[1] for r in deleted] == ["essays-2016-withdrawn-essay"],
          [r.header.identifier for r in deleted])
    seed = next((r for r in live if r.header.identifier.endswith(":marie-kamphuis-lezing-2022-de-monnink")), None)
    front = expected.get("marie-kamphuis-lezing-2022-de-monnink", {})
    speakers = [s if isinstance(s, str) else s["name"] for s in front.get("speakers", [])]
    check("oai_dc names the speakers as creators and the lecture date",
          seed is not None and seed.metadata.get("creator") == speakers
          and seed.metadata.get("date") == [str(front.get("date"))],
          seed and seed.metadata)
    identifiers = list(harvester.ListIdentifiers(metadataPrefix="oai_dc", ignore_deleted=False))
    check("ListIdentifiers lists the same records", len(identifiers) == len(records), len(identifiers))
    series = list(harvester.ListIdentifiers(metadataPrefix="oai_dc", set="series:marie-kamphuis-lezing"))
    in_series = sorted(i for i, f in expected.items() if slug(f.get("series", "")) == "marie-kamphuis-lezing")
    check("a set selects its series", sorted(h.identifier.rsplit(":", 1)[1] for h in series) == in_series,
          [h.identifier for h in series])
    harvester.Identify()
    list(harvester.ListMetadataFormats())
    list(harvester.ListSets())
    harvester.GetRecord(identifier=seed.header.identifier if seed else "", metadataPrefix="oai_dc")
    harvester.GetRecord(identifier=deleted[0].header.identifier if deleted else "", metadataPrefix="oai_dc")
    # Error answers, fetched directly (sickle raises on them).
    errors = {
        "badVerb": "verb=Explode",
        "badArgument": "verb=ListRecords&metadataPrefix=oai_dc&from=last-week",
        "cannotDisseminateFormat": "verb=ListRecords&metadataPrefix=marc21",
        "idDoesNotExist": "verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:nowhere:x",
        "noRecordsMatch": "verb=ListIdentifiers&metadataPrefix=oai_dc&set=theme:no-such-theme",
        "badResumptionToken": "verb=ListRecords&resumptionToken=garbage",
    }
    for code, query in errors.items():
        body = fetch(args.base, "/oai?" + query)
        check(f"OAI error {code}", f'<error code="{code}">' in body, body[-300:])
        harvester.raw.append(({"verb": "error " + code}, body))
    os.makedirs(out, exist_ok=True)
    for n, (params, raw) in enumerate(harvester.raw):
        path = os.path.join(out, f"oai-{n:02}.xml")
        with open(path, "w", encoding="utf-8") as f:
            f.write(raw)
        with_records = params.get("verb") in ("ListRecords", "GetRecord")
        ok, why = xmllint(args.schemas, "oai-pmh-with-oai_dc.xsd" if with_records else "OAI-PMH.xsd", path)
        check(f"xmllint: OAI {params} validates", ok, why)


def feed_ids(feed):
    return sorted(e.id.rsplit("/items/", 1)[1] for e in feed.entries)


def api_ids(base, query):
    found = json.loads(fetch(base, "/api/search?limit=100&sort=newest&" + query))
    return sorted(hit["id"] for hit in found["hits"])


def check_feeds(args, expected):
    feeds = {
        "/feed.atom": sorted(expected),
        "/speakers/herman-de-monnink/feed.atom": api_ids(args.base, "speaker=herman-de-monnink"),
        "/series/marie-kamphuis-lezing/feed.atom": api_ids(args.base, "series=marie-kamphuis-lezing"),
        "/themes/sociaal-werk/feed.atom": api_ids(args.base, "theme=sociaal-werk"),
        "/search.atom?q=armoede&sort=newest&limit=100": api_ids(args.base, "q=armoede"),
        "/search.atom?q=zzzyx-qqvwx": [],
    }
    for n, (path, want) in enumerate(feeds.items()):
        text = fetch(args.base, path)
        file = os.path.join(args.out, f"feed-{n}.xml")
        with open(file, "w", encoding="utf-8") as f:
            f.write(text)
        run = subprocess.run(["jing", "-c", os.path.join(args.schemas, "atom.rnc"), file],
                             capture_output=True, text=True)
        check(f"jing: {path} is valid Atom", run.returncode == 0, run.stdout[-500:])
        feed = feedparser.parse(text)
        check(f"feedparser: {path} parses without bozo", not feed.bozo, feed.get("bozo_exception"))
        check(f"{path} holds the expected items", feed_ids(feed) == want, (feed_ids(feed), want))
        absolute = all(e.id.startswith(args.base + "/items/") and e.get("updated") for e in feed.entries)
        check(f"{path}: entries have absolute ids and updated", absolute)


def check_pages(args, expected):
    item_id = "marie-kamphuis-lezing-2022-de-monnink"
    page = fetch(args.base, f"/items/{item_id}")
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    try:
        data = json.loads(scripts[0])
    except (IndexError, ValueError) as e:
        data = {}
        check("the item's JSON-LD parses", False, e)
    front = expected[item_id]
    speakers = [s if isinstance(s, str) else s["name"] for s in front.get("speakers", [])]
    check("JSON-LD names the speakers as Persons",
          [a.get("name") for a in data.get("author", [])] == speakers
          and all(a.get("@type") == "Person" for a in data.get("author", [])), data.get("author"))
    check("JSON-LD gives the date", data.get("datePublished") == str(front["date"]), data.get("datePublished"))
    check("citation_author per speaker",
          re.findall(r'<meta name="citation_author" content="([^"]*)">', page) == speakers)
    sitemap = fetch(args.base, "/sitemap.xml")
    locs = set(re.findall(r"<loc>([^<]*)</loc>", sitemap))
    missing = [i for i in expected if f"{args.base}/items/{i}" not in locs]
    check("sitemap.xml lists every item", not missing, missing)
    opensearch = fetch(args.base, "/opensearch.xml")
    check("opensearch.xml has a suggestions URL", "application/x-suggestions+json" in opensearch)
    suggestions = json.loads(fetch(args.base, "/opensearch/suggest?q=" + urllib.parse.quote("mönn")))
    check("suggestions in [query, [completions]] form",
          suggestions[0] == "mönn" and "Herman de Mönnink" in suggestions[1], suggestions)


def main():
    parser = argparse.ArgumentParser()
    for flag in ("--base", "--schemas", "--archive", "--out"):
        parser.add_argument(flag, required=True)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    expected = archive_items(args.archive)
    wait_for(args.base)
    for part in (check_oai, check_feeds, check_pages):
        try:
            part(args, expected)
        except Exception as e:  # a crash in one part is a failure, and the others still run
            check(f"{part.__name__} ran to the end", False, repr(e))
    failed = RESULTS.count(False)
    print(f"{RESULTS.count(True)} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
