/*
 * Browser test of the report: a real headless Chromium opens the site from
 * file:// and checks what a learner sees.  Prints TAP.
 *
 *   node report.test.js SITE UNFINISHED_SITE SCREENSHOT_DIR BIG_SITE
 *
 * BIG_SITE is a report of 10^6 events in 200 lanes (bench/gen-trace).
 *
 * playwright-core comes from NODE_PATH (installed by run-browser.sh).
 */
'use strict';
const path = require('path');
const fs = require('fs');
const os = require('os');
const { chromium } = require('playwright-core');

const [site, unfinishedSite, shots, bigSite, stacksSite] = process.argv.slice(2);
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

/* What an SVG says, parsed by the browser's XML parser. */
async function svgFacts(page, text) {
  return page.evaluate((t) => {
    const d = new DOMParser().parseFromString(t, 'image/svg+xml');
    if (d.getElementsByTagName('parsererror').length) return { error: d.documentElement.textContent };
    const calls = [...d.querySelectorAll('a.call')];
    return {
      root: d.documentElement.localName,
      hrefs: calls.map((a) => a.getAttribute('href')),
      failed: calls.filter((a) => a.classList.contains('failed')).map((a) => a.getAttribute('href')),
      titles: calls.map((a) => a.querySelector('title').textContent),
      defs: [...d.querySelectorAll('a.def')].map((a) => a.getAttribute('href')),
      made: d.querySelectorAll('script, b, foreignObject, iframe').length,
      marks: d.querySelectorAll('g.marker').length,
      lanes: [...d.querySelectorAll('svg > text')].map((x) => x.textContent),
      text: d.documentElement.textContent,
    };
  }, text);
}

/* Two frames: what a change asked for is drawn (any page). */
async function frames(page) {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
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
    ok(await page.evaluate(() => document.querySelectorAll('#tl-wrap *').length) <= 4,
       'the timeline is a canvas in a scroll box, not a node per event');
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

    /* the round trip as an SVG file: a data: download of graphviz's text,
     * XML with an <svg> root, the drawing shown, nothing unescaped */
    const dl = await page.evaluate(() => {
      const a = document.querySelector('#ev-graph a#ev-svg');
      if (!a) return null;
      const pre = 'data:image/svg+xml;charset=utf-8,';
      const text = a.href.startsWith(pre) ? decodeURIComponent(a.href.slice(pre.length)) : '';
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
      return { download: a.getAttribute('download'), root: doc.documentElement.nodeName,
               error: doc.getElementsByTagName('parsererror').length,
               same: doc.documentElement.querySelectorAll('g.node').length ===
                     document.querySelectorAll('#ev-graph svg g.node').length,
               script: doc.querySelectorAll('script').length };
    });
    ok(dl && /^roundtrip-\d+\.svg$/.test(dl.download) && dl.root === 'svg' && !dl.error && dl.same &&
       !dl.script, 'the round trip downloads as an SVG file of the drawing', JSON.stringify(dl));

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

    /* "this view as SVG": the button downloads the view, each call a link */
    await page.click('#tl-legend');
    await page.keyboard.press('0');
    await drawn(page);
    const [vdl] = await Promise.all([page.waitForEvent('download', { timeout: 60000 }), page.click('#view-svg')]);
    ok(vdl.suggestedFilename() === 'timeline-view.svg', 'the SVG is offered as timeline-view.svg', vdl.suggestedFilename());
    const sv = await svgFacts(page, fs.readFileSync(await vdl.path(), 'utf8'));
    ok(!sv.error && sv.root === 'svg', 'the view as SVG parses as XML', sv.error);
    ok(sv.hrefs.length === 13 && new Set(sv.hrefs).size === 13 &&
       sv.hrefs.every((h) => /^timeline\.html#e=\d+$/.test(h)) && sv.hrefs.includes('timeline.html#e=10'),
       'SVG: the 13 calls, each a link to its round trip', sv.hrefs);
    ok(sv.failed.sort().join() === 'timeline.html#e=25,timeline.html#e=6', 'SVG: the 2 failed calls marked', sv.failed);
    ok(sv.titles.some((t) => t.includes('/tmp/<script>alert(1)</script>') && t.includes('ENOENT')),
       'SVG: the strace line with <script> kept as text', sv.titles.filter((t) => t.startsWith('openat')));
    ok(sv.made === 0, 'SVG: no element made from trace text');
    ok(sv.defs.includes('https://github.com/torvalds/linux/blob/v5.7/fs/open.c#L1173') &&
       sv.defs.includes('syscalls/brk.html'), 'SVG: the key links each syscall to its kernel definition', sv.defs);
    ok(sv.lanes.some((l) => l.trim() === 'demo pid 100') && sv.lanes.some((l) => l.includes('demo-worker tid 102')),
       'SVG: the lanes named', sv.lanes);
    ok(sv.marks >= 5, 'SVG: the markers (exec, fork, clone, signal, exits)', sv.marks);
    ok(sv.text.includes('--svg-timeline +'), 'SVG: names the graphviz command for this range');

    /* a signal marker: hovered, clicked and linked by #e=SEQ, with the
     * signal-delivery stop's round trip from the index */
    const sig = (await page.evaluate(() => window.sysatlasTimeline.marks()))
      .find((m) => m.text.startsWith('--- SIGCHLD'));
    ok(sig !== undefined && sig.stop >= 0, 'the SIGCHLD marker is loaded, with its stop kind', sig);
    if (sig) {
      const p4 = await open(ctx, url(site, 'timeline.html#e=' + sig.seq));
      await loaded(p4.page);
      await p4.page.waitForSelector('#ev-graph svg', { timeout: 10000 });
      ok(await p4.page.evaluate(() => window.sysatlasTimeline.selected()) === sig.seq,
         'e=' + sig.seq + ' selects the signal');
      ok((await p4.page.textContent('#ev-line')).startsWith('--- SIGCHLD {si_signo=SIGCHLD'),
         'the signal\'s own text is shown');
      const sl = await p4.page.$$eval('#ev-steps a.src', (as) => as.map((a) => a.href));
      for (const w of ['kernel/signal.c#L2526', 'kernel/signal.c#L2478', 'kernel/signal.c#L2120']) {
        ok(sl.includes('https://github.com/torvalds/linux/blob/v5.7/' + w),
           'signal round trip links ' + w + ' (get_signal, ptrace_signal, ptrace_stop)', sl);
      }
      ok(await p4.page.$$eval('#ev-steps .phase-title', (t) => t.map((x) => x.textContent).join('|'))
           .then((s) => s.includes('signal-delivery stop') && s.includes('wait4')),
         'signal round trip phases: the stop, wait4, ...');
      /* hover and click it: the marker wins over the call beside it */
      await p4.page.evaluate(() => history.replaceState(null, '', '#'));
      const mk = await p4.page.evaluate((s) => window.sysatlasTimeline.whereMark(s), sig.seq);
      ok(mk !== null, 'the signal marker is in view');
      if (mk) {
        const b4 = await p4.page.locator('#tl').boundingBox();
        await p4.page.mouse.move(b4.x + mk.x, b4.y + mk.y);
        const tipText = await p4.page.textContent('#tl-tip');
        ok(tipText.startsWith('--- SIGCHLD') && !(await p4.page.isHidden('#tl-tip')),
           'hovering the marker shows its text', tipText);
        await p4.page.evaluate(() => document.getElementById('ev-line').textContent = '');
        await p4.page.mouse.click(b4.x + mk.x, b4.y + mk.y);
        ok(await p4.page.evaluate(() => location.hash) === '#e=' + sig.seq,
           'clicking the marker links it as #e=' + sig.seq);
        ok((await p4.page.textContent('#ev-line')).startsWith('--- SIGCHLD'),
           'clicking the marker opens it');
      }
      ok(p4.errors.length === 0, 'no console errors (signal marker)', p4.errors);
      await p4.page.close();
    }
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

    /* --- the log page ---------------------------------------------------- */
    ({ page, errors } = await open(ctx, url(site, 'log.html')));
    await page.waitForFunction(() => window.sysatlasLog && window.sysatlasLog.loaded() &&
      window.sysatlasLogFirstPaint !== undefined, null, { timeout: 15000 });
    const L = (f, a) => page.evaluate(f, a);
    ok(await L(() => window.sysatlasLog.rows()) === 20, 'log: 13 calls and 7 signals, execs, forks and exits',
       await L(() => window.sysatlasLog.rows()));
    let lines = await L(() => window.sysatlasLog.visible());
    ok(lines.length === 20 && lines.every((l, k) => !k || lines[k - 1].seq < l.seq), 'log: every line, in seq order',
       lines.map((l) => l.seq));
    ok(lines.every((l) => /^\d\d:\d\d:\d\d\.\d{6}$/.test(l.time)), 'log: -tt times', lines.map((l) => l.time));
    ok(lines.filter((l) => !l.mark && !/= \?$/.test(l.text)).every((l) => /^ <\d+\.\d{6}>$/.test(l.dur)),
       'log: -T durations of the calls that returned', lines.map((l) => l.dur));
    ok(lines.every((l) => /^\[pid +\d+\]$/.test(l.pid)), 'log: [pid N] prefixes');
    ok(new Set(await page.$$eval('#log-rows .lr', (rs) => rs.map((r) => r.style.borderLeftColor))).size === 3,
       'log: a colour per thread (3 threads)');
    const evil = lines.find((l) => l.seq === 6);
    ok(evil && evil.text.includes('/tmp/<script>alert(1)</script>') && evil.text.includes('ENOENT'),
       'log: the path with <script> shown as text', evil);
    ok(await L(() => document.querySelectorAll('#log-rows script, #log-rows b').length) === 0,
       'log: no element made from trace text');
    ok(evil && evil.href === 'timeline.html#e=6', 'log: a call links to its round trip', evil && evil.href);
    ok(lines.some((l) => l.mark && l.text === '+++ exited with 0 +++') &&
       lines.some((l) => l.mark && /^--- SIGCHLD \{/.test(l.text)) &&
       lines.some((l) => l.mark && l.text === '(exec /bin/demo)'), 'log: signals, execs and exits as lines');
    ok(lines.some((l) => l.text === 'exit_group(0) = ?'), 'log: a call that never returned as strace prints it');
    await page.fill('#q', 'openat');
    await frames(page);
    ok(await L(() => window.sysatlasLog.rows()) === 2, 'log filter: 2 openat lines');
    await page.fill('#q', 'errno');
    await frames(page);
    ok(await L(() => window.sysatlasLog.rows()) === 2, 'log filter: 2 failed calls');
    await page.fill('#q', 'tid:101');
    await frames(page);
    lines = await L(() => window.sysatlasLog.visible());
    ok(lines.length === 3 && lines.every((l) => /\b101\]$/.test(l.pid)), 'log filter tid:101: its 2 calls and its exit',
       lines.map((l) => l.pid + ' ' + l.text));
    await page.selectOption('#tfmt', 'ttt');
    await frames(page);
    ok((await L(() => window.sysatlasLog.visible()))[0].time.match(/^\d+\.\d{6}$/), 'log: -ttt times');
    await page.uncheck('#durs');
    await frames(page);
    ok((await L(() => window.sysatlasLog.visible())).every((l) => l.dur === ''), 'log: -T off');
    await page.fill('#q', '');
    await frames(page);
    await page.click('#log-rows .lr[data-seq="10"] a.tx');
    await page.waitForURL(/timeline\.html#e=10$/);
    await loaded(page);
    await page.waitForSelector('#ev-graph svg', { timeout: 10000 });
    ok((await page.textContent('#ev-line')).startsWith('read(3, "root:x:0:0'), 'log: clicking a line opens its round trip');
    ok(errors.length === 0, 'no console errors on the log', errors);
    await page.close();

    /* malformed fragments */
    for (const frag of ['#q=%', '#e=%zz', '#e=99999']) {
      const p4 = await open(ctx, url(site, 'log.html' + frag));
      await p4.page.waitForFunction(() => window.sysatlasLog.loaded(), null, { timeout: 15000 });
      await frames(p4.page);
      ok(await p4.page.evaluate(() => window.sysatlasLog.rows()) === 20, 'log' + frag + ': every line');
      ok(p4.errors.length === 0, 'log' + frag + ': no console errors', p4.errors);
      await p4.page.close();
    }

    /* --- the timeline at scale: 10^6 events, 200 lanes ------------------ */
    if (bigSite) {
      ({ page, errors } = await open(ctx, url(bigSite, 'timeline.html')));
      await page.waitForFunction(() => window.sysatlasFirstPaint !== undefined, null, { timeout: 60000 });
      await page.waitForFunction(() => +document.getElementById('tl').dataset.loaded ===
        window.sysatlas.store.meta.chunks.length, null, { timeout: 120000, polling: 200 });
      await drawn(page);
      const T = (f, a) => page.evaluate(f, a);
      const nlanes = await T(() => window.sysatlas.store.meta.lanes.length);
      ok(nlanes === 200, 'big trace: 200 lanes', nlanes);
      ok(await T(() => +document.getElementById('tl').dataset.slices) > 400000, 'big trace: all calls loaded');

      /* fit: the first view spans the events, not the run's idle end */
      const v = await T(() => window.sysatlasTimeline.view());
      const es = v.events.end - v.events.start;
      ok(v.start <= v.events.start && v.end >= v.events.end && (v.end - v.start) < es * 1.1,
         'initial view fitted to the events', v);
      const meta = await T(() => ({ end: window.sysatlas.store.meta.end }));
      ok(meta.end <= v.end || v.events.end < meta.end, 'the fit ignores time after the last event', [meta, v]);

      /* scrolling: a native scrollbar over all the rows */
      const sc = await T(() => { const s = document.getElementById('tl-scroll');
        return { sh: s.scrollHeight, ch: s.clientHeight, bar: s.offsetWidth - s.clientWidth,
                 oy: getComputedStyle(s).overflowY }; });
      /* (headless Chromium hides scrollbars: the box must scroll, overflow-y: scroll keeps the bar) */
      ok(sc.sh > sc.ch * 3 && sc.oy === 'scroll', 'lane area scrolls, its scrollbar always there', sc);
      const lastTid = await T(() => { const r = window.sysatlasTimeline.rows(); return r[r.length - 1].tid; });
      const box2 = await page.locator('#tl-scroll').boundingBox();
      await page.mouse.move(box2.x + 40, box2.y + 200);
      for (let k = 0; k < 40; k++) await page.mouse.wheel(0, 400);
      await drawn(page);
      const top = await T(() => document.getElementById('tl-scroll').scrollTop);
      ok(top > 0, 'the wheel over the lane names scrolls the lanes', top);
      await T(() => { const s = document.getElementById('tl-scroll'); s.scrollTop = s.scrollHeight; });
      await drawn(page);
      const lastVisible = await T((tid) => {
        const rows = window.sysatlasTimeline.rows(), s = document.getElementById('tl-scroll');
        const r = rows.find((x) => x.tid === tid);
        const c = document.getElementById('tl');
        return r.y - s.scrollTop + window.sysatlasTimeline.axisHeight + r.h <= c.clientHeight + 1;
      }, lastTid);
      ok(lastVisible, 'scrolled to the end, the last lane (tid ' + lastTid + ') is drawn');
      await T(() => { document.getElementById('tl-scroll').scrollTop = 0; });

      /* processes: groups with a header, collapsible */
      const rows0 = await T(() => window.sysatlasTimeline.rows());
      const groups = rows0.filter((r) => r.kind === 'group');
      ok(groups.length === 50 && groups.every((g) => g.lanes === 4), '50 processes of 4 threads, each a group', groups.length);
      const tb = await page.locator('#tl').boundingBox();
      const ah = await T(() => window.sysatlasTimeline.axisHeight);
      await page.mouse.click(tb.x + 30, tb.y + ah + groups[0].y + groups[0].h / 2);
      await drawn(page);
      const rows1 = await T(() => window.sysatlasTimeline.rows());
      ok(rows1.length === rows0.length - 4 && rows1[0].collapsed && rows1[1].kind === 'group',
         'clicking a process collapses its 4 threads', [rows0.length, rows1.length]);
      ok(await drawn(page) > 0, 'a collapsed process shows its calls');
      await page.mouse.click(tb.x + 30, tb.y + ah + rows1[0].h / 2);
      ok((await T(() => window.sysatlasTimeline.rows())).length === rows0.length, 'clicking it again expands it');
      await page.click('#collapse-all');
      ok((await T(() => window.sysatlasTimeline.rows())).length === 50, 'collapse all: one row per process');
      await page.click('#expand-all');

      /* sorting */
      await page.selectOption('#sort', 'pid');
      let order = await T(() => window.sysatlasTimeline.rows().filter((r) => r.kind === 'group').map((r) => r.tgid));
      ok(order.every((t, k) => !k || order[k - 1] < t), 'sorted by pid', order.slice(0, 5));
      await page.selectOption('#sort', 'calls');
      const byCalls = await T(() => {
        const m = window.sysatlas.store.meta, rows = window.sysatlasTimeline.rows();
        const calls = (tgid) => m.lanes.filter((l) => l.tgid === tgid).reduce((a, l) => a + l.calls, 0);
        return rows.filter((r) => r.kind === 'group').map((r) => calls(r.tgid));
      });
      ok(byCalls.every((c, k) => !k || byCalls[k - 1] >= c) && byCalls[0] > byCalls[byCalls.length - 1],
         'sorted by most calls', [byCalls[0], byCalls[byCalls.length - 1]]);
      await page.selectOption('#sort', 'name');
      order = await T(() => window.sysatlasTimeline.rows().filter((r) => r.kind === 'group').map((r) => r.tgid));
      ok(order[0] === 1000 && order[1] === 3500, 'sorted by name (bench-0, bench-100, ...)', order.slice(0, 3));
      await page.selectOption('#sort', 'first');

      /* hide non-matching lanes, the results list, a jump */
      await page.fill('#q', 'tid:1001 tid:1502 read');
      await drawn(page);
      await page.check('#hide');
      await drawn(page);
      const hidden = await T(() => window.sysatlasTimeline.rows());
      ok(hidden.filter((r) => r.kind === 'lane').map((r) => r.tid).join() === '1001,1502',
         'hide lanes without matches: only the 2 matching threads', hidden.map((r) => r.tid));
      await page.fill('#q', 'accept4 recvfrom sendto');
      await drawn(page);
      const nres = await T(() => document.getElementById('tl-rcount').textContent);
      ok(/^[\d,]+ matching calls/.test(nres) && !(await page.isHidden('#tl-results')), 'results list shown: ' + nres);
      const rowsTxt = await page.$$eval('#tl-rspace .r', (rs) => rs.slice(0, 4).map((r) => Array.from(r.children).map((c) => c.textContent)));
      ok(rowsTxt.length === 4 && rowsTxt.every((r) => r.length === 5 && /^(sendto|recvfrom)$/.test(r[1]) &&
         /\[\d+\]/.test(r[2]) && /(s|ms|µs|ns)$/.test(r[3])), 'each result: seq, call, task, time, result', rowsTxt);
      await page.click('#tl-rspace .r:nth-child(3)');
      await page.waitForSelector('#event:not([hidden])');
      const sel = await T(() => window.sysatlasTimeline.selected());
      ok(sel !== null && rowsTxt[2][0] === '#' + sel, 'clicking a result opens that call', [sel, rowsTxt[2][0]]);
      const where = await T((s) => window.sysatlasTimeline.where(s), sel);
      ok(where !== null, 'the jumped-to call is drawn in the lane area', where);
      await page.waitForFunction(() => /^= /.test((document.querySelector('#tl-rspace .r .res') || {}).textContent || '') ||
        /^-1 /.test(document.querySelector('#tl-rspace .r .res').textContent), null, { timeout: 20000 });
      ok(true, 'results show the return value');
      const times = rowsTxt.map((r) => r[3]);
      await page.click('#next-match');
      ok('#' + await T(() => window.sysatlasTimeline.selected()) === rowsTxt[3][0],
         'next match: the next row of the list', [rowsTxt[3][0], times]);

      /* axis: labels differ at close zoom */
      await page.click('#tl-scroll');
      const spanOf = () => T(() => { const v = window.sysatlasTimeline.view(); return v.end - v.start; });
      for (let k = 0; k < 40 && await spanOf() > 20000; k++) await page.keyboard.press('+');
      await drawn(page);
      const span = await spanOf();
      const axis = await T(() => window.sysatlasTimeline.axis());
      ok(span <= 20000 && axis.length >= 3 && new Set(axis).size === axis.length,
         'close zoom (' + Math.round(span) + ' ns shown): every axis label differs', axis);
      await page.fill('#q', '');
      await page.uncheck('#hide');
      await page.click('#tl-legend');   /* keys go to the page, not the checkbox */
      await page.keyboard.press('0');
      await drawn(page);
      const axis2 = await T(() => window.sysatlasTimeline.axis());
      ok(new Set(axis2).size === axis2.length && axis2.join() !== axis.join(), 'fitted: labels differ too', axis2);
      await page.keyboard.press('+');
      for (let k = 0; k < 25; k++) await page.keyboard.press('+');
      await drawn(page);
      const axis3 = await T(() => window.sysatlasTimeline.axis());
      ok(axis3.length >= 3 && new Set(axis3).size === axis3.length, 'zoomed by keys: labels differ', axis3);

      /* legend and help */
      const legend = await page.$$eval('#tl-legend .item', (is) => is.map((i) => i.textContent));
      for (const c of ['%file', '%signal', '%ipc', '%clock', 'failed', 'unfinished', 'signal', 'exec'])
        ok(legend.some((t) => t.startsWith(c)), 'legend has ' + c, legend);
      ok(await page.isHidden('#tl-help'), 'help hidden at first');
      await page.keyboard.press('?');
      ok(await page.isVisible('#tl-help'), '? shows the keyboard help');
      const help = await page.textContent('#tl-help');
      for (const k of ['PageUp', 'Home', 'Alt', 'Shift', 'collapse', 'drag', 'wheel', 'next / previous match'])
        ok(help.includes(k), 'help lists ' + k);
      await page.keyboard.press('Escape');
      ok(await page.isHidden('#tl-help'), 'Esc hides the help');
      const fp = await T(() => window.sysatlasFirstPaint);
      console.log('# first paint at 10^6 events, 200 lanes: ' + Math.round(fp) + ' ms (not asserted: see docs/benchmarks.md)');
      const svgStart = Date.now();
      const [bdl] = await Promise.all([page.waitForEvent('download', { timeout: 60000 }), page.click('#view-svg')]);
      const bigSvg = fs.readFileSync(await bdl.path(), 'utf8');
      const bsv = await svgFacts(page, bigSvg);
      ok(!bsv.error && bsv.hrefs.length > 0 && bsv.hrefs.length <= 20000,
         'the view as SVG at 10^6 events: parses, at most 20000 calls', [bsv.error, bsv.hrefs.length]);
      console.log('# this view as SVG at 10^6 events: ' + (Date.now() - svgStart) + ' ms, ' +
                  bsv.hrefs.length + ' calls, ' + bigSvg.length + ' bytes (not asserted)');
      if (shots) await page.screenshot({ path: path.join(shots, 'timeline-big.png'), fullPage: false });
      ok(errors.length === 0, 'no console errors (big timeline)', errors);
      await page.close();
    }

    /* --- the log at scale: 10^6 events ------------------------------------ */
    if (bigSite) {
      ({ page, errors } = await open(ctx, url(bigSite, 'log.html')));
      await page.waitForFunction(() => window.sysatlasLogFirstPaint !== undefined, null, { timeout: 60000 });
      const fpLog = await page.evaluate(() => window.sysatlasLogFirstPaint);
      await page.waitForFunction(() => window.sysatlasLog.loaded(), null, { timeout: 120000, polling: 200 });
      await frames(page);
      const G = (f, a) => page.evaluate(f, a);
      const total = await G(() => window.sysatlasLog.total());
      ok(total > 500000 && await G(() => window.sysatlasLog.rows()) === total, 'big log: every event a line', total);
      ok(await G(() => document.querySelectorAll('#log-view *').length) < 400,
         'big log: only the lines in view are in the DOM', await G(() => document.querySelectorAll('#log-view *').length));
      await page.waitForFunction(() => window.sysatlasLog.visible().length > 20 &&
        window.sysatlasLog.visible().every((l) => l.text !== '…'), null, { timeout: 20000 });
      let v = await G(() => window.sysatlasLog.visible());
      ok(v.every((l, k) => !k || v[k - 1].seq < l.seq) && v.every((l) => /^\[pid +\d+\]$/.test(l.pid)),
         'big log: the first lines in order, with their tasks', v.slice(0, 3));
      /* the end: the last event */
      await G(() => { const w = document.getElementById('log-view'); w.scrollTop = w.scrollHeight; });
      await frames(page);
      await page.waitForFunction(() => window.sysatlasLog.visible().every((l) => l.text !== '…'), null, { timeout: 20000 });
      v = await G(() => window.sysatlasLog.visible());
      const maxSeq = await G(() => window.sysatlasLog.maxSeq());
      ok(v.length > 20 && v[v.length - 1].seq === maxSeq, 'big log: scrolled to the end, the last event is shown',
         [v.length && v[v.length - 1], maxSeq]);
      await page.focus('#log-view');
      await page.keyboard.press('Home');
      await frames(page);
      ok((await G(() => window.sysatlasLog.visible()))[0].seq === await G(() => window.sysatlasLog.firstSeq()),
         'big log: Home goes back to the first line');
      /* the filter */
      await page.fill('#q', 'tid:1001 read');
      await frames(page);
      await page.waitForFunction(() => window.sysatlasLog.visible().every((l) => l.text !== '…'), null, { timeout: 20000 });
      const nf = await G(() => window.sysatlasLog.rows());
      v = await G(() => window.sysatlasLog.visible());
      ok(nf > 0 && nf < total / 100 && v.length > 0 && v.every((l) => /\b1001\]$/.test(l.pid) && /^read\(/.test(l.text)),
         'big log: the filter leaves only tid 1001\'s reads', [nf, v.slice(0, 2)]);
      /* a line links to its round trip */
      const first = v[0];
      ok(first.href === 'timeline.html#e=' + first.seq, 'big log: a line links to its round trip', first);
      await page.click('#log-rows .lr a.tx');
      await page.waitForURL(/timeline\.html#e=\d+$/);
      await page.waitForSelector('#event:not([hidden])', { timeout: 120000 });
      ok(await page.evaluate(() => window.sysatlasTimeline.selected()) === first.seq,
         'big log: the link opens that call on the timeline');
      console.log('# log first paint at 10^6 events: ' + Math.round(fpLog) + ' ms (not asserted: see docs/benchmarks.md)');
      ok(errors.length === 0, 'no console errors (big log)', errors);
      await page.close();
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
    ok(await page.evaluate(() => ['java\nscript:alert(1)', ' javascript:alert(1)', 'JavaScript:x',
                                  'java\tscript:x', 'data:text/html,x']
      .every((u) => window.sysatlas.safeUrl(u) === null) &&
      window.sysatlas.safeUrl('https://github.com/x#L1') === 'https://github.com/x#L1'),
       'safeUrl: no javascript: or data: link, however it is written');
    await page.close();

    /* --- a syscall page ------------------------------------------------ */
    ({ page, errors } = await open(ctx, url(site, 'syscalls/openat.html')));
    const occ = await page.textContent('table.occ');
    ok(occ.includes('<script>alert(1)</script>'), 'occurrence with <script> shown as text');
    ok(await page.evaluate(() => Array.prototype.every.call(document.scripts, (x) =>
         /\/(assets|data)\/[a-z0-9-]+\.js$/.test(x.src) || x.type === 'application/json')),
       'only the site\'s own scripts run');
    const def = await page.$$eval('.facts a', (as) => as.map((a) => a.href));
    ok(def.includes('https://github.com/torvalds/linux/blob/v5.7/fs/open.c#L1173'), 'definition link');
    /* its round trip, drawn by the page from the site's phases */
    await page.waitForSelector('#sc-graph svg g.node', { timeout: 10000 });
    const scg = await page.evaluate(() => ({
      nodes: document.querySelectorAll('#sc-graph svg g.node').length,
      links: Array.prototype.map.call(document.querySelectorAll('#sc-graph svg a'), (a) => a.getAttribute('href')),
      steps: document.querySelectorAll('#sc-steps li.phase').length,
      dl: (document.querySelector('#sc-graph a.svg-dl') || {}).download || '',
      made: document.querySelectorAll('#sc-rt script, #sc-rt b').length,
    }));
    ok(scg.nodes >= 10 && scg.steps >= 10 && /^roundtrip-\d+\.svg$/.test(scg.dl),
       'syscall page: the round trip drawn, listed and offered as SVG', scg);
    ok(scg.links.includes('https://github.com/torvalds/linux/blob/v5.7/fs/open.c#L1173') &&
       scg.links.includes('https://github.com/torvalds/linux/blob/v5.7/kernel/signal.c#L2120'),
       'syscall page: the drawing links the definition and ptrace_stop', scg.links);
    ok(scg.made === 0, 'syscall page: no element made from trace text');
    ok(errors.length === 0, 'no console errors on a syscall page', errors);
    if (shots) await page.screenshot({ path: path.join(shots, 'syscall.png'), fullPage: false });
    await page.close();

    /* --- the running kernel's stacks, drawn by the pages ------------------ */
    ({ page, errors } = await open(ctx, url(stacksSite, 'syscalls/read.html')));
    await page.waitForSelector('#sc-ktree svg g.node', { timeout: 10000 });
    const kt = await page.evaluate(() => ({
      names: Array.prototype.map.call(document.querySelectorAll('#sc-ktree svg g.node text'), (t) => t.textContent),
      links: Array.prototype.map.call(document.querySelectorAll('#sc-ktree svg a'), (a) => a.getAttribute('href')),
      dl: (document.querySelector('#sc-ktree a.svg-dl') || {}).download || '',
      made: document.querySelectorAll('#sc-ktree img, main img').length,
    }));
    ok(kt.names.includes('vfs_read') && kt.names.includes('do_syscall_64') && kt.names.some((t) => t.includes('3 waiting')),
       'read.html: its stacks merged into a drawn tree, with counts', kt.names);
    ok(kt.names.some((t) => t.startsWith('<img src=x')) && kt.made === 0,
       'read.html: a frame holding markup drawn as text', kt.made);
    ok(kt.links.some((u) => /^https:\/\/elixir\.bootlin\.com\/linux\/v6\.1\.76\/C\/ident\/vfs_read$/.test(u)) &&
       /^stacks-.*\.svg$/.test(kt.dl), 'read.html: frames linked, the tree offered as SVG', kt);
    ok(errors.length === 0, 'no console errors on a syscall page with stacks', errors);
    await page.close();
    ({ page, errors } = await open(ctx, url(stacksSite, 'syscalls/openat.html')));
    await page.waitForSelector('#sc-graph svg g.node', { timeout: 10000 });
    const ob = await page.evaluate(() => Array.prototype.map.call(
      document.querySelectorAll('#sc-graph svg g.node.observed'), (g) => g.textContent));
    ok(ob.length === 2 && ob[0].includes('at the syscall-enter stop') && ob[1].includes('syscall_exit_work'),
       'openat.html: the enter and exit stacks drawn beside their stops', ob);
    ok(errors.length === 0, 'no console errors on openat with stacks', errors);
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
