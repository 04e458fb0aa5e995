/*
 * first-paint.js SITE [REPS]: open SITE/timeline.html from file:// in
 * headless Chromium and print, per run, the ms from navigation start to
 * the timeline's first paint (window.sysatlasFirstPaint, set by
 * timeline.js after the first chunk is drawn), to all chunks loaded, and
 * the time the page takes to build "this view as SVG" of the fitted view.
 * One JSON line per run.  playwright-core from NODE_PATH.
 */
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { chromium } = require('playwright-core');

(async () => {
  const site = path.resolve(process.argv[2]);
  const reps = +(process.argv[3] || 3);
  for (let i = 0; i < reps; i++) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sysatlas-bench-'));
    const ctx = await chromium.launchPersistentContext(dir, {
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      headless: true,
      viewport: { width: 1300, height: 900 },
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
             '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const page = await ctx.newPage();
    /* 'commit': the load event waits for every data chunk; the figures are
     * read from the page's own clock (navigation start) anyway */
    await page.goto('file://' + site + '/timeline.html', { waitUntil: 'commit' });
    await page.waitForFunction(() => window.sysatlasFirstPaint !== undefined, null, { timeout: 60000 });
    const first = await page.evaluate(() => window.sysatlasFirstPaint);
    await page.waitForFunction(() => {
      const c = document.getElementById('tl');
      return +c.dataset.loaded === window.sysatlas.store.meta.chunks.length;
    }, null, { timeout: 600000, polling: 100 });
    const all = await page.evaluate(() => performance.now());
    /* responsiveness once everything is in: a full redraw, and a zoom */
    const redraw = await page.evaluate(() => new Promise((res) => {
      const t = performance.now();
      document.getElementById('zoom-in').click();
      requestAnimationFrame(() => requestAnimationFrame(() => res(performance.now() - t)));
    }));
    /* "this view as SVG" of the whole fitted view, built in the page */
    const svg = await page.evaluate(() => {
      if (!window.sysatlasTimeline.svg) return [0, 0];
      document.getElementById('zoom-reset').click();
      const t = performance.now(), s = window.sysatlasTimeline.svg();
      return [performance.now() - t, s.length];
    });
    const heap = await page.evaluate(() => performance.memory ? performance.memory.usedJSHeapSize : 0);
    const draw = await page.evaluate(() => +document.getElementById('tl').dataset.drawMs);
    console.log(JSON.stringify({ first_paint_ms: first, all_loaded_ms: all, zoom_frame_ms: redraw,
                                 draw_ms: draw, js_heap: heap, view_svg_ms: svg[0], view_svg_bytes: svg[1] }));
    await ctx.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
})().catch((e) => { console.error(e); process.exit(1); });
