// What the browser tests share: a free port, the real `lectern serve` over an archive, the
// sample archive (with one timed transcript) and the UN General Debate archive of ../shared,
// and the headless Chromium (Debian's) they all drive.

import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import readline from "node:readline";
import { fileURLToPath } from "node:url";
import zlib from "node:zlib";

const here = path.dirname(fileURLToPath(import.meta.url));
export const repo = path.resolve(here, "../..");
export const bin = process.env.LECTERN_BIN || path.join(repo, "target/debug/lectern");
export const chromiumPath = process.env.CHROMIUM || "/usr/bin/chromium";
export const chromiumArgs = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

export function freePort() {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForServer(base, child) {
  const started = Date.now();
  while (Date.now() - started < 60000) {
    if (child.exitCode !== null) throw new Error(`lectern exited with ${child.exitCode}`);
    try {
      const r = await fetch(`${base}/api/search?q=`);
      if (r.ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("the server did not answer within 60 s");
}

/// `lectern serve` on a free port over `dir`/archive and `dir`/index; returns its base URL and
/// the child process (its log goes to `dir`/server.log).
export async function serve(dir) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const log = fs.openSync(path.join(dir, "server.log"), "w");
  const child = spawn(bin, ["--archive", path.join(dir, "archive"), "--index", path.join(dir, "index"), "serve", "--addr", `127.0.0.1:${port}`], { stdio: ["ignore", "ignore", log] });
  await waitForServer(base, child);
  return { base, port, server: child };
}

/// A copy of the sample archive with one timed transcript (cues as `[mm:ss]` paragraphs).
export function makeSampleArchive(dir) {
  fs.cpSync(path.join(repo, "archive"), path.join(dir, "archive"), { recursive: true });
  const timed = [
    "+++",
    'title = "Gesprek over buurtnetwerken (transcript)"',
    'date = "2024-03-14"',
    'kind = "interview"',
    'speakers = [{ name = "B. Oudeweg", role = "interviewer" }, { name = "Marloes van Dalsum", role = "interviewee" }]',
    'themes = ["opbouwwerk"]',
    'language = "nl"',
    'source = "Sample item written for Lectern"',
    "+++",
    "",
    "[00:05] Welkom bij dit gesprek over de wijk.",
    "",
    "[03:10] We beginnen bij de vraag wat een buurt samenhoudt.",
    "",
    "[12:40] Een zeldzaam woord hier: stoepkrijtavond, waar bewoners elkaar leren kennen.",
    "",
    "[15:00] Meer over het project op [de projectsite](https://example.org/buurtnetwerken).",
    "",
  ].join("\n");
  fs.writeFileSync(path.join(dir, "archive/interviews/2024-gesprek-buurtnetwerken.md"), timed);
}

/// The 10,952 UN General Debate speeches of ../shared as items (one speaker each, series
/// "UN General Debate", 1946-2024), imported and indexed with `lectern import` into
/// `dir`/archive and `dir`/index. The same items as tests/it/visitor_scale.rs. Returns seconds.
export async function makeUnArchive(dir) {
  const corpus = path.join(repo, "../shared/data/corpora/ungdc/speeches.jsonl.gz");
  if (!fs.existsSync(corpus)) {
    throw new Error(`the browser tests at scale need ../shared beside the repository (${corpus} is missing)`);
  }
  const started = Date.now();
  const lines = path.join(dir, "un.jsonl");
  const out = fs.createWriteStream(lines);
  const input = readline.createInterface({ input: fs.createReadStream(corpus).pipe(zlib.createGunzip()), crlfDelay: Infinity });
  for await (const line of input) {
    const speech = JSON.parse(line);
    const text = speech.text || "";
    const item = {
      id: `ungd-${speech.id.toLowerCase().replaceAll("_", "-")}`,
      title: `${speech.country || speech.country_iso || "Unknown"}: general debate, session ${speech.session}`,
      date: String(speech.year),
      kind: "lecture",
      series: "UN General Debate",
      language: "en",
      body: text.trim() ? text.replaceAll("\n", "\n\n") : "(no text)",
    };
    if (speech.speaker) item.speakers = [speech.speaker];
    if (!out.write(JSON.stringify(item) + "\n")) await new Promise((r) => out.once("drain", r));
  }
  await new Promise((r) => out.end(r));
  const log = path.join(dir, "import.log");
  const child = spawn(bin, ["--archive", path.join(dir, "archive"), "--index", path.join(dir, "index"), "import", lines], { stdio: ["ignore", "ignore", fs.openSync(log, "w")] });
  const status = await new Promise((resolve) => child.on("exit", resolve));
  if (status !== 0) throw new Error(`lectern import failed (${status}): ${fs.readFileSync(log, "utf8").slice(-2000)}`);
  fs.rmSync(lines);
  return (Date.now() - started) / 1000;
}
