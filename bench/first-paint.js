/*
 * first-paint.js SITE [REPS]: open SITE/timeline.html from file:// in
 * headless Chromium and print, per run, the ms from navigation start to
 * the timeline's first paint (window.sysatlasFirstPaint, set by
 * timeline.js after the first chunk is drawn) and to all chunks loaded.
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
    await page.goto('file://' + site + '/timeline.html');
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
    const heap = await page.evaluate(() => performance.memory ? performance.memory.usedJSHeapSize : 0);
    const draw = await page.evaluate(() => +document.getElementById('tl').dataset.drawMs);
    console.log(JSON.stringify({ first_paint_ms: first, all_loaded_ms: all, zoom_frame_ms: redraw,
                                 draw_ms: draw, js_heap: heap }));
    await ctx.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
})().catch((e) => { console.error(e); process.exit(1); });
