/*
 * Browser test of the report: a real headless Chromium opens the site from
 * file:// and checks what a learner sees.  Prints TAP.
 *
 *   node report.test.js SITE UNFINISHED_SITE SCREENSHOT_DIR
 *
 * playwright-core comes from NODE_PATH (installed by run-browser.sh).
 */
'use strict';
const path = require('path');
const fs = require('fs');
const os = require('os');
const { chromium } = require('playwright-core');

const [site, unfinishedSite, shots] = process.argv.slice(2);
let n = 0, failed = 0;
function ok(cond, what, diag) {
  n++;
  if (!cond) failed++;
  console.log(`${cond ? '' : 'not '}ok ${n} - ${what}`);
  if (!cond && diag !== undefined) console.log('# ' + JSON.stringify(diag));
}
const url = (dir, page) => 'file://' + path.resolve(dir, page);

async function open(ctx, target) {
  const page = await ctx.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('dialog', async (d) => { errors.push('dialog: ' + d.message()); await d.dismiss(); });
  page.on('request', (r) => { if (!r.url().startsWith('file:')) errors.push('network request: ' + r.url()); });
  await page.goto(target);
  return { page, errors };
}

async function loaded(page) {
  await page.waitForFunction(() => {
    const c = document.getElementById('tl');
    return c && window.sysatlas.store.meta &&
      +c.dataset.loaded === window.sysatlas.store.meta.chunks.length;
  }, null, { timeout: 15000 });
}

async function drawn(page) {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  return page.evaluate(() => +document.getElementById('tl').dataset.drawn);
}

async function filter(page, q) {
  await page.fill('#q', q);
  return drawn(page);
}

(async () => {
  const userDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sysatlas-chromium-'));
  const ctx = await chromium.launchPersistentContext(userDir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1300, height: 1000 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    /* --- timeline ----------------------------------------------------- */
    let { page, errors } = await open(ctx, url(site, 'timeline.html'));
    await loaded(page);
    ok(await drawn(page) === 13, 'timeline draws all 13 calls', await drawn(page));
    ok(await page.evaluate(() => document.querySelectorAll('#tl-wrap *').length) <= 3,
       'the timeline is a canvas, not a node per event');
    const csp = await page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]').content);
    ok(/script-src 'self'/.test(csp), 'page carries the CSP');

    /* search filters */
    ok(await filter(page, 'openat') === 2, 'name filter: 2 openat calls');
    ok(await filter(page, '%process') === 6, 'class filter %process: 6 calls');
    ok(await filter(page, 'errno:ENOENT') === 1, 'errno filter: 1 ENOENT');
    ok(await filter(page, 'pid:101') === 2, 'pid filter: 2 calls of pid 101');
    ok(await filter(page, 'read errno') === 1, 'name and any error: 1 failed read');
    await page.fill('#q', '');
    await page.selectOption('#cls', 'file');
    ok(await drawn(page) === 3, 'class select %file: 3 calls', await drawn(page));
    await page.selectOption('#cls', '');
    await page.selectOption('#errno', 'any');
    ok(await drawn(page) === 2, 'result select "failed calls": 2', await drawn(page));
    await page.selectOption('#errno', '');
    ok(await drawn(page) === 13, 'cleared filters: all 13 again');

    /* click the openat whose path holds <script>, quotes and invalid UTF-8 */
    const at = await page.evaluate(() => window.sysatlasTimeline.where(6));
    ok(at !== null, 'the openat call is in view');
    const box = await page.locator('#tl').boundingBox();
    await page.mouse.click(box.x + at.x, box.y + at.y);
    await page.waitForSelector('#event:not([hidden])');
    await page.waitForSelector('#ev-graph svg', { timeout: 10000 });
    const line = await page.textContent('#ev-line');
    ok(line.includes('"/tmp/<script>alert(1)</script>\\"q\'\uFFFD\uFFFD.txt"') ||
       line.includes('/tmp/<script>alert(1)</script>"q\'\uFFFD\uFFFD.txt'),
       'path with <script>, quotes and invalid UTF-8 shown as text', line);
    ok(await page.evaluate(() => document.querySelectorAll('#event script, #event b').length) === 0,
       'no element made from trace text');
    ok(line.includes('= -1 ENOENT'), 'strace-style line with the error');
    const regs = await page.textContent('#ev-regs');
    ok(/rdi\s*0xffffffffffffff9c/.test(regs) && /rsi\s*0x7ffd2c4a1000/.test(regs), 'registers rdi, rsi shown', regs);
    ok(/rax\s*-2/.test(regs) && regs.includes('ENOENT'), 'return value and errno shown');

    const graphLinks = await page.$$eval('#ev-graph svg a', (as) => as.map((a) => a.getAttribute('href') || a.getAttribute('xlink:href')));
    const stepLinks = await page.$$eval('#ev-steps a.src', (as) => as.map((a) => a.href));
    const want = [
      'https://github.com/torvalds/linux/blob/v5.7/arch/x86/entry/entry_64.S#L145',
      'https://github.com/torvalds/linux/blob/v5.7/include/linux/tracehook.h#L101',
      'https://github.com/torvalds/linux/blob/v5.7/kernel/signal.c#L2120',
      'https://github.com/torvalds/linux/blob/v5.7/kernel/exit.c#L1128',
      'https://github.com/torvalds/linux/blob/v5.7/kernel/ptrace.c#L1218',
      'https://github.com/torvalds/linux/blob/v5.7/mm/process_vm_access.c#L299',
      'https://github.com/strace/strace/blob/v5.7/strace.c#L2624',
      'https://github.com/strace/strace/blob/v5.7/open.c#L118',
      'https://github.com/torvalds/linux/blob/v5.7/fs/open.c#L1173',
      'https://github.com/torvalds/linux/blob/v5.7/include/linux/tracehook.h#L124',
    ];
    for (const w of want) {
      ok(graphLinks.includes(w) && stepLinks.includes(w), 'round trip links ' + w.replace(/^https:\/\/github.com\//, ''));
    }
    ok(await page.$$eval('#ev-steps .phase-title', (t) => t.map((x) => x.textContent).join('|'))
         .then((s) => s.includes('syscall entry') && s.includes('the syscall runs') && s.includes('wait4')),
       'round trip phases: entry, wait4, the syscall, ...');
    if (shots) await page.screenshot({ path: path.join(shots, 'timeline-event.png'), fullPage: false });

    /* the event view from a link: #e=SEQ */
    const p2 = await open(ctx, url(site, 'timeline.html#e=10'));
    await loaded(p2.page);
    await p2.page.waitForSelector('#ev-graph svg', { timeout: 10000 });
    ok((await p2.page.textContent('#ev-line')).startsWith('read(3, "root:x:0:0'), 'link with e=10 opens that read');
    const mechSteps = await p2.page.$$eval('#ev-steps a.src', (as) => as.map((a) => a.href));
    ok(mechSteps.includes('https://github.com/torvalds/linux/blob/v5.7/kernel/ptrace.c#L1287'),
       'PTRACE_PEEKDATA at the exit stop links generic_ptrace_peekdata');
    ok(p2.errors.length === 0, 'no console errors (event link)', p2.errors);
    await p2.page.close();
    ok(errors.length === 0, 'no console errors on the timeline', errors);
    await page.close();

    /* malformed fragments: no exception, the timeline drawn, the filter alive */
    for (const frag of ['#%E0%A4%A', '#q=%', '#e=%zz', '#q=read%E0%A4']) {
      const p3 = await open(ctx, url(site, 'timeline.html' + frag));
      await loaded(p3.page);
      ok(await drawn(p3.page) > 0 || frag.startsWith('#q='), 'timeline' + frag + ' draws');
      ok(await filter(p3.page, 'read') > 0, 'timeline' + frag + ': the filter still works');
      ok(p3.errors.length === 0, 'timeline' + frag + ': no console errors', p3.errors);
      await p3.page.close();
    }

    /* --- overview ---------------------------------------------------- */
    ({ page, errors } = await open(ctx, url(site, 'index.html')));
    ok((await page.textContent('h1')).includes('demo </script><b>x</b> a"b'), 'argv shown as text');
    ok(await page.evaluate(() => document.querySelectorAll('main b, main script').length) === 0,
       'argv made no elements');
    ok((await page.textContent('.note.warn')).includes('recorded on Linux 6.1.0-18-amd64'), 'kernel difference said plainly');
    const tree = await page.$$eval('.graph svg a', (as) => as.map((a) => a.getAttribute('href') || a.getAttribute('xlink:href')));
    ok(tree.includes('timeline.html#q=tid:102'), 'process tree links threads to the timeline', tree);
    const firstRow = () => page.$eval('#summary tbody tr td:nth-child(6)', (td) => td.textContent);
    const before = await firstRow();
    await page.click('#summary th:nth-child(4)');
    await page.click('#summary th:nth-child(6)');
    const after = await firstRow();
    ok(before === 'read' && after === 'brk', 'summary table sorts by column', [before, after]);
    if (shots) await page.screenshot({ path: path.join(shots, 'overview.png'), fullPage: true });
    ok(errors.length === 0, 'no console errors on the overview', errors);
    await page.close();

    /* --- a syscall page ------------------------------------------------ */
    ({ page, errors } = await open(ctx, url(site, 'syscalls/openat.html')));
    const occ = await page.textContent('table.occ');
    ok(occ.includes('<script>alert(1)</script>'), 'occurrence with <script> shown as text');
    ok(await page.evaluate(() => document.scripts.length) === 1, 'only the site script runs');
    const def = await page.$$eval('.facts a', (as) => as.map((a) => a.href));
    ok(def.includes('https://github.com/torvalds/linux/blob/v5.7/fs/open.c#L1173'), 'definition link');
    ok(errors.length === 0, 'no console errors on a syscall page', errors);
    if (shots) await page.screenshot({ path: path.join(shots, 'syscall.png'), fullPage: false });
    await page.close();

    /* --- an unfinished trace -------------------------------------------- */
    ({ page, errors } = await open(ctx, url(unfinishedSite, 'timeline.html#e=3')));
    await loaded(page);
    await page.waitForSelector('#ev-graph svg', { timeout: 10000 });
    ok((await page.textContent('#ev-line')).includes('<unfinished ...>'), 'unfinished call marked');
    ok((await page.textContent('#ev-steps')).includes('unfinished: no syscall-exit stop was recorded'),
       'round trip shows the missing exit stop as missing');
    ok(errors.length === 0, 'no console errors (unfinished)', errors);
    await page.close();
  } catch (e) {
    ok(false, 'browser test ran to the end', String(e && e.stack || e));
  } finally {
    await ctx.close();
    fs.rmSync(userDir, { recursive: true, force: true });
  }
  console.log(`1..${n}`);
  process.exit(failed ? 1 : 0);
})();
