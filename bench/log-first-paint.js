/*
 * log-first-paint.js SITE [REPS]: open SITE/timeline.html and SITE/log.html
 * in turn (A B A B …) from file:// in headless Chromium and print, per
 * run, the ms from navigation start to the page's first paint
 * (window.sysatlasFirstPaint, window.sysatlasLogFirstPaint: the first lines
 * drawn with their text) and to all data loaded.  One JSON line per run.
 * playwright-core from NODE_PATH.
 */
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { chromium } = require('playwright-core');

const pages = {
  timeline: { file: 'timeline.html', first: 'sysatlasFirstPaint',
              all: () => +document.getElementById('tl').dataset.loaded === window.sysatlas.store.meta.chunks.length },
  log: { file: 'log.html', first: 'sysatlasLogFirstPaint', all: () => window.sysatlasLog.loaded() },
};

(async () => {
  const site = path.resolve(process.argv[2]);
  const reps = +(process.argv[3] || 3);
  for (let i = 0; i < reps; i++) {
    for (const name of ['timeline', 'log']) {
      const p = pages[name];
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sysatlas-bench-'));
      const ctx = await chromium.launchPersistentContext(dir, {
        executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
        headless: true,
        viewport: { width: 1300, height: 900 },
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
               '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      });
      const page = await ctx.newPage();
      await page.goto('file://' + site + '/' + p.file, { waitUntil: 'commit', timeout: 120000 });
      await page.waitForFunction((k) => window[k] !== undefined, p.first, { timeout: 120000 });
      const first = await page.evaluate((k) => window[k], p.first);
      await page.waitForFunction(p.all, null, { timeout: 600000, polling: 100 });
      const all = await page.evaluate(() => performance.now());
      console.log(JSON.stringify({ page: name, first_paint_ms: Math.round(first), all_loaded_ms: Math.round(all) }));
      await ctx.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
})().catch((e) => { console.error(e); process.exit(1); });
