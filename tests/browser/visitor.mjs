// Visitor tests in a real browser: headless Chromium (Debian's `chromium`) driven by
// playwright-core, with axe-core for WCAG 2.1 AA. Starts the real `lectern serve` on a free
// port over a copy of the sample archive plus one timed transcript, then: search, pick a
// facet, remove it, sort by newest, open an item, follow a passage link (also `#t=`), use the
// year histogram, switch language, take a suggestion from the search box's combobox (keyboard,
// mouse, a phone); axe on every page type;
// page weight and no requests to other hosts. Screenshots go to target/screenshots/.
// Prints "N passed, N failed" and exits non-zero on any failure.
//
// Usage: node tests/browser/visitor.mjs   (after `cargo build`; LECTERN_BIN overrides the binary)

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { chromiumArgs, chromiumPath, makeSampleArchive, makeUnArchive, repo, serve } from "./serve.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const shots = path.join(repo, "target/screenshots");
const axePath = path.join(here, "node_modules/axe-core/axe.min.js");

const results = [];
async function check(name, fn) {
  try {
    await fn();
    results.push([name, null]);
    console.log(`ok    ${name}`);
  } catch (e) {
    results.push([name, e]);
    console.log(`FAIL  ${name}: ${e.message.split("\n").slice(0, 8).join("\n      ")}`);
  }
}
function assert(condition, message) {
  if (!condition) throw new Error(message);
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "lectern-browser-"));
makeSampleArchive(tmp);
// The archive at scale is imported while the sample's checks run (LECTERN_SCALE_ARCHIVE: a
// folder with archive/ and index/ made before, to skip the import while working on the checks).
const scaleDir = process.env.LECTERN_SCALE_ARCHIVE || path.join(tmp, "un");
const scaleArchive = process.env.LECTERN_SCALE_ARCHIVE
  ? Promise.resolve({ seconds: 0 })
  : (fs.mkdirSync(scaleDir), makeUnArchive(scaleDir)).then((seconds) => ({ seconds }), (error) => ({ error }));
let browser;
let server;
let scaleServer;
try {
  const served = await serve(tmp);
  server = served.server;
  const { base, port } = served;
  // A fresh profile (--user-data-dir) every run, given the way playwright wants it.
  browser = await chromium.launchPersistentContext(path.join(tmp, "profile"), {
    executablePath: chromiumPath,
    args: chromiumArgs,
    locale: "nl-NL",
    viewport: { width: 1200, height: 900 },
    // axe-core is injected as an inline script, which the site's Content-Security-Policy
    // refuses (as it should); the editor's browser test checks the policy itself.
    bypassCSP: true,
  });
  const page = browser.pages()[0] || (await browser.newPage());
  const foreign = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.hostname !== "127.0.0.1" && url.protocol !== "data:") foreign.push(request.url());
  });
  fs.mkdirSync(shots, { recursive: true });
  const shot = (name) => page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
  const axe = async (label) => {
    await page.addScriptTag({ path: axePath });
    const found = await page.evaluate(async () => {
      const r = await window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
      return r.violations.map((v) => `${v.id} (${v.impact}): ${v.help} -> ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
    });
    assert(found.length === 0, `${label}: ${found.length} axe violations:\n${found.join("\n")}`);
  };
  // No page scrolls sideways on a phone (390 px) nor on a small one (320 px).
  const noOverflow = async (urls, origin = base) => {
    const wide = [];
    for (const width of [390, 320]) {
      await page.setViewportSize({ width, height: 844 });
      for (const url of urls) {
        await page.goto(`${origin}${url}`);
        const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
        if (scroll > width) wide.push(`${url} is ${scroll} px wide on a ${width} px screen`);
      }
    }
    assert(wide.length === 0, wide.join("\n"));
  };

  await check("home page: search box, skip link first in tab order", async () => {
    await page.goto(`${base}/`);
    await shot("home");
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => document.activeElement.className);
    assert(focused.includes("skip"), `first Tab focuses "${focused}", not the skip link`);
    await axe("home");
  });

  await check("search: typing a query and Enter shows results with passages", async () => {
    await page.fill("#q", "continuïteit");
    await page.press("#q", "Enter");
    await page.waitForURL(/\/search\?/);
    const hits = await page.locator("ol.results > li").count();
    assert(hits > 1, `only ${hits} hits`);
    assert((await page.locator("ul.passages a.anchor").count()) > 0, "no passage links");
    assert((await page.locator("p.matched").count()) > 0, "no why-matched line");
    await shot("search");
    await axe("search results");
  });

  let before;
  await check("pick a facet: results narrow and the filter is shown", async () => {
    before = await page.locator("ol.results > li").count();
    await page.locator("#facet-speaker + ul a").first().click();
    await page.waitForURL(/speaker=/);
    const after = await page.locator("ol.results > li").count();
    assert(after > 0 && after < before, `facet gave ${after} of ${before}`);
    assert((await page.locator("p.active a").count()) > 0, "no active filter");
    await axe("search with a facet");
  });

  await check("facets work by keyboard: Tab to a facet, Enter", async () => {
    const url = page.url();
    await page.goto(`${base}/search?q=continu%C3%AFteit`);
    let inFacets = false;
    for (let i = 0; i < 40 && !inFacets; i++) {
      await page.keyboard.press("Tab");
      inFacets = await page.evaluate(() => !!document.activeElement.closest("aside.facets ul"));
    }
    assert(inFacets, "no facet link in the tab order");
    await page.keyboard.press("Enter");
    await page.waitForURL(/speaker=/);
    await page.goto(url);
  });

  await check("remove the facet: back to all results", async () => {
    await page.locator("p.active a").first().click();
    await page.waitForURL((url) => !url.search.includes("speaker="));
    assert((await page.locator("ol.results > li").count()) === before, "results did not come back");
  });

  await check("sort by newest: dates descend", async () => {
    await page.getByRole("link", { name: "nieuwste eerst" }).click();
    await page.waitForURL(/sort=newest/);
    const dates = await page.locator("ol.results time").evaluateAll((ts) => ts.map((t) => t.getAttribute("datetime")));
    const sorted = [...dates].sort().reverse();
    assert(JSON.stringify(dates) === JSON.stringify(sorted), `not newest first: ${dates}`);
  });

  await check("year histogram: a bar filters by its year", async () => {
    const bar = page.locator("figure.histogram a").first();
    await bar.click();
    await page.waitForURL(/year=\d{4}/);
    const year = new URL(page.url()).searchParams.get("year");
    const years = await page.locator("ol.results time").evaluateAll((ts) => ts.map((t) => t.getAttribute("datetime").slice(0, 4)));
    assert(years.length > 0 && years.every((y) => y === year), `years ${years} for filter ${year}`);
  });

  await check("year range control: from and to narrow the results", async () => {
    await page.goto(`${base}/search?q=sociaal`);
    await page.fill("#from", "2019");
    await page.fill("#to", "2021");
    await page.locator("form.range button").click();
    await page.waitForURL(/from=2019/);
    const years = await page.locator("ol.results time").evaluateAll((ts) => ts.map((t) => +t.getAttribute("datetime").slice(0, 4)));
    assert(years.length > 0 && years.every((y) => y >= 2019 && y <= 2021), `years ${years}`);
    assert(new URL(page.url()).searchParams.get("q") === "sociaal", "the query was lost");
  });

  await check("open an item: its page with related items and citations", async () => {
    await page.goto(`${base}/search?q=continu%C3%AFteit`);
    await page.locator("ol.results h3 a").first().click();
    await page.waitForURL(/\/items\//);
    assert((await page.locator("h1").count()) === 1, "no h1");
    assert((await page.locator("section.related li").count()) > 0, "no related items");
    assert((await page.locator("section.cite pre").count()) === 3, "no citations");
    await shot("item");
    await axe("item");
  });

  await check("follow a passage link: lands on the paragraph", async () => {
    await page.goto(`${base}/search?q=continu%C3%AFteit`);
    const link = page.locator("ul.passages a.anchor").first();
    const href = await link.getAttribute("href");
    await link.click();
    await page.waitForURL(/\/items\/.*#p-\d+/);
    const id = decodeURIComponent(new URL(page.url()).hash.slice(1));
    const target = page.locator(`[id="${id}"]`);
    assert((await target.count()) === 1, `no element with id ${id} (${href})`);
    assert(/continu/i.test(await target.textContent()), "the paragraph does not have the word");
    assert(await target.evaluate((el) => el.matches(":target")), "the paragraph is not the :target");
    const top = await target.evaluate((el) => [el.getBoundingClientRect().top, window.innerHeight, window.scrollY]);
    assert(top[0] >= -5 && top[0] < top[1] && top[2] > 0, `not scrolled to the paragraph: top ${top[0]}, viewport ${top[1]}, scrollY ${top[2]}`);
  });

  await check("timed transcript: the passage links to #t=12:40", async () => {
    await page.goto(`${base}/search?q=stoepkrijtavond`);
    const link = page.locator("ul.passages a.anchor").first();
    assert((await link.getAttribute("href")).endsWith("#t=12:40"), await link.getAttribute("href"));
    await link.click();
    await page.waitForURL(/#t=12:40/);
    assert(await page.locator('[id="t=12:40"]').evaluate((el) => el.matches(":target")), "cue is not the :target");
  });

  await check("nothing found: a respelling and the query without filters are offered", async () => {
    await page.goto(`${base}/search?q=kontinuiteyt`); // two letters off: one would be found at once
    assert((await page.locator("a.suggestion").count()) === 1, "no spelling suggestion");
    await page.locator("a.suggestion").click();
    assert((await page.locator("ol.results > li").count()) > 0, "the suggestion finds nothing");
    await page.goto(`${base}/search?q=continuiteit&speaker=Helen+Ashcombe&kind=essay`);
    await shot("no-results");
    await axe("no results");
    await page.locator("a.without").click();
    assert((await page.locator("ol.results > li").count()) > 0, "without filters finds nothing");
  });

  for (const [name, url] of [["speaker", "/speakers/herman-de-monnink"], ["series", "/series/marie-kamphuis-lezing"], ["theme", "/themes/continuiteit"], ["year", "/years/2022"], ["people", "/people"], ["person", "/people/marloes-kuipers"], ["item-with-quotes", "/items/agenda-sociaal-werk-2025-verslag-buurtavond"], ["quote-search", "/search?q=citaat%3Abudget"], ["not-found", "/no/such/page"]]) {
    await check(`${name} page passes axe`, async () => {
      await page.goto(`${base}${url}`);
      await shot(name);
      await axe(name);
    });
  }
  await check("who said what: a citaat: search shows whose quotation; the person's page links to its paragraph", async () => {
    await page.goto(`${base}/search?q=citaat%3Abudget`);
    const first = page.locator("ol.results > li").first();
    assert((await first.textContent()).includes("Marloes Kuipers"), "the hit does not say whose quotation it is");
    await page.goto(`${base}/people/marloes-kuipers`);
    const link = page.locator('a[href^="/items/agenda-sociaal-werk-2025-verslag-buurtavond#p-"]').first();
    assert(await link.isVisible(), "the person page has no link to the quotation's paragraph");
    await link.click();
    const target = await page.evaluate(() => location.hash);
    assert(/^#p-\d+$/.test(target), `followed to ${target}`);
    assert((await page.locator(`[id="${target.slice(1)}"]`).textContent()).includes("budget"), "the paragraph is not the quotation's");
  });
  await check("every page type passes axe in English too", async () => {
    for (const url of ["/", "/search?q=continu%C3%AFteit&speaker=Bram+Oudeweg", "/search?q=qqqq", "/items/interviews-2024-gesprek-buurtnetwerken", "/speakers/bram-oudeweg", "/series/marie-kamphuis-lezing", "/themes/continuiteit", "/years/2022", "/nope"]) {
      await page.goto(`${base}${url}${url.includes("?") ? "&" : "?"}ui=en`);
      await axe(`${url} (en)`);
    }
  });

  await check("a name variant leads to the one speaker page", async () => {
    await page.goto(`${base}/speakers/b-oudeweg`);
    assert(page.url().endsWith("/speakers/bram-oudeweg"), page.url());
    assert((await page.locator("table.chronology tbody tr").count()) >= 2, "appearances not merged");
  });

  await check("switch language: the same page in English, dates in English", async () => {
    await page.goto(`${base}/search?q=continu%C3%AFteit`);
    await page.locator("footer a[hreflang=en]").click();
    await page.waitForURL(/ui=en/);
    assert((await page.getAttribute("html", "lang")) === "en", "html lang is not en");
    assert((await page.locator("h1").textContent()) === "Results", "heading not in English");
    assert(/January|February|March|April|May|June|July|August|September|October|November|December/.test(await page.locator("ol.results").textContent()), "dates not in English");
    await page.getByRole("link", { name: "newest first" }).click();
    await page.waitForURL(/sort=newest/);
    assert(page.url().includes("ui=en"), "the language did not stick");
    await shot("search-en");
    await axe("search results (en)");
  });

  await check("suggestions: a combobox; type, ArrowDown, Enter takes one; axe clean", async () => {
    await page.goto(`${base}/`);
    const q = page.locator("#q");
    assert((await q.getAttribute("role")) === "combobox", "the box is not a combobox");
    assert((await q.getAttribute("aria-expanded")) === "false", "open before typing");
    await q.pressSequentially("armoede monn", { delay: 30 });
    const list = page.locator("#q-suggestions");
    await list.locator("[role=option]").first().waitFor({ state: "visible", timeout: 5000 });
    assert((await q.getAttribute("aria-expanded")) === "true", "aria-expanded is not true while open");
    assert((await q.getAttribute("aria-controls")) === "q-suggestions", "aria-controls");
    assert((await list.getAttribute("role")) === "listbox", "the popup is not a listbox");
    // The ö of Mönnink is found from "monn", after a first word.
    assert(/Mönnink/.test(await list.locator("[role=option]").first().textContent()), await list.textContent());
    await axe("home with the suggestions open");
    await page.keyboard.press("ArrowDown");
    const active = await q.getAttribute("aria-activedescendant");
    assert(active === "q-suggestions-0", `aria-activedescendant is ${active}`);
    assert((await page.locator("#q-suggestions-0").getAttribute("aria-selected")) === "true", "the active option is not selected");
    assert(await q.evaluate((el) => el === document.activeElement), "the focus left the box");
    await page.keyboard.press("Enter");
    assert(new URL(page.url()).pathname === "/", "Enter on a suggestion submitted the form");
    const value = await q.inputValue();
    assert(value === 'armoede spreker:"Herman de Mönnink" ', `the box holds ${JSON.stringify(value)}`);
    assert((await q.getAttribute("aria-expanded")) === "false", "the list stayed open");
    assert(!(await list.isVisible()), "the list is still shown");
    assert((await q.getAttribute("aria-activedescendant")) === null, "aria-activedescendant kept");
    // A second Enter searches what is in the box.
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/search\?/);
    assert(new URL(page.url()).searchParams.get("q").includes('spreker:"Herman de Mönnink"'), page.url());
  });

  await check("suggestions: Escape closes the list, the text stays; ArrowUp wraps; mouse takes one", async () => {
    await page.goto(`${base}/`);
    const q = page.locator("#q");
    const list = page.locator("#q-suggestions");
    await q.pressSequentially("soc", { delay: 30 });
    await list.locator("[role=option]").first().waitFor({ state: "visible", timeout: 5000 });
    await page.keyboard.press("Escape");
    assert(!(await list.isVisible()) && (await q.getAttribute("aria-expanded")) === "false", "Escape did not close the list");
    assert((await q.inputValue()) === "soc", "Escape changed the text");
    await page.keyboard.press("ArrowUp");
    const count = await list.locator("[role=option]").count();
    assert(await list.isVisible(), "ArrowUp did not open the list again");
    assert((await q.getAttribute("aria-activedescendant")) === `q-suggestions-${count - 1}`, "ArrowUp does not go to the last");
    const second = list.locator("[role=option]").nth(count > 1 ? 1 : 0);
    const text = await second.locator(".value").textContent();
    await second.click();
    assert((await q.inputValue()).includes(text), `a click did not take "${text}": ${await q.inputValue()}`);
    assert(!(await list.isVisible()), "the list stayed open after a click");
  });

  await check("suggestions: items by their title; taking one opens the item", async () => {
    await page.goto(`${base}/`);
    const q = page.locator("#q");
    await q.pressSequentially("kamphuis lezing 20", { delay: 30 });
    const title = page.locator("#q-suggestions [role=option]", { hasText: "(titel, 2022)" }).first();
    await title.waitFor({ state: "visible", timeout: 5000 });
    await title.click();
    await page.waitForURL(/\/items\//);
    assert(/Kamphuis/.test(await page.locator("h1").textContent()), "not the item: " + page.url());
  });

  await check("suggestions on a phone (390 px): the list fits, its options are big enough to tap", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${base}/?ui=en`);
    const q = page.locator("#q");
    await q.pressSequentially("monn", { delay: 30 });
    const option = page.locator("#q-suggestions [role=option]").first();
    await option.waitFor({ state: "visible", timeout: 5000 });
    assert(/speakers/.test(await option.textContent()), "not in English: " + (await option.textContent()));
    const box = await page.locator("#q-suggestions").boundingBox();
    const height = (await option.boundingBox()).height;
    assert(box.x >= 0 && box.x + box.width <= 390, `the list runs from ${box.x} to ${box.x + box.width}`);
    assert(height >= 40, `an option is ${height} px tall`);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert(width <= 390, `the page is ${width} px wide with the list open`);
    await shot("suggestions-phone");
    await axe("suggestions open on a phone");
    await option.tap().catch(() => option.click());
    assert((await q.inputValue()).startsWith('speaker:"Herman de Mönnink"'), await q.inputValue());
    await page.setViewportSize({ width: 1200, height: 900 });
  });

  await check("without its script the box is a plain search field that searches", async () => {
    // The persistent context cannot turn JavaScript off for one page: the script is refused.
    await page.route("**/static/suggest.js", (route) => route.abort());
    await page.goto(`${base}/`);
    assert((await page.locator("#q").getAttribute("role")) === null, "a combobox without its script");
    await page.fill("#q", "sociaal");
    await page.press("#q", "Enter");
    await page.waitForURL(/\/search\?/);
    assert((await page.locator("ol.results > li").count()) > 0, "no results");
    await page.unroute("**/static/suggest.js");
  });

  await check("directory pages (speakers, themes, series A-Z; years by decade) pass axe", async () => {
    for (const url of ["/speakers", "/themes", "/series", "/years", "/themes?ui=en"]) {
      await page.goto(`${base}${url}`);
      assert((await page.locator("ul.directory li").count()) > 0, `${url}: nothing listed`);
      await axe(url);
    }
    await page.goto(`${base}/speakers`);
    await shot("speakers-index");
  });

  await check("a phone (390 px): Filters (n) above the results, opened without JavaScript; nothing overflows at 390 or 320 px", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${base}/search?q=sociaal&speaker=Bram+Oudeweg`);
    const summary = page.locator("details.filters > summary");
    assert((await summary.textContent()).trim() === "Filters (1)", await summary.textContent());
    const first = await page.locator("ol.results > li").first().evaluate((el) => el.getBoundingClientRect().top);
    assert(first < 700, `the first hit starts at ${first} px`);
    assert(!(await page.locator("#facet-speaker").isVisible()), "facets shown before they are asked for");
    await summary.click();
    assert(await page.locator("#facet-speaker").isVisible(), "the control does not open the facets");
    await shot("search-phone");
    await axe("search results on a phone");
    await page.goto(`${base}/series/marie-kamphuis-lezing`);
    await shot("series-phone");
    const urls = ["/", "/search?q=sociaal", "/search?q=sociaal&speaker=Bram+Oudeweg", "/search?q=qqqq", "/search?q=continuiteit&speaker=Helen+Ashcombe&kind=essay", "/items/interviews-2024-gesprek-buurtnetwerken", "/speakers/bram-oudeweg", "/series/marie-kamphuis-lezing", "/themes/continuiteit", "/years/2022", "/speakers", "/themes", "/series", "/years", "/people", "/people/marloes-kuipers", "/items/agenda-sociaal-werk-2025-verslag-buurtavond", "/search?q=citaat%3Abudget", "/no/such/page"];
    await noOverflow(urls.flatMap((url) => [url, `${url}${url.includes("?") ? "&" : "?"}ui=en`]));
    await page.setViewportSize({ width: 1200, height: 900 });
  });

  await check("print: an item without navigation, filters or forms; paragraph anchors and link URLs shown", async () => {
    await page.goto(`${base}/items/marie-kamphuis-lezing-2022-de-monnink`);
    await page.emulateMedia({ media: "print" });
    for (const hidden of ["header.site nav", "header.site form.search", "footer.site", "section.related", "section.cite details"]) {
      const shown = await page.locator(hidden).first().isVisible().catch(() => false);
      assert(!shown, `${hidden} is printed`);
    }
    assert(await page.locator("article h1").isVisible(), "no title in print");
    const anchor = await page.locator('.item-body [id="p-2"]').evaluate((el) => getComputedStyle(el, "::before").content);
    assert(anchor.includes("#p-2"), `the paragraph's anchor is not printed: ${anchor}`);
    const font = await page.locator(".item-body").evaluate((el) => getComputedStyle(el).fontFamily);
    assert(/Georgia|serif/.test(font), `print font ${font}`);
    await shot("item-print");
    await page.goto(`${base}/items/interviews-2024-gesprek-buurtnetwerken`);
    const after = await page.locator('.item-body a[href^="https://example.org"]').evaluate((a) => getComputedStyle(a, "::after").content);
    assert(after.includes("https://example.org/buurtnetwerken"), `the link's URL is not printed: ${after}`);
    await page.emulateMedia({ media: "screen" });
    const nav = await page.locator("header.site nav").isVisible();
    assert(nav, "the navigation is gone on screen after printing");
  });

  // The same pages on an archive of 10,952 items (the UN General Debate speeches of ../shared).
  const scale = await scaleArchive;
  if (scale.error) throw scale.error;
  console.log(`      archive at scale: imported and indexed in ${scale.seconds.toFixed(0)} s`);
  const big = await serve(scaleDir);
  scaleServer = big.server;
  const pick = async (url, selector) => {
    await page.goto(`${big.base}${url}`);
    const href = await page.locator(selector).first().getAttribute("href");
    assert(href, `${url}: nothing matches ${selector}`);
    return href.replace(/[?&]ui=en$/, "");
  };
  let scalePages = [];
  await check("at scale (10,952 items): every page type answers", async () => {
    const total = (await (await fetch(`${big.base}/api/search?q=`)).json()).total;
    assert(total >= 10000, `only ${total} items`);
    for (const [ui, sep] of [["", "."], ["?ui=en", ","]]) {
      const written = String(total).replace(/\B(?=(\d{3})+(?!\d))/g, sep);
      const home = await (await fetch(`${big.base}/${ui}`)).text();
      assert(home.includes(`<span class="count">${written}</span>`), `the home page does not count the series' ${written} items`);
    }
    const busiest = (await (await fetch(`${big.base}/api/search?q=&facets=1`)).json()).facets.speaker[0].value;
    const speaker = await pick(`/search?q=&speaker=${encodeURIComponent(busiest)}`, "ol.results p.meta a[href^='/speakers/']");
    scalePages = [
      ["home", "/"],
      ["results", "/search?q=poverty"],
      ["results-filtered", "/search?q=poverty&year=1990..1999&page=2"],
      ["no-results", "/search?q=poverty&kind=essay"],
      ["item", await pick("/search?q=poverty", "ol.results h3 a")],
      ["speaker", speaker],
      ["series", "/series/un-general-debate"],
      ["series-last-page", await pick("/series/un-general-debate", "nav.pager li:last-child a")],
      ["year", "/years/1990"],
      ["speakers", "/speakers"],
      ["speakers-letter", await pick("/speakers", "nav.letters a[href$='letter=M']")],
      ["people", "/people"],
      ["people-letter-page", await pick("/people?letter=M", "nav.pager a[rel=next]")],
      ["person", await pick("/people", "ul.directory li a[href^='/people/']")],
      ["themes", "/themes"],
      ["series-list", "/series"],
      ["years", "/years"],
    ];
    for (const [name, url] of scalePages) {
      const response = await fetch(`${big.base}${url}`);
      assert(response.status === 200, `${name} ${url}: ${response.status}`);
    }
  });
  await check("at scale: pages stay small (HTML under 100 KB)", async () => {
    const sizes = [];
    for (const [name, url] of scalePages) {
      const bytes = (await (await fetch(`${big.base}${url}`)).arrayBuffer()).byteLength;
      sizes.push([name, url, bytes]);
    }
    console.log(`      ${sizes.map(([name, , bytes]) => `${name} ${Math.round(bytes / 1024)} KB`).join(", ")}`);
    const heavy = sizes.filter(([, , bytes]) => bytes > 100 * 1024);
    assert(heavy.length === 0, heavy.map(([name, url, bytes]) => `${name} ${url}: ${bytes} bytes`).join("\n"));
  });
  await check("at scale: axe finds nothing on any page type (nl and en); screenshots at 1280 and 390 px", async () => {
    const failures = [];
    for (const [name, url] of scalePages) {
      for (const [width, height] of [[1280, 900], [390, 844]]) {
        await page.setViewportSize({ width, height });
        await page.goto(`${big.base}${url}`);
        await page.screenshot({ path: path.join(shots, `scale-${name}-${width}.png`), fullPage: true });
      }
      await page.setViewportSize({ width: 1280, height: 900 });
      for (const ui of ["", "ui=en"]) {
        await page.goto(`${big.base}${url}${ui ? (url.includes("?") ? "&" : "?") + ui : ""}`);
        await axe(`${name} ${url} ${ui}`).catch((e) => failures.push(e.message));
      }
    }
    assert(failures.length === 0, failures.join("\n"));
  });
  await check("at scale: nothing scrolls sideways at 390 or 320 px", async () => {
    await noOverflow(scalePages.map(([, url]) => url), big.base);
    await page.setViewportSize({ width: 1200, height: 900 });
  });

  await check("page weight: a result page is under 60 KB of HTML and CSS", async () => {
    const html = await (await fetch(`${base}/search?q=sociaal+werk`)).arrayBuffer();
    const css = await (await fetch(`${base}/static/style.css`)).arrayBuffer();
    const total = html.byteLength + css.byteLength;
    console.log(`      result page: ${html.byteLength} B HTML + ${css.byteLength} B CSS = ${total} B`);
    assert(total < 60 * 1024, `${total} bytes`);
  });

  await check("no requests to other hosts", async () => {
    assert(foreign.length === 0, `requests to other hosts: ${foreign.join(", ")}`);
  });
} catch (e) {
  results.push(["setup", e]);
  console.log(`FAIL  setup: ${e.stack}`);
} finally {
  if (browser) await browser.close();
  if (server) server.kill();
  if (scaleServer) scaleServer.kill();
  await scaleArchive;
  fs.rmSync(tmp, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
}

const failed = results.filter(([, e]) => e).length;
console.log(`\nbrowser tests: ${results.length - failed} passed, ${failed} failed`);
console.log(`screenshots: ${shots}`);
process.exit(failed ? 1 : 0);
