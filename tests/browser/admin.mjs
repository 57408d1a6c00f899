// Browser test of the web editor: sign in, upload a text file, fill in the metadata, save,
// and find the new item through the public search. Real server, real headless Chromium.
// Run from the repository root after `cargo build`: node tests/browser/admin.mjs
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import net from 'node:net';

const require = createRequire(import.meta.url);
const { chromium } = require('./node_modules/playwright-core');

const root = resolve(new URL('../..', import.meta.url).pathname);
const bin = process.env.LECTERN_BIN || join(root, 'target/debug/lectern');
const work = mkdtempSync(join(tmpdir(), 'lectern-admin-'));
const archive = join(work, 'archive');
const users = join(work, 'users.toml');
cpSync(join(root, 'archive'), archive, { recursive: true });

function check(condition, message) {
  if (!condition) throw new Error(message);
}

async function freePort() {
  return new Promise((ok) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => ok(port));
    });
  });
}

const added = spawnSync(bin, ['--archive', archive, 'user', 'add', 'tester', '--users', users], {
  input: 'een heel geheim wachtwoord\n',
});
check(added.status === 0, `user add failed: ${added.stderr}`);

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const server = spawn(bin, ['--archive', archive, '--index', join(work, 'index'), 'serve',
  '--addr', `127.0.0.1:${port}`, '--users', users, '--insecure-cookies'], { stdio: 'ignore' });

let browser;
let page;
try {
  for (let i = 0; ; i++) {
    try { if ((await fetch(`${base}/`)).ok) break; } catch {}
    check(i < 600, 'the server did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  // A fresh profile each run (playwright passes it as --user-data-dir).
  browser = await chromium.launchPersistentContext(join(work, 'chromium-profile'), {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  // Every Content-Security-Policy violation on any page ends up in `violations`.
  const violations = [];
  await browser.addInitScript(() => document.addEventListener('securitypolicyviolation',
    (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`)));
  browser.on('console', (message) => {
    if (/CSP violation|Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  page = await browser.newPage();
  page.on('console', (message) => {
    if (/CSP violation|Content Security Policy/i.test(message.text())) violations.push(message.text());
  });

  // Not signed in: the editor sends us to the sign-in page.
  const first = await page.goto(`${base}/admin/new`);
  check(page.url().endsWith('/admin/login'), `expected the sign-in page, got ${page.url()}`);
  // Security headers (issue 13, item 17) on the editor's pages, as on every response.
  const headers = first.headers();
  check(/script-src 'self'/.test(headers['content-security-policy'] || '')
    && !/unsafe-inline/.test(headers['content-security-policy']), `CSP: ${headers['content-security-policy']}`);
  check(/frame-ancestors 'none'/.test(headers['content-security-policy']), 'no frame-ancestors');
  check(headers['x-content-type-options'] === 'nosniff', 'no X-Content-Type-Options');
  check(headers['x-frame-options'] === 'DENY', 'no X-Frame-Options');
  check(headers['referrer-policy'] === 'same-origin', 'no Referrer-Policy');
  await page.fill('#user', 'tester');
  await page.fill('#password', 'een heel geheim wachtwoord');
  await Promise.all([page.waitForURL(`${base}/admin`), page.click('#sign-in')]);

  // Upload a text file with a little metadata.
  await page.goto(`${base}/admin/new`);
  const text = 'Verslag\n\nDe stadsboerderij als ontmoetings-\nplek voor de hele buurt: een zeldzaam geslaagd voorbeeld van burenhulp.\n';
  await page.setInputFiles('#file', { name: 'stadsboerderij.txt', mimeType: 'text/plain', buffer: Buffer.from(text) });
  await page.fill('#title', 'De stadsboerderij als ontmoetingsplek');
  await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.click('#continue')]);

  // Review: no date in the text, so fill it in; check the cleaned text; preview; save.
  const body = await page.inputValue('#body', { timeout: 5000 });
  check(body.includes('ontmoetingsplek voor de hele buurt'), `the text was not cleaned: ${body}`);
  await page.fill('#date', '2024-06-21');
  await page.fill('#speakers', 'Fatma Yilmaz (lecturer)');
  await page.selectOption('#kind', 'report');
  await Promise.all([page.waitForURL(`${base}/admin/preview`), page.click('button[formaction="/admin/preview"]')]);
  check(await page.isVisible('article.preview'), 'the preview is missing');
  await Promise.all([page.waitForURL(/\/admin\?saved=/), page.click('#save')]);
  check((await page.textContent('body')).includes('searchable now'), 'no saved message');

  // A visitor finds it through the public search.
  const visitor = await browser.newPage();
  visitor.on('console', (message) => {
    if (/CSP violation|Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  const results = await visitor.goto(`${base}/search?q=stadsboerderij`);
  check(/script-src 'self'/.test(results.headers()['content-security-policy'] || ''), 'no CSP on a public page');
  // The suggestions script runs under the policy: typing fetches /api/suggest.
  await Promise.all([
    visitor.waitForResponse((r) => r.url().includes('/api/suggest')),
    visitor.fill('#q', 'stadsb'),
  ]);
  const link = visitor.locator('ol.results h3 a').first();
  check((await link.textContent()).includes('De stadsboerderij als ontmoetingsplek'), 'not found by search');
  check(!(await visitor.content()).includes('/admin'), 'a public page links to the editor');
  await Promise.all([visitor.waitForURL(/\/items\//), link.click()]);
  check((await visitor.textContent('main')).includes('Fatma Yilmaz'), 'the item page lacks the speaker');
  check(violations.length === 0, `Content-Security-Policy violations: ${violations.join('; ')}`);
  console.log('browser admin test: ok');
} catch (error) {
  if (page) console.error(`at ${page.url()}:\n${(await page.textContent('body').catch(() => '')).slice(0, 2000)}`);
  throw error;
} finally {
  if (browser) await browser.close();
  server.kill();
  rmSync(work, { recursive: true, force: true });
}
