#!/usr/bin/env node
// doc-site.js SITE EXPECT.json: open a site written by `sysatlas doc` in
// headless Chromium from file:// and check what a reader does with it:
// the index table's rows, the search, sorting, following a syscall page,
// the link targets of its definition, path graph and call sites, and
// hostile text from a trace shown as text.  Prints TAP; exit 1 on failure.
"use strict";

const path = require("path");
const fs = require("fs");
const { chromium } = require("playwright-core");

const [site, expectFile] = process.argv.slice(2);
const expect = JSON.parse(fs.readFileSync(expectFile, "utf8"));
let n = 0, failed = 0;

function ok(cond, what) {
	n++;
	if (!cond)
		failed++;
	console.log(`${cond ? "ok" : "not ok"} ${n} - ${what}`);
	return cond;
}

function is(got, want, what) {
	if (!ok(got === want, what)) {
		console.log(`#   got:  ${JSON.stringify(got)}`);
		console.log(`#   want: ${JSON.stringify(want)}`);
	}
}

function fileUrl(p) {
	return "file://" + path.resolve(p).split("/").map(encodeURIComponent).join("/");
}

(async () => {
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
		args: ["--no-sandbox", "--disable-gpu"],
	});
	const page = await browser.newPage();
	const problems = [];
	page.on("console", (m) => { if (m.type() === "error" || m.type() === "warning") problems.push(m.text()); });
	page.on("pageerror", (e) => problems.push(String(e)));
	page.on("request", (r) => { if (!r.url().startsWith("file:")) problems.push("network: " + r.url()); });

	// --- the index table ---------------------------------------------------
	await page.goto(fileUrl(path.join(site, "index.html")));
	is(await page.title(), "System calls — sysatlas reference", "index page title");
	const rows = await page.locator("table.syscalls tbody tr").count();
	is(rows, expect.rows, "the tables hold one row per syscall table entry");
	is((await page.locator("#search-count").textContent()).trim(), `${expect.rows} entries`,
	   "doc.js ran and counted the entries");

	// --- search -------------------------------------------------------------
	await page.fill("#syscall-search", expect.search);
	const visible = await page.locator("table.syscalls tbody tr:visible").evaluateAll(
		(trs) => trs.map((tr) => tr.getAttribute("data-name")));
	is(JSON.stringify(visible), JSON.stringify(expect.searchHits), `search '${expect.search}' leaves only its rows`);
	const hiddenSections = await page.locator("section.abi:not(:visible)").count();
	ok(hiddenSections >= 1, "sections without a hit are hidden");
	await page.fill("#syscall-search", "");
	is(await page.locator("table.syscalls tbody tr:visible").count(), expect.rows, "clearing the search shows every row");

	// --- a malformed #q= fragment: no exception, the search still works -----
	const before = problems.length;
	await page.goto("about:blank");	// a new document, not a hash change
	await page.goto(fileUrl(path.join(site, "index.html")) + "#q=%E0%A4%");
	ok((await page.locator("#search-count").textContent()).trim().endsWith("entries"),
	   "index.html#q=%E0%A4% still counts its entries");
	await page.fill("#syscall-search", expect.search);
	is(await page.locator("table.syscalls tbody tr:visible").count(), expect.searchHits.length,
	   "and its search still filters");
	is(problems.length, before, "no error from the malformed fragment");
	await page.fill("#syscall-search", "");

	// --- sorting ------------------------------------------------------------
	const first = page.locator("table.syscalls").first();
	await first.locator("th", { hasText: "name" }).click();
	const names = await first.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-name")));
	is(JSON.stringify(names), JSON.stringify([...names].sort()), "clicking 'name' sorts the rows by name");
	await first.locator("th", { hasText: "nr" }).click();
	await first.locator("th", { hasText: "nr" }).click();
	const nrs = await first.locator("tbody td.nr").evaluateAll((tds) => tds.map((td) => Number(td.textContent)));
	is(JSON.stringify(nrs), JSON.stringify([...nrs].sort((a, b) => b - a)), "clicking 'nr' twice sorts numbers descending");

	// --- follow a syscall page ----------------------------------------------
	await page.fill("#syscall-search", expect.search);
	await page.locator("table.syscalls tbody tr:visible td.name a", { hasText: expect.syscall }).first().click();
	await page.waitForLoadState("load");
	ok(page.url().endsWith(`/syscalls/${expect.syscall}.html`), `followed the link to syscalls/${expect.syscall}.html`);
	is((await page.locator("h1").textContent()).trim(), expect.syscall, "the page is about it");
	const defHref = await page.locator("h3:has-text('Definition') + p a").first().getAttribute("href");
	is(defHref, expect.definition, "the definition links to its source line");
	const svgLinks = await page.locator("div.graph svg a").evaluateAll(
		(as) => as.map((a) => a.getAttribute("href") || a.getAttribute("xlink:href")));
	for (const want of expect.graphLinks)
		ok(svgLinks.includes(want), `the path graph links ${want}`);
	const stopLinks = await page.locator("ul.stops a").evaluateAll((as) => as.map((a) => a.href));
	for (const want of expect.stopLinks)
		ok(stopLinks.includes(want), `the stops name the hook's call site ${want}`);
	const external = await page.locator("a[href^='http']").evaluateAll(
		(as) => as.every((a) => a.target === "_blank" && a.rel.includes("noopener")));
	ok(external, "source links open in a new tab without an opener");

	// --- hostile text from the trace ----------------------------------------
	if (expect.hostile) {
		const cell = page.locator("table.examples code", { hasText: "alert" });
		is(await cell.count(), 1, "the hostile call from the trace is shown");
		ok((await cell.textContent()).includes(expect.hostile), "its markup is shown as text");
		is(await page.locator("table.examples script").count(), 0, "and never becomes an element");
	}

	// --- a mechanism the tracer used leads to its handler's path -------------
	if (expect.mechanism) {
		const link = page.locator("table.examples a", { hasText: expect.mechanism }).first();
		is(await link.getAttribute("href"), expect.mechanismHref, `${expect.mechanism} links its path on the ptrace page`);
		await link.click();
		await page.waitForLoadState("load");
		const anchor = expect.mechanismHref.split("#")[1];
		ok(page.url().endsWith("/ptrace.html#" + anchor), "following it opens the ptrace page at the path");
		is(await page.locator("#" + anchor + " a").count() > 0, true, "the path there has its source links");
	}

	// --- the ptrace page ------------------------------------------------------
	await page.goto(fileUrl(path.join(site, "ptrace.html")));
	const lifeLinks = await page.locator("div.graph svg a").evaluateAll(
		(as) => as.map((a) => a.getAttribute("href") || a.getAttribute("xlink:href")));
	for (const want of expect.ptraceLinks)
		ok(lifeLinks.includes(want), `the life-cycle graph links ${want}`);

	is(JSON.stringify(problems), "[]", "no console errors, CSP violations or network requests");
	await browser.close();
	console.log(`1..${n}`);
	process.exit(failed ? 1 : 0);
})().catch((e) => {
	console.log(`not ok ${n + 1} - the browser test ran: ${e}`);
	console.log(`1..${n + 1}`);
	process.exit(1);
});
