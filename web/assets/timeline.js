/*
 * sysatlas timeline: one lane per thread, grouped by process, one slice
 * per syscall, markers for signals, forks, execs and exits; zoom, pan,
 * scroll, filter (assets/filter.js), a list of the matching calls; click a
 * call to see its round trip.  Drawn on a canvas from column arrays, so a
 * million events cost no DOM nodes; data arrives chunk by chunk
 * (data/t-K.js) and the view is drawn as soon as the first chunk is in.
 *
 * The lane area scrolls natively: the canvas is sticky inside a scroll
 * box whose spacer is as tall as all rows, so the scrollbar is the
 * browser's own.  Rows are processes (a header row when a process has
 * more than one thread; collapsed, it shows all its threads' calls) and
 * threads.
 */
(function () {
  'use strict';

  var S = window.sysatlas;
  var link = S.rtview.link;	/* draw.js: a checked link, or the text alone */
  var LANE_H = 22, HEAD_H = 20, AXIS_H = 28, LABEL_W = 190, RES_H = 22;
  var FL_ERROR = 1, FL_UNFINISHED = 2, FL_NO_ENTER = 4, FL_NO_RETURN = 8;
  /*
   * Colours.  Failure is the one red on the page and is drawn as a bar
   * under the call and an outline, never as a fill; no class colour is
   * red, orange or grey (grey is "not matching the filter").  Markers are
   * told apart by shape as well as colour.
   */
  var FAIL = '#e03131', DIM = '#e6e9ed';
  var CLASS_COLORS = {
    file: '#1c7ed6', desc: '#15aabf', process: '#7048e8', network: '#37b24d',
    signal: '#fab005', memory: '#82c91e', ipc: '#ae3ec9', creds: '#364fc7',
    clock: '#0b7285', stat: '#74c0fc'
  };
  var OTHER = '#c5a572';
  var MARKS = [   /* by marker kind: signal, fork, exec, exit, detach */
    { color: '#f59f00', shape: 'diamond', name: 'signal' },
    { color: '#2b8a3e', shape: 'down', name: 'fork / clone' },
    { color: '#5f3dc4', shape: 'square', name: 'exec' },
    { color: '#212529', shape: 'cross', name: 'exit' },
    { color: '#868e96', shape: 'ring', name: 'detach' }
  ];
  var SORTS = {
    first: 'first seen', pid: 'pid', name: 'name', calls: 'most calls',
    failed: 'most failures', busy: 'most time in calls'
  };

  var meta = null;
  var n = 0, cap = 0;
  var T0, DUR, LANE, SC, FL, ER, RT, SEQ;
  var chunkStart = [], chunksLoaded = 0;
  var lanes = [];          /* per lane: array of slice indices, by start */
  var elanes = [];         /* per lane: the failed calls only, by start */
  var marks = { t: [], l: [], k: [], x: [], s: [], tx: [], st: [] };
  var scColor = [];
  var filt = null;         /* the compiled filter (filter.js), or null */
  var flanes = null;       /* per lane: the matching calls, by start */
  var fmatch = [];         /* every matching call, in seq order */
  var view = { start: 0, end: 1 };
  var groups = [], rows = [], rowsH = 0, laneRow = [];
  var sortKey = 'first', hideEmpty = false;
  var selected = -1, current = -1;   /* current: index into fmatch */
  var selMark = -1;        /* the selected marker (a stop), or -1 */
  var canvas, ctx, wrap, scroller, spacer, tip, statusEl;
  var dpr = window.devicePixelRatio || 1;
  var pending = false, firstPaint = false;
  var wantSeq = null;

  function grow(need) {
    if (need <= cap) return;
    var c = Math.max(need, cap * 2, 4096);
    function g(Old, T) { var a = new T(c); if (Old) a.set(Old.subarray(0, n)); return a; }
    T0 = g(T0, Float64Array); DUR = g(DUR, Float64Array); SEQ = g(SEQ, Float64Array);
    LANE = g(LANE, Int32Array); SC = g(SC, Int32Array); ER = g(ER, Int32Array);
    RT = g(RT, Int32Array); FL = g(FL, Uint8Array);
    cap = c;
  }

  function classOf(sc) {
    var s = meta.syscalls[sc], names = meta.classes;
    for (var k = 0; k < names.length; k++)
      if (s.cls & (1 << k)) return names[k];
    return null;
  }

  function fmtTime(ns) {
    var a = Math.abs(ns);
    if (a < 1e3) return ns.toFixed(0) + ' ns';
    if (a < 1e6) return (ns / 1e3).toFixed(a < 1e4 ? 2 : 1) + ' µs';
    if (a < 1e9) return (ns / 1e6).toFixed(a < 1e7 ? 2 : 1) + ' ms';
    return (ns / 1e9).toFixed(3) + ' s';
  }

  /* A unit for a length of time: [name, ns]. */
  function unitOf(ns) {
    var a = Math.abs(ns);
    return a >= 1e9 ? ['s', 1e9] : a >= 1e6 ? ['ms', 1e6] : a >= 1e3 ? ['µs', 1e3] : ['ns', 1];
  }

  /* t (ns from the start) shown precisely enough to tell apart steps of
   * step ns: 2.998 s at 1 ms steps, 2.998123 s at 1 µs steps. */
  function fmtAt(t, step) {
    var u = unitOf(t || step);
    var d = Math.max(0, Math.min(9, Math.ceil(-Math.log10(step / u[1]) - 1e-9)));
    return (t / u[1]).toFixed(d) + ' ' + u[0];
  }

  /* A step count of a tick, in the step's unit: +20 µs. */
  function fmtDelta(dt, step) {
    var u = unitOf(Math.max(dt, step));
    var d = Math.max(0, Math.min(9, Math.ceil(-Math.log10(step / u[1]) - 1e-9)));
    return '+' + (dt / u[1]).toFixed(d) + ' ' + u[0];
  }

  function laneLabel(i) {
    var l = meta.lanes[i];
    return (l.comm || '?') + ' ' + (l.tid === l.tgid ? 'pid ' : 'tid ') + l.tid;
  }

  function num(x) {
    return String(x).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }

  /* ---- data --------------------------------------------------------- */

  S.on('meta', function (m) { meta = m; });

  function addByStart(ln, j) {
    ln.push(j);
    if (ln.length > 1 && T0[ln[ln.length - 2]] > T0[j])
      ln.sort(function (a, b) { return T0[a] - T0[b]; });
  }

  S.on('chunk', function (k, c) {
    var base = n, i, t = 0, s = 0;
    chunkStart[k] = base;
    grow(n + c.n);
    for (i = 0; i < c.n; i++) {
      t += c.t[i]; s += c.s[i];
      var j = base + i;
      T0[j] = t; DUR[j] = c.d[i]; LANE[j] = c.l[i]; SC[j] = c.c[i];
      FL[j] = c.f[i]; ER[j] = c.e[i]; RT[j] = c.r[i]; SEQ[j] = s;
      addByStart(lanes[c.l[i]] || (lanes[c.l[i]] = []), j);
      if (FL[j] & FL_ERROR)
        addByStart(elanes[c.l[i]] || (elanes[c.l[i]] = []), j);
    }
    n += c.n;
    if (flanes) {
      var shown = 0;
      for (i = base; i < n; i++) {
        if (!matches(i)) continue;
        var fl = flanes[LANE[i]] || (flanes[LANE[i]] = []);
        if (!fl.length) shown++;
        addByStart(fl, i);
        fmatch.push(i);
      }
      sortMatches();
      if (shown && hideEmpty) buildRows();
      results();
    }
    var m = c.m, mt = 0, ms = 0;
    for (i = 0; i < m.n; i++) {
      mt += m.t[i]; ms += m.s[i];
      marks.t.push(mt); marks.l.push(m.l[i]); marks.k.push(m.k[i]);
      marks.x.push(m.x[i]); marks.s.push(ms); marks.tx.push(m.tx[i]);
      marks.st.push(m.st && m.st[i] !== undefined ? m.st[i] : -1);
    }
    S.store.chunks[k] = null;   /* the typed arrays hold it now */
    chunksLoaded++;
    if (chunksLoaded === meta.chunks.length && (sortKey === 'failed' || sortKey === 'busy'))
      buildRows();    /* sorted by what the last chunks added */
    if (wantSeq !== null) seekSeq(wantSeq);
    schedule();
  });

  /* The small first chunk alone (the first paint waits for nothing else),
   * then every other chunk at once: scripts inserted with async=false run
   * in order as they arrive, and the view is redrawn between them. */
  function loadChunks() {
    if (!meta.chunks.length) return;
    S.load('data/t-0.js', function () {
      for (var k = 1; k < meta.chunks.length; k++)
        S.load('data/t-' + k + '.js', null);
    });
  }

  function chunkOf(i) {
    var lo = 0, hi = chunkStart.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (chunkStart[mid] <= i) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  /* ---- filter ------------------------------------------------------- */

  function filterText() {
    var q = document.getElementById('q').value.trim();
    var cls = document.getElementById('cls').value;
    var pid = document.getElementById('pid').value;
    var er = document.getElementById('errno').value;
    var f = S.filter.parse(q);
    if (cls) f.classes.push(cls);
    if (/^\d+$/.test(pid)) f.pids.push(+pid);
    if (er) f.errs.push(er === 'any' ? '' : er);
    return { q: q, parsed: f };
  }

  function applyFilter() {
    var ft = filterText();
    filt = S.filter.compile(ft.parsed, meta);
    if (!filt.active) filt = null;
    rebuildFilter();
    var h = ft.q ? '#q=' + encodeURIComponent(ft.q) : '';
    if (location.hash.indexOf('#e=') !== 0 && location.hash !== h)
      history.replaceState(null, '', h || location.pathname);
    schedule();
  }

  function matches(i) {
    return filt.match(SC[i], LANE[i], ER[i]);
  }

  function filtering() { return filt !== null; }

  /* The matching calls per lane and in seq order, rebuilt when the filter
   * changes and extended as chunks arrive. */
  function rebuildFilter() {
    fmatch = [];
    current = -1;
    if (!filtering()) {
      flanes = null;
    } else {
      flanes = [];
      for (var i = 0; i < n; i++) {
        if (!matches(i)) continue;
        (flanes[LANE[i]] || (flanes[LANE[i]] = [])).push(i);
        fmatch.push(i);
      }
      flanes.forEach(function (fl) {
        for (var a = 1; a < fl.length; a++)
          if (T0[fl[a - 1]] > T0[fl[a]]) { fl.sort(function (x, y) { return T0[x] - T0[y]; }); break; }
      });
    }
    sortMatches();
    buildRows();
    results();
  }

  /* The list of matches in time order (calls are stored as they ended). */
  function sortMatches() {
    for (var a = 1; a < fmatch.length; a++) {
      if (T0[fmatch[a - 1]] > T0[fmatch[a]] ||
          (T0[fmatch[a - 1]] === T0[fmatch[a]] && SEQ[fmatch[a - 1]] > SEQ[fmatch[a]])) {
        var cur = current >= 0 ? fmatch[current] : -1;
        fmatch.sort(function (x, y) { return T0[x] - T0[y] || SEQ[x] - SEQ[y]; });
        if (cur >= 0) current = fmatch.indexOf(cur);
        return;
      }
    }
  }

  /* ---- rows: processes and threads ---------------------------------- */

  /* Processes in the order of the lanes (first seen), threads in each. */
  function buildGroups() {
    var byTgid = {};
    groups = [];
    meta.lanes.forEach(function (l, li) {
      var key = 'p' + l.tgid, g = byTgid[key];
      if (!g) {
        g = byTgid[key] = { tgid: l.tgid, lanes: [], collapsed: false, first: li, label: null };
        groups.push(g);
      }
      g.lanes.push(li);
      if (l.tid === l.tgid && g.label === null) g.label = l.comm || '?';
    });
    groups.forEach(function (g) {
      if (g.label === null) g.label = meta.lanes[g.lanes[0]].comm || '?';
    });
  }

  function laneStat(li, key) {
    var l = meta.lanes[li];
    if (key === 'calls') return l.calls || (lanes[li] ? lanes[li].length : 0);
    if (key === 'failed') return elanes[li] ? elanes[li].length : 0;
    if (key === 'busy') {
      var ln = lanes[li], s = 0;
      if (ln) for (var a = 0; a < ln.length; a++) s += DUR[ln[a]];
      return s;
    }
    return 0;
  }

  /* A comparator of lanes (or groups, by their lanes) for sortKey. */
  function comparator(key) {
    var cache = {};
    function stat(li) {
      return cache[li] !== undefined ? cache[li] : (cache[li] = laneStat(li, key));
    }
    function gstat(g) {
      if (g.stat === undefined) {
        g.stat = 0;
        g.lanes.forEach(function (li) { g.stat += stat(li); });
      }
      return g.stat;
    }
    function byFirst(a, b) { return a.first - b.first; }
    return {
      lane: function (a, b) {
        var x = meta.lanes[a], y = meta.lanes[b];
        if (key === 'pid') return x.tid - y.tid;
        if (key === 'name') return (x.comm || '').localeCompare(y.comm || '') || a - b;
        if (key === 'first') return a - b;
        return stat(b) - stat(a) || a - b;
      },
      group: function (a, b) {
        if (key === 'pid') return a.tgid - b.tgid;
        if (key === 'name') return a.label.localeCompare(b.label) || byFirst(a, b);
        if (key === 'first') return byFirst(a, b);
        return gstat(b) - gstat(a) || byFirst(a, b);
      }
    };
  }

  function laneShown(li) {
    return !hideEmpty || !flanes || (flanes[li] && flanes[li].length > 0);
  }

  /*
   * The rows to draw: a process with one thread is one row; one with more
   * is a header row, then (unless collapsed) a row per thread.  Hidden
   * lanes (no match, when hiding) make no row.
   */
  function buildRows() {
    if (!meta) return;
    var cmp = comparator(sortKey), y = 0;
    groups.forEach(function (g) { g.stat = undefined; });
    var gs = groups.slice().sort(cmp.group);
    rows = [];
    laneRow = new Array(meta.lanes.length);
    gs.forEach(function (g) {
      var shown = g.lanes.filter(laneShown).sort(cmp.lane);
      if (!shown.length) return;
      if (g.lanes.length === 1) {
        laneRow[shown[0]] = rows.length;
        rows.push({ kind: 'lane', g: g, li: shown[0], y: y, h: LANE_H, single: true });
        y += LANE_H;
        return;
      }
      var head = { kind: 'group', g: g, lanes: shown, y: y, h: g.collapsed ? LANE_H : HEAD_H };
      rows.push(head);
      y += head.h;
      shown.forEach(function (li) {
        if (g.collapsed) { laneRow[li] = rows.length - 1; return; }
        laneRow[li] = rows.length;
        rows.push({ kind: 'lane', g: g, li: li, y: y, h: LANE_H });
        y += LANE_H;
      });
    });
    rowsH = y;
    layout();
  }

  function rowAt(y) {
    var lo = 0, hi = rows.length - 1;
    if (hi < 0 || y < 0 || y >= rowsH) return -1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (rows[mid].y <= y) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  function toggleGroup(g, collapsed) {
    g.collapsed = collapsed === undefined ? !g.collapsed : collapsed;
    buildRows();
    schedule();
  }

  function setAllCollapsed(c) {
    groups.forEach(function (g) { if (g.lanes.length > 1) g.collapsed = c; });
    buildRows();
    schedule();
  }

  /* Scroll the lane area so that lane li is in view (expanding its
   * process, showing it when hidden rows would leave it out). */
  function revealLane(li) {
    var r = laneRow[li];
    if (r === undefined) return;
    if (rows[r].kind === 'group') { toggleGroup(rows[r].g, false); r = laneRow[li]; }
    var row = rows[r], top = scroller.scrollTop, h = canvas.clientHeight - AXIS_H;
    if (row.y < top || row.y + row.h > top + h)
      scroller.scrollTop = Math.max(0, row.y - Math.max(0, (h - row.h) / 2));
  }

  /* ---- drawing ------------------------------------------------------ */

  /* The lane area's height: every row, up to about 70 % of the window. */
  function layout() {
    if (!scroller) return;
    var want = AXIS_H + rowsH + 4;
    var maxH = Math.max(220, Math.round(window.innerHeight * 0.7));
    var h = Math.min(want, maxH);
    if (scroller.clientHeight !== h) scroller.style.height = h + 'px';
    spacer.style.height = Math.max(0, want - h) + 'px';
    var w = scroller.clientWidth;
    if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr)) {
      canvas.style.width = w + 'px';
      canvas.style.height = h + 'px';
      canvas.width = Math.round(w * dpr);
      canvas.height = Math.round(h * dpr);
    }
    schedule();
  }

  function schedule() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(draw);
  }

  function niceStep(span, px) {
    var raw = span / Math.max(1, px / 110);
    var p = Math.pow(10, Math.floor(Math.log10(raw)));
    var f = raw / p;
    return (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * p;
  }

  function lowerBound(ln, t) {
    /* first slice in lane ln ending at or after t (ends are ordered too) */
    var lo = 0, hi = ln.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      var j = ln[mid];
      if (T0[j] + DUR[j] < t) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  function upperBound(ln, t) {
    /* first slice in lane ln starting after t */
    var lo = 0, hi = ln.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (T0[ln[mid]] <= t) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  function lowerStart(ln, from, t) {
    /* first index >= from in lane ln whose slice starts at or after t */
    var lo = from, hi = ln.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (T0[ln[mid]] < t) lo = mid + 1; else hi = mid;
    }
    return Math.max(lo, from + 1);
  }

  function colorOf(i) { return scColor[SC[i]]; }

  function dimOf() { return DIM; }

  /*
   * One call: a bar of its class colour; failed, a red bar under it and,
   * wide enough, a red outline; unfinished (or never returned), white
   * stripes at its open end.  The legend draws its samples with this too.
   */
  function drawSlice(c, x0, w, y, h, color, fl) {
    var top = y + 4, bh = h - 10;
    c.fillStyle = color;
    c.fillRect(x0, top, w, bh);
    if (fl & (FL_UNFINISHED | FL_NO_RETURN)) {
      c.fillStyle = '#ffffff';
      for (var dx = x0 + w - 4; dx > x0 + 1 && dx > x0 + w - 28; dx -= 5) c.fillRect(dx, top, 2, bh);
    }
    if (fl & FL_ERROR) {
      c.fillStyle = FAIL;
      c.fillRect(x0 - (w < 3 ? 1 : 0), top + bh + 1, Math.max(w, 3), 4);
      if (w >= 6) {
        c.strokeStyle = FAIL; c.lineWidth = 1.5;
        c.strokeRect(x0 + 0.75, top + 0.75, w - 1.5, bh - 1.5);
        c.lineWidth = 1;
      }
    }
  }

  function drawMark(c, k, mx, y, h) {
    var m = MARKS[k] || MARKS[4];
    c.fillStyle = m.color; c.strokeStyle = m.color;
    c.fillRect(mx - 0.5, y + 1, 1, h - 2);
    c.beginPath();
    if (m.shape === 'diamond') {
      c.moveTo(mx, y); c.lineTo(mx + 5, y + 5); c.lineTo(mx, y + 10); c.lineTo(mx - 5, y + 5);
      c.closePath(); c.fill(); c.strokeStyle = '#212529'; c.lineWidth = 1; c.stroke();
    } else if (m.shape === 'down') {
      c.moveTo(mx - 5, y + 1); c.lineTo(mx + 5, y + 1); c.lineTo(mx, y + 9); c.closePath(); c.fill();
    } else if (m.shape === 'square') {
      c.fillRect(mx - 4, y + 1, 8, 8);
    } else if (m.shape === 'cross') {
      c.lineWidth = 2;
      c.moveTo(mx - 4, y + 1); c.lineTo(mx + 4, y + 9); c.moveTo(mx + 4, y + 1); c.lineTo(mx - 4, y + 9);
      c.stroke(); c.lineWidth = 1;
    } else {
      c.lineWidth = 2; c.arc(mx, y + 5, 3.5, 0, 2 * Math.PI); c.stroke(); c.lineWidth = 1;
    }
  }

  /*
   * Paint the calls of lane list ln (indexes ordered by start) that are in
   * view; returns how many are in view.  Zoomed out, a pixel that already
   * holds a call is not painted again: the loop jumps to the last call
   * starting in that pixel (it may reach further right), so a million
   * calls cost a few thousand steps.
   */
  function paintLane(ln, y, h, scale, color) {
    var a = lowerBound(ln, view.start), end = upperBound(ln, view.end);
    var count = end - a, lastPx = -1, colorful = color === colorOf;
    for (; a < end; a++) {
      var i = ln[a];
      var x0 = LABEL_W + (T0[i] - view.start) * scale;
      var x1 = LABEL_W + (T0[i] + DUR[i] - view.start) * scale;
      var px = Math.floor(x0);
      if (x1 - x0 < 1 && px === lastPx) {
        var nx = lowerStart(ln, a, view.start + (px + 1 - LABEL_W) / scale);
        a = nx - 1 > a ? nx - 2 : nx - 1;
        continue;
      }
      lastPx = px;
      var w = Math.max(1, x1 - x0);
      drawSlice(ctx, x0, w, y, h, color(i), colorful ? FL[i] : 0);
      if (!colorful) continue;
      if (w > 34) {
        ctx.fillStyle = '#ffffff';
        ctx.font = '11px system-ui, sans-serif';
        ctx.fillText(meta.syscalls[SC[i]].name, Math.max(x0, LABEL_W) + 3, y + 4 + (h - 10) / 2, w - 6);
      }
      if (i === selected) {
        ctx.strokeStyle = '#0b1f3a'; ctx.lineWidth = 2;
        ctx.strokeRect(x0 - 2, y + 1, w + 4, h - 2);
        ctx.lineWidth = 1;
      }
    }
    return count;
  }

  /* How many of the lane's (matching) calls are in the time range. */
  function inView(ln) {
    return ln ? upperBound(ln, view.end) - lowerBound(ln, view.start) : 0;
  }

  /* One lane's calls on a row: faint, then the matching ones; or all,
   * then the failed ones on top (zoomed out, a pixel shows one call of
   * many: a failed one wins). */
  function paintCalls(li, y, h, scale) {
    if (!lanes[li]) return 0;
    if (filtering()) {
      paintLane(lanes[li], y, h, scale, dimOf);
      return flanes[li] ? paintLane(flanes[li], y, h, scale, colorOf) : 0;
    }
    var c = paintLane(lanes[li], y, h, scale, colorOf);
    if (elanes[li]) paintLane(elanes[li], y, h, scale, colorOf);
    return c;
  }

  function rowLabel(r) {
    var g = r.g;
    if (r.kind === 'group')
      return (g.collapsed ? '▸ ' : '▾ ') + g.label + ' pid ' + g.tgid + ' · ' +
             r.lanes.length + ' threads';
    return (r.single ? '' : '   ') + laneLabel(r.li);
  }

  var axisLabels = [];

  function drawAxis(W, H, scale, plotW, span) {
    ctx.fillStyle = '#f6f8fa';
    ctx.fillRect(0, 0, W, AXIS_H);
    ctx.strokeStyle = '#d0d7de';
    ctx.beginPath(); ctx.moveTo(0, AXIS_H - 0.5); ctx.lineTo(W, AXIS_H - 0.5); ctx.stroke();
    ctx.font = '11px system-ui, sans-serif';
    ctx.textBaseline = 'middle';
    var step = niceStep(span, plotW), origin = Math.ceil(view.start / step) * step;
    axisLabels = [];
    /* the first tick in full, precise to a step; the others relative to it */
    ctx.fillStyle = '#24292f';
    ctx.fillText(fmtAt(view.start, step / 10), 6, AXIS_H / 2, LABEL_W - 10);
    for (var k = 0, tk = origin; tk <= view.end; tk = origin + ++k * step) {
      var x = LABEL_W + (tk - view.start) * scale;
      var text = k === 0 ? fmtAt(tk, step) : fmtDelta(tk - origin, step);
      axisLabels.push(text);
      ctx.fillStyle = '#57606a';
      ctx.fillRect(x, AXIS_H - 6, 1, 6);
      ctx.fillText(text, x + 3, AXIS_H / 2);
      ctx.fillStyle = '#eef1f4';
      ctx.fillRect(x, AXIS_H, 1, H - AXIS_H);
    }
  }

  function draw() {
    var drawStart = performance.now();
    pending = false;
    if (!meta) return;
    var W = canvas.width / dpr, H = canvas.height / dpr;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, W, H);
    var plotW = W - LABEL_W, span = view.end - view.start;
    var scale = plotW / span;
    var top = scroller.scrollTop, bottom = top + H - AXIS_H;

    drawAxis(W, H, scale, plotW, span);

    var drawn = 0, r, first = Math.max(0, rowAt(top));
    ctx.save();
    ctx.beginPath(); ctx.rect(0, AXIS_H, W, H - AXIS_H); ctx.clip();
    for (r = first; r < rows.length && rows[r].y < bottom; r++) {
      var row = rows[r], y = AXIS_H + row.y - top;
      if (row.kind === 'group') {
        ctx.fillStyle = '#eef2f7'; ctx.fillRect(0, y, W, row.h);
      } else if (r % 2) {
        ctx.fillStyle = '#fafbfc'; ctx.fillRect(0, y, W, row.h);
      }
      ctx.fillStyle = row.kind === 'lane' && filt && filt.lane && !filt.lane[row.li] ? '#adb5bd' : '#24292f';
      ctx.textBaseline = 'middle';
      ctx.font = (row.kind === 'group' ? '600 ' : '') + '12px system-ui, sans-serif';
      ctx.fillText(rowLabel(row), 8, y + row.h / 2, LABEL_W - 12);
      if (row.kind === 'group' && !row.g.collapsed) continue;
      ctx.save();
      ctx.beginPath(); ctx.rect(LABEL_W, y, plotW, row.h); ctx.clip();
      if (row.kind === 'group') {
        for (var a = 0; a < row.lanes.length; a++) drawn += paintCalls(row.lanes[a], y, row.h, scale);
      } else {
        drawn += paintCalls(row.li, y, row.h, scale);
      }
      ctx.restore();
    }
    /* markers */
    for (var m = 0; m < marks.t.length; m++) {
      if (marks.t[m] < view.start || marks.t[m] > view.end) continue;
      var mr = laneRow[marks.l[m]];
      if (mr === undefined || rows[mr].y + rows[mr].h <= top || rows[mr].y >= bottom) continue;
      var mx = LABEL_W + (marks.t[m] - view.start) * scale, my = AXIS_H + rows[mr].y - top;
      drawMark(ctx, marks.k[m], mx, my, rows[mr].h);
      if (m === selMark) {
        ctx.strokeStyle = '#0b1f3a'; ctx.lineWidth = 2;
        ctx.strokeRect(mx - 7, my, 14, rows[mr].h);
        ctx.lineWidth = 1;
      }
    }
    ctx.restore();
    ctx.fillStyle = '#d0d7de';
    ctx.fillRect(LABEL_W - 1, AXIS_H, 1, H - AXIS_H);

    /* what is in the time range, in every lane (shown or not) */
    var total = 0, src = filtering() ? flanes : lanes;
    for (var li = 0; li < src.length; li++) total += inView(src[li]);

    canvas.setAttribute('data-draw-ms', (performance.now() - drawStart).toFixed(1));
    canvas.setAttribute('data-drawn', drawn);
    canvas.setAttribute('data-in-range', total);
    canvas.setAttribute('data-slices', n);
    canvas.setAttribute('data-loaded', chunksLoaded);
    canvas.setAttribute('data-rows', rows.length);
    canvas.setAttribute('data-axis', axisLabels.join('|'));
    if (!firstPaint && n > 0) {
      firstPaint = true;
      window.sysatlasFirstPaint = performance.now();
      canvas.setAttribute('data-first-paint', window.sysatlasFirstPaint.toFixed(1));
    }
    status(drawn, total);
  }

  var lastStatus = '';
  function status(drawn, total) {
    if (!meta || !statusEl) return;
    var s = num(total) + (filtering() ? ' matching' : '') + ' call' + (total === 1 ? '' : 's') +
            ' in this time range' + (drawn !== total ? ', ' + num(drawn) + ' in the lanes shown' : '') +
            ' · ' + num(n) + ' of ' + num(meta.calls) + ' loaded';
    if (chunksLoaded < meta.chunks.length) s += ' · loading ' + chunksLoaded + '/' + meta.chunks.length;
    if (s !== lastStatus) statusEl.textContent = lastStatus = s;
  }

  /* ---- the legend --------------------------------------------------- */

  function swatch(paint, title) {
    var c = el('canvas', 'sw');
    c.width = 30 * dpr; c.height = LANE_H * dpr;
    c.style.width = '30px'; c.style.height = LANE_H + 'px';
    var g = c.getContext('2d');
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    paint(g);
    if (title) c.title = title;
    return c;
  }

  function legendItem(box, paint, text, cls) {
    var span = el('span', 'item' + (cls ? ' ' + cls : ''));
    span.appendChild(swatch(paint));
    span.appendChild(el('span', null, text));
    box.appendChild(span);
  }

  /* The classes present in the trace, failure, unfinished, the markers. */
  function buildLegend() {
    var box = document.getElementById('tl-legend');
    if (!box) return;
    box.textContent = '';
    var used = {};
    meta.syscalls.forEach(function (s, k) { used[classOf(k) || ''] = true; });
    meta.classes.forEach(function (c) {
      legendItem(box, function (g) { drawSlice(g, 4, 22, 0, LANE_H, CLASS_COLORS[c] || OTHER, 0); },
                 '%' + c, 'cls' + (used[c] ? '' : ' unused'));
    });
    legendItem(box, function (g) { drawSlice(g, 4, 22, 0, LANE_H, OTHER, 0); }, 'other', 'cls');
    legendItem(box, function (g) { drawSlice(g, 4, 22, 0, LANE_H, '#1c7ed6', FL_ERROR); },
               'failed (red bar and outline, any class)', 'fail');
    legendItem(box, function (g) { drawSlice(g, 4, 22, 0, LANE_H, '#1c7ed6', FL_UNFINISHED); },
               'unfinished (striped open end)', 'unf');
    legendItem(box, function (g) { drawSlice(g, 4, 22, 0, LANE_H, DIM, 0); },
               'not matching the filter', 'dim');
    MARKS.forEach(function (m, k) {
      legendItem(box, function (g) { drawMark(g, k, 15, 2, LANE_H - 2); }, m.name, 'mark');
    });
  }

  /* ---- this view as SVG -------------------------------------------------- */

  /*
   * The view as a standalone SVG, built here from what is loaded: the
   * rows in the scroll window, the calls and markers in the time range
   * (zoomed out, one per pixel, as drawn), each call a link to its round
   * trip, and a key of the syscalls in view, each a link to its kernel
   * definition (meta.syscalls[k].def, from the index).  Every string goes
   * through xml(); links are timeline.html#e=SEQ, the syscall pages, or a
   * definition URL of http(s) or file.  At most SVG_MAX calls.
   */
  var SVG_MAX = 20000, SVG_W = 1200, svgWant = {};

  /* XML text or attribute value; what XML 1.0 cannot carry becomes U+FFFD. */
  function xml(v) {
    return String(v)
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
      .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;').replace(/'/g, '&#39;');
  }

  function linkOk(u) {
    return typeof u === 'string' && /^(https?|file):\/\//i.test(u) ? u : null;
  }

  /* The graphviz timeline of the same time range, as a command line. */
  function svgCommand() {
    function at(ns) { return '+' + (Math.max(0, ns) / 1e6).toFixed(6).replace(/\.?0+$/, '') + 'ms'; }
    return 'sysatlas report TRACE.db --svg-timeline ' + at(Math.floor(view.start / 1000) * 1000) +
           '..' + at(Math.ceil(view.end / 1000) * 1000);
  }

  function viewSvg() {
    var plotX = LABEL_W, plotW = SVG_W - LABEL_W - 10, span = view.end - view.start;
    var scale = plotW / span, top = scroller.scrollTop;
    var bottom = top + canvas.clientHeight - AXIS_H, out = [], body = [], y = 44;
    var count = 0, cut = false, used = {}, r;
    var tipOf = function (i, li) {
      var k = chunkOf(i), d = S.store.details[k], row = d && d[i - chunkStart[k]];
      if (!d) svgWant[k] = true;
      return meta.syscalls[SC[i]].name + ' #' + SEQ[i] + ' · ' + laneLabel(li) + ' · at ' +
             fmtTime(T0[i]) + ' · ' + (FL[i] & (FL_UNFINISHED | FL_NO_RETURN) ? '' : fmtTime(DUR[i]) + ' · ') +
             (resultText(i) || '') + (row ? '\n' + row[1] : '');
    };
    /* the calls of lane list ln in view into dst, once each (done: drawn already) */
    var lanePaint = function (li, ln, y0, dim, done, dst) {
      if (!ln) return;
      var a = lowerBound(ln, view.start), end = upperBound(ln, view.end), lastPx = -1;
      for (; a < end; a++) {
        var i = ln[a], x0 = plotX + (T0[i] - view.start) * scale;
        if (done[i]) continue;
        var x1 = plotX + (T0[i] + DUR[i] - view.start) * scale, px = Math.floor(x0);
        if (x1 - x0 < 1 && px === lastPx) {
          var nx = lowerStart(ln, a, view.start + (px + 1 - plotX) / scale);
          a = nx - 1 > a ? nx - 2 : nx - 1;
          continue;
        }
        if (count >= SVG_MAX) { cut = true; return; }
        lastPx = px;
        done[i] = true;
        count++;
        var xa = Math.max(plotX, x0), w = Math.max(1, Math.min(plotX + plotW, x1) - xa);
        var fl = dim ? 0 : FL[i], color = dim ? DIM : colorOf(i);
        used[SC[i]] = true;
        dst.push('<a href="timeline.html#e=' + SEQ[i] + '" class="call' + (fl & FL_ERROR ? ' failed' : '') +
                  '"><title>' + xml(tipOf(i, li)) + '</title><rect x="' + xa.toFixed(1) + '" y="' + (y0 + 4) +
                  '" width="' + w.toFixed(1) + '" height="' + (LANE_H - 10) + '" fill="' + color + '"' +
                  (fl & FL_ERROR ? ' stroke="' + FAIL + '" stroke-width="1.5"' : '') +
                  (fl & (FL_UNFINISHED | FL_NO_RETURN) ? ' stroke="#495057" stroke-dasharray="3 2"' : '') + '/>' +
                  (fl & FL_ERROR ? '<rect x="' + (xa - (w < 3 ? 1 : 0)).toFixed(1) + '" y="' + (y0 + LANE_H - 5) +
                   '" width="' + Math.max(w, 3).toFixed(1) + '" height="4" fill="' + FAIL + '"/>' : '') +
                  (w > 40 ? '<text x="' + (xa + 3).toFixed(1) + '" y="' + (y0 + LANE_H / 2 + 3) +
                   '" font-size="10" fill="#fff">' + xml(meta.syscalls[SC[i]].name) + '</text>' : '') + '</a>');
      }
    };
    var rowY = [];
    for (r = Math.max(0, rowAt(top)); r < rows.length && rows[r].y < bottom; r++) {
      var row = rows[r];
      if (row.y + row.h <= top) continue;
      rowY[r] = y;
      if (r % 2) body.push('<rect x="0" y="' + y + '" width="' + SVG_W + '" height="' + row.h + '" fill="#fafbfc"/>');
      body.push('<text x="6" y="' + (y + row.h / 2 + 4) + '" font-size="11"' +
                (row.kind === 'group' ? ' font-weight="600"' : '') + '>' + xml(rowLabel(row)) + '</text>');
      if (row.kind === 'group' && !row.g.collapsed) { y += row.h; continue; }
      /* the matching (or failed) calls on top of the rest, as drawn on the canvas */
      (row.kind === 'group' ? row.lanes : [row.li]).forEach(function (li) {
        var done = {}, over = [], base = [];
        lanePaint(li, filtering() ? flanes[li] : elanes[li], y, false, done, over);
        lanePaint(li, lanes[li], y, filtering(), done, base);
        body.push.apply(body, base.concat(over));
      });
      y += row.h;
    }
    for (var m = 0; m < marks.t.length; m++) {
      if (marks.t[m] < view.start || marks.t[m] > view.end) continue;
      var mr = laneRow[marks.l[m]];
      if (mr === undefined || rowY[mr] === undefined) continue;
      var mk = MARKS[marks.k[m]] || MARKS[4], mx = (plotX + (marks.t[m] - view.start) * scale).toFixed(1);
      body.push('<g class="marker ' + xml(mk.name.split(' ')[0]) + '"><title>' + xml(marks.tx[m] || mk.name) +
                '</title><rect x="' + (mx - 0.5) + '" y="' + (rowY[mr] + 1) + '" width="1" height="' + (LANE_H - 2) +
                '" fill="' + mk.color + '"/><circle cx="' + mx + '" cy="' + (rowY[mr] + 5) + '" r="3.5" fill="' +
                mk.color + '"/></g>');
    }
    /* axis: where the view starts, then ticks relative to it */
    var step = niceStep(span, plotW), origin = Math.ceil(view.start / step) * step;
    body.push('<text x="6" y="36" font-size="11">' + xml(fmtAt(view.start, step / 10)) + '</text>');
    for (var k = 0, tk = origin; tk <= view.end; tk = origin + ++k * step) {
      var tx = (plotX + (tk - view.start) * scale).toFixed(1);
      body.push('<rect x="' + tx + '" y="40" width="1" height="' + (y - 40) + '" fill="#eef1f4"/>' +
                '<text x="' + tx + '" y="36" font-size="10" fill="#57606a">' +
                xml(k === 0 ? fmtAt(tk, step) : fmtDelta(tk - origin, step)) + '</text>');
    }
    /* key: each syscall in view, linked to its kernel definition */
    var ky = y + 22, kx = 6;
    Object.keys(used).forEach(function (sc) {
      var s = meta.syscalls[sc], url = linkOk(s.def);
      var label = s.name + (url ? '' : ' (no definition in the index)');
      if (kx + 14 + label.length * 7 > SVG_W) { kx = 6; ky += 18; }
      body.push('<a href="' + xml(url || s.page) + '" class="def"><title>' + xml(url ? s.name + ': its kernel definition' : s.name) +
                '</title><rect x="' + kx + '" y="' + (ky - 9) + '" width="10" height="10" fill="' + scColor[sc] +
                '"/><text x="' + (kx + 14) + '" y="' + ky + '" font-size="11" fill="#1f4f8f">' + xml(label) + '</text></a>');
      kx += 24 + label.length * 7;
    });
    ky += 22;
    body.push('<text x="6" y="' + ky + '" font-size="10" fill="#57606a">' +
              xml(count + ' call' + (count === 1 ? '' : 's') + ' drawn' +
                  (cut ? ' (cut at ' + SVG_MAX + ': zoom in for the rest)' : '') +
                  ' · failed: red outline and bar · as a graphviz timeline: ' + svgCommand()) + '</text>');
    var H = ky + 10;
    out.push('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" ' +
             'width="' + SVG_W + '" height="' + H + '" viewBox="0 0 ' + SVG_W + ' ' + H + '" ' +
             'font-family="DejaVu Sans, sans-serif" data-calls="' + count + '"' + (cut ? ' data-cut="1"' : '') + '>');
    out.push('<rect width="100%" height="100%" fill="#ffffff"/>');
    out.push('<text x="6" y="16" font-size="13" font-weight="600">' +
             xml('sysatlas timeline · ' + fmtAt(view.start, span / 1000) + ' to ' + fmtAt(view.end, span / 1000)) +
             '</text>');
    return out.concat(body, ['</svg>\n']).join('\n');
  }

  /* Save the view; first load the strace lines of its calls (up to 8 chunks). */
  function downloadSvg() {
    svgWant = {};
    var svg = viewSvg(), ks = Object.keys(svgWant), left = ks.length;
    if (!left || left > 8) return saveSvg(svg);
    ks.forEach(function (k) {
      S.load('data/d-' + k + '.js', function () { if (--left === 0) saveSvg(viewSvg()); });
    });
  }

  function saveSvg(svg) {
    var blob = new Blob([svg], { type: 'image/svg+xml' });
    var a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = 'timeline-view.svg';
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }

  /* ---- the results list ------------------------------------------------- */

  var resBox, resList, resSpace, resCount;

  function resultText(i) {
    if (FL[i] & FL_UNFINISHED) return 'unfinished';
    if (FL[i] & FL_NO_RETURN) return 'did not return';
    if (FL[i] & FL_ERROR) return '-1 ' + (meta.errnos[ER[i]] || ('errno ' + ER[i]));
    var k = chunkOf(i), d = S.store.details[k];
    if (!d) return null;
    var row = d[i - chunkStart[k]];
    return row ? '= ' + row[3] : '';
  }

  /* Draw the rows of the list in its scroll window only (a filter may
   * match a million calls). */
  function results() {
    if (!resBox) return;
    resBox.hidden = !filtering();
    if (!filtering()) return;
    resCount.textContent = num(fmatch.length) + ' matching call' + (fmatch.length === 1 ? '' : 's') +
      (chunksLoaded < meta.chunks.length ? ' so far' : '') +
      (current >= 0 ? ' · ' + num(current + 1) + ' shown' : '');
    resSpace.style.height = (fmatch.length * RES_H) + 'px';
    var top = resList.scrollTop, h = resList.clientHeight || 240;
    var a = Math.max(0, Math.floor(top / RES_H) - 2), b = Math.min(fmatch.length, Math.ceil((top + h) / RES_H) + 2);
    var want = {};
    resSpace.textContent = '';
    for (var r = a; r < b; r++) {
      var i = fmatch[r], lane = meta.lanes[LANE[i]];
      var row = el('div', 'r' + (r === current ? ' cur' : '') + (FL[i] & FL_ERROR ? ' err' : ''));
      row.setAttribute('role', 'option');
      row.setAttribute('data-r', r);
      row.style.top = (r * RES_H) + 'px';
      row.appendChild(el('span', 'seq', '#' + SEQ[i]));
      row.appendChild(el('span', 'call', meta.syscalls[SC[i]].name));
      row.appendChild(el('span', 'task', (lane.comm || '?') + ' [' + lane.tid + ']'));
      row.appendChild(el('span', 'time', fmtTime(T0[i])));
      var res = resultText(i);
      if (res === null) { want[chunkOf(i)] = true; res = '…'; }
      row.appendChild(el('span', 'res', res));
      resSpace.appendChild(row);
    }
    Object.keys(want).forEach(function (k) {
      S.load('data/d-' + k + '.js', function (err) { if (!err) results(); });
    });
  }

  /* Show match r of the list: the time range around it, its lane in
   * view, the call opened. */
  function jump(r) {
    if (!fmatch.length) return;
    current = ((r % fmatch.length) + fmatch.length) % fmatch.length;
    var i = fmatch[current];
    showCall(i);
    select(i, true);
    var top = current * RES_H;
    if (top < resList.scrollTop || top + RES_H > resList.scrollTop + resList.clientHeight)
      resList.scrollTop = Math.max(0, top - resList.clientHeight / 2);
    results();
  }

  /* The time range around call i (kept if it shows the call wide enough)
   * and its lane scrolled into view. */
  function showCall(i) {
    var span = view.end - view.start, plotW = canvas.clientWidth - LABEL_W;
    var x0 = (T0[i] - view.start) / span * plotW, x1 = (T0[i] + DUR[i] - view.start) / span * plotW;
    if (x0 < 0 || x1 > plotW || DUR[i] / span * plotW < 4) {
      var pad = Math.max(DUR[i] * 4, 2000);
      view.start = T0[i] - pad; view.end = T0[i] + DUR[i] + pad;
      clamp();
    }
    revealLane(LANE[i]);
    schedule();
  }

  /* ---- interaction --------------------------------------------------- */

  function timeAt(px) {
    var plotW = canvas.clientWidth - LABEL_W;
    return view.start + (px - LABEL_W) / plotW * (view.end - view.start);
  }

  function zoom(f, px) {
    var center = px === undefined ? (view.start + view.end) / 2 : timeAt(px);
    var span = Math.max(200, (view.end - view.start) * f);
    var full = fullSpan();
    if (span > full.end - full.start) span = full.end - full.start;
    var frac = (center - view.start) / (view.end - view.start);
    view.start = center - frac * span;
    view.end = view.start + span;
    clamp();
    schedule();
  }

  /* Where the events are: from the first to the last call or marker
   * (the chunks' spans), not the idle time after the program ended. */
  function eventSpan() {
    var lo = Infinity, hi = -Infinity;
    meta.chunks.forEach(function (c) {
      if (!c[0] && !c[3]) return;
      if (c[1] < lo) lo = c[1];
      if (c[2] > hi) hi = c[2];
    });
    if (lo === Infinity) { lo = 0; hi = Math.max(meta.end, 1); }
    return { start: lo, end: Math.max(hi, lo + 1) };
  }

  /* The initial view, and what "fit" (0) shows: the events, padded. */
  function fitSpan() {
    var e = eventSpan(), pad = Math.max((e.end - e.start) * 0.02, 500);
    return { start: e.start - pad, end: e.end + pad };
  }

  /* The furthest one may zoom out: the run from its start to its end and
   * every event. */
  function fullSpan() {
    var e = fitSpan(), lo = Math.min(0, e.start), hi = Math.max(meta.end, e.end);
    var pad = (hi - lo) * 0.01;
    return { start: lo - pad, end: hi + pad };
  }

  function clamp() {
    var full = fullSpan(), span = view.end - view.start;
    if (view.start < full.start) { view.start = full.start; view.end = view.start + span; }
    if (view.end > full.end) { view.end = full.end; view.start = view.end - span; }
  }

  function fit() { view = fitSpan(); schedule(); }

  /* What is at canvas point (px, py): { row, i } (i the call, or -1). */
  function hit(px, py) {
    var r = py < AXIS_H ? -1 : rowAt(py - AXIS_H + scroller.scrollTop);
    if (r < 0) return { row: -1, i: -1 };
    var row = rows[r], res = { row: r, i: -1 };
    if (px < LABEL_W) return res;
    var list = row.kind === 'group' ? (row.g.collapsed ? row.lanes : []) : [row.li];
    var slack = 3 * (view.end - view.start) / (canvas.clientWidth - LABEL_W);
    var t = timeAt(px), bestD = Infinity;
    list.forEach(function (li) {
      var ln = flanes ? flanes[li] : lanes[li];
      if (!ln) return;
      for (var a = lowerBound(ln, t - slack); a < ln.length; a++) {
        var i = ln[a];
        if (T0[i] > t + slack) break;
        var d = t < T0[i] ? T0[i] - t : t > T0[i] + DUR[i] ? t - T0[i] - DUR[i] : 0;
        if (d < bestD) { bestD = d; res.i = i; }
      }
    });
    return res;
  }

  /* The marker drawn at canvas point (px, py) (within a few pixels), or -1. */
  function hitMark(px, py) {
    if (py < AXIS_H || px < LABEL_W) return -1;
    var r = rowAt(py - AXIS_H + scroller.scrollTop);
    if (r < 0) return -1;
    var scale = (canvas.clientWidth - LABEL_W) / (view.end - view.start), best = -1, bestD = 7;
    for (var m = 0; m < marks.t.length; m++) {
      if (laneRow[marks.l[m]] !== r || marks.t[m] < view.start || marks.t[m] > view.end) continue;
      var d = Math.abs(LABEL_W + (marks.t[m] - view.start) * scale - px);
      if (d < bestD) { bestD = d; best = m; }
    }
    return best;
  }

  function markName(m) {
    var k = (meta.markerKinds || [])[marks.k[m]] || 'event';
    return k;
  }

  function nextMatch(dir) {
    if (!fmatch.length) return;
    if (current < 0) {
      /* from the selected call, or the start of the view */
      var from = selected >= 0 ? T0[selected] : view.start, r = 0;
      while (r < fmatch.length && (selected >= 0 ? T0[fmatch[r]] <= from : T0[fmatch[r]] < from)) r++;
      jump(dir > 0 ? r : r - 1);
    } else {
      jump(current + dir);
    }
  }

  function toggleHelp(show) {
    var h = document.getElementById('tl-help');
    if (!h) return;
    h.hidden = show === undefined ? !h.hidden : !show;
    if (!h.hidden) h.focus();
  }

  function pan(frac) {
    var d = (view.end - view.start) * frac;
    view.start += d; view.end += d; clamp(); schedule();
  }

  function initInput() {
    var drag = null;
    canvas.addEventListener('mousedown', function (e) {
      drag = { x: e.offsetX, start: view.start, end: view.end, moved: false, y: e.offsetY };
    });
    window.addEventListener('mousemove', function (e) {
      if (!drag) return;
      var r = canvas.getBoundingClientRect();
      var dx = e.clientX - r.left - drag.x;
      if (Math.abs(dx) > 3) drag.moved = true;
      var per = (drag.end - drag.start) / (canvas.clientWidth - LABEL_W);
      view.start = drag.start - dx * per;
      view.end = drag.end - dx * per;
      clamp();
      schedule();
    });
    window.addEventListener('mouseup', function () {
      var mk = drag && !drag.moved ? hitMark(drag.x, drag.y) : -1;
      if (mk >= 0) {
        selectMark(mk, true);
      } else if (drag && !drag.moved) {
        var h = hit(drag.x, drag.y);
        if (h.row >= 0 && rows[h.row].kind === 'group' && (drag.x < LABEL_W || h.i < 0))
          toggleGroup(rows[h.row].g);
        else if (h.i >= 0)
          select(h.i, true);
      }
      drag = null;
    });
    canvas.addEventListener('wheel', function (e) {
      var per = (view.end - view.start) / (canvas.clientWidth - LABEL_W);
      if (e.altKey) {
        e.preventDefault();
        scroller.scrollTop += e.deltaY;
      } else if (e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY)) {
        e.preventDefault();
        var d = e.shiftKey ? e.deltaY || e.deltaX : e.deltaX;
        view.start += d * per; view.end += d * per;
        clamp(); schedule();
      } else if (e.offsetX < LABEL_W && !e.ctrlKey) {
        /* over the names: the browser scrolls the lanes */
      } else {
        e.preventDefault();
        zoom(e.deltaY > 0 ? 1.25 : 0.8, e.offsetX);
      }
    }, { passive: false });
    scroller.addEventListener('scroll', schedule);
    canvas.addEventListener('mousemove', function (e) {
      var h = hit(e.offsetX, e.offsetY), i = h.i, mk = hitMark(e.offsetX, e.offsetY);
      if (mk >= 0) {
        /* a marker is drawn over the calls: it wins */
        var ml = meta.lanes[marks.l[mk]] || {};
        canvas.style.cursor = 'pointer';
        tip.textContent = marks.tx[mk] + ' · ' + (ml.comm || '?') + ' [' + ml.tid + '] · at ' +
          fmtTime(marks.t[mk]) + ' · #' + marks.s[mk] +
          (marks.st[mk] >= 0 ? ' · click: its round trip' : '');
        tip.style.left = (e.offsetX + 12) + 'px';
        tip.style.top = (e.offsetY + 12) + 'px';
        tip.hidden = false;
        return;
      }
      if (i < 0) {
        tip.hidden = true;
        canvas.style.cursor = h.row >= 0 && rows[h.row].kind === 'group' && e.offsetX < LABEL_W ? 'pointer' : '';
        return;
      }
      canvas.style.cursor = '';
      var s = meta.syscalls[SC[i]], lane = meta.lanes[LANE[i]];
      tip.textContent = s.name + ' · ' + (lane.comm || '?') + ' [' + lane.tid + '] · ' + fmtTime(DUR[i]) +
        (FL[i] & FL_ERROR ? ' · failed: ' + (meta.errnos[ER[i]] || ('errno ' + ER[i])) : '') +
        (FL[i] & FL_UNFINISHED ? ' · unfinished' : '') + ' · #' + SEQ[i];
      tip.style.left = (e.offsetX + 12) + 'px';
      tip.style.top = (e.offsetY + 12) + 'px';
      tip.hidden = false;
    });
    canvas.addEventListener('mouseleave', function () { tip.hidden = true; });
    document.addEventListener('keydown', function (e) {
      var help = document.getElementById('tl-help');
      if (e.key === 'Escape' && help && !help.hidden) { toggleHelp(false); e.preventDefault(); return; }
      if (e.target && /INPUT|SELECT|TEXTAREA/.test(e.target.tagName)) {
        if (e.target.id === 'q' && e.key === 'Enter') { nextMatch(e.shiftKey ? -1 : 1); e.preventDefault(); }
        else if (e.target.id === 'q' && e.key === 'Escape') e.target.blur();
        return;
      }
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      var page = Math.max(LANE_H, canvas.clientHeight - AXIS_H - LANE_H);
      switch (e.key) {
      case '?': toggleHelp(); break;
      case '+': case '=': zoom(0.7); break;
      case '-': zoom(1.4); break;
      case '0': fit(); break;
      case 'ArrowLeft': pan(-0.2); break;
      case 'ArrowRight': pan(0.2); break;
      case 'ArrowDown': scroller.scrollTop += LANE_H; break;
      case 'ArrowUp': scroller.scrollTop -= LANE_H; break;
      case 'PageDown': scroller.scrollTop += page; break;
      case 'PageUp': scroller.scrollTop -= page; break;
      case 'Home': scroller.scrollTop = 0; break;
      case 'End': scroller.scrollTop = scroller.scrollHeight; break;
      case '/': document.getElementById('q').focus(); break;
      case 'n': nextMatch(1); break;
      case 'N': nextMatch(-1); break;
      case 'c': setAllCollapsed(true); break;
      case 'e': setAllCollapsed(false); break;
      default: return;
      }
      e.preventDefault();
    });
    document.getElementById('zoom-in').addEventListener('click', function () { zoom(0.6); });
    document.getElementById('zoom-out').addEventListener('click', function () { zoom(1.6); });
    document.getElementById('zoom-reset').addEventListener('click', fit);
    document.getElementById('help-open').addEventListener('click', function () { toggleHelp(true); });
    document.getElementById('help-close').addEventListener('click', function () { toggleHelp(false); });
    document.getElementById('collapse-all').addEventListener('click', function () { setAllCollapsed(true); });
    document.getElementById('expand-all').addEventListener('click', function () { setAllCollapsed(false); });
    var svgBtn = el('button', null, 'this view as SVG');
    svgBtn.type = 'button';
    svgBtn.id = 'view-svg';
    svgBtn.title = 'download what is shown as a standalone SVG, each call a link to its round trip';
    svgBtn.addEventListener('click', downloadSvg);
    document.getElementById('expand-all').after(svgBtn);
    document.getElementById('sort').addEventListener('change', function (e) {
      sortKey = SORTS[e.target.value] ? e.target.value : 'first';
      buildRows();
    });
    document.getElementById('hide').addEventListener('change', function (e) {
      hideEmpty = e.target.checked;
      buildRows();
    });
    document.getElementById('prev-match').addEventListener('click', function () { nextMatch(-1); });
    document.getElementById('next-match').addEventListener('click', function () { nextMatch(1); });
    resList.addEventListener('scroll', results);
    resList.addEventListener('click', function (e) {
      var row = e.target.closest ? e.target.closest('.r') : null;
      if (row) jump(+row.getAttribute('data-r'));
    });
    ['q', 'cls', 'pid', 'errno'].forEach(function (id) {
      var x = document.getElementById(id);
      x.addEventListener(id === 'q' ? 'input' : 'change', applyFilter);
    });
    window.addEventListener('resize', layout);
    window.addEventListener('hashchange', fromHash);
  }

  /* ---- event view ----------------------------------------------------- */

  function select(i, fromClick) {
    selected = i;
    selMark = -1;
    schedule();
    var k = chunkOf(i), j = i - chunkStart[k];
    if (fromClick) history.replaceState(null, '', '#e=' + SEQ[i]);
    var d = S.store.details[k];
    if (!d) {
      S.load('data/d-' + k + '.js', function (err) { if (!err && selected === i) select(i, false); });
      return;
    }
    showEvent(i, d[j]);
  }

  function showEvent(i, d) {
    var sec = document.getElementById('event');
    var s = meta.syscalls[SC[i]], lane = meta.lanes[LANE[i]];
    sec.hidden = false;
    var title = document.getElementById('ev-title');
    title.textContent = '';
    title.appendChild(document.createTextNode('#' + SEQ[i] + ' '));
    title.appendChild(link(s.page, s.name, 'sc'));
    title.appendChild(document.createTextNode(' — ' + (lane.comm || '?') + ' [' + lane.tid + ']'));
    var text = d[1];
    if (FL[i] & FL_UNFINISHED) text += ' <unfinished ...>';
    else if (FL[i] & FL_NO_RETURN) text += ' = ?';
    document.getElementById('ev-line').textContent = text;

    var regs = document.getElementById('ev-regs');
    regs.textContent = '';
    var names = ['rdi', 'rsi', 'rdx', 'r10', 'r8', 'r9'];
    function row(tb, a, b, c) {
      var tr = el('tr');
      tr.appendChild(el('th', null, a));
      tr.appendChild(el('td', 'mono', b));
      if (c !== undefined) tr.appendChild(el('td', 'muted', c));
      tb.appendChild(tr);
    }
    row(regs, 'rax', String(s.nr), 'syscall number: ' + s.name + (s.abi ? ' (' + s.abi + ')' : ''));
    /* named from the kernel signature in the index; the rest are leftovers */
    var params = Array.isArray(s.params) ? s.params : null;
    for (var a = 0; a < 6; a++) {
      if (!params) row(regs, names[a], d[2][a], 'argument ' + (a + 1) + ' (no kernel signature in the index)');
      else if (a < params.length) row(regs, names[a], d[2][a], 'argument ' + (a + 1) + ': ' + params[a]);
      else row(regs, names[a], d[2][a], 'unused: ' + s.name + ' takes ' + params.length +
               (params.length === 1 ? ' argument' : ' arguments'));
    }
    if (FL[i] & FL_UNFINISHED) row(regs, 'rax', '—', 'no return value: unfinished');
    else if (FL[i] & FL_NO_RETURN) row(regs, 'rax', '—', 'never returned: the thread exited or exec\'d inside the call');
    else {
      var rv = d[3], note = 'return value';
      var rs = (FL[i] & FL_ERROR) && meta.restarts ? meta.restarts[ER[i]] : null;
      if (rs) {
        /* kernel-internal: turned into EINTR or a restart before user space */
        var tr = el('tr');
        tr.appendChild(el('th', null, 'rax'));
        tr.appendChild(el('td', 'mono', rv));
        var td = el('td', 'muted', '-' + ER[i] + ' = ' + meta.errnos[ER[i]] +
          ': kernel-internal, user space never sees it; instead ' + rs.sees + ' (');
        (rs.fns || []).forEach(function (f, k) {
          if (k) td.appendChild(document.createTextNode(', '));
          td.appendChild(link(f[2], f[0], 'src'));
          td.appendChild(el('span', 'where', ' ' + f[1]));
        });
        if (!(rs.fns || []).length) td.appendChild(document.createTextNode('the signal code: not in the index'));
        td.appendChild(document.createTextNode(')'));
        tr.appendChild(td);
        regs.appendChild(tr);
      } else {
        if (FL[i] & FL_ERROR) note = '-' + ER[i] + ' = ' + (meta.errnos[ER[i]] || 'errno') + ' (returned as -1, errno set by libc)';
        row(regs, 'rax', rv, note);
      }
    }
    var facts = document.getElementById('ev-facts');
    facts.textContent = '';
    row(facts, 'enter stop', '#' + SEQ[i] + ' at ' + fmtTime(T0[i]));
    row(facts, 'exit stop', d[0] ? '#' + d[0] + ' at ' + fmtTime(T0[i] + DUR[i]) : 'none');
    row(facts, 'duration', (FL[i] & FL_UNFINISHED) ? 'unfinished' :
        (FL[i] & FL_NO_RETURN) ? 'did not return' : fmtTime(DUR[i]));
    row(facts, 'tracer at enter', (d[4] || '—').replace(/,/g, ', '));
    row(facts, 'tracer at exit', (d[5] || '—').replace(/,/g, ', '));

    showWaited(i, d[7]);
    var graph = document.getElementById('ev-graph');
    var steps = document.getElementById('ev-steps');
    graph.textContent = 'loading the round trip…';
    steps.textContent = '';
    document.getElementById('ev-observed').textContent = '';
    document.getElementById('ev-tree').textContent = '';
    document.getElementById('ev-current').textContent = '';
    var rt = RT[i];
    var r = S.store.roundtrips[rt];
    if (!r) {
      S.load('data/rt-' + rt + '.js', function (err) {
        if (err) { graph.textContent = 'round trip not available'; return; }
        if (selected === i) showRoundTrip(S.store.roundtrips[rt], rt);
      });
    } else {
      showRoundTrip(r, rt);
    }
  }

  /* A marker opened: its text, its task and time, its stop's round trip. */
  function selectMark(m, fromClick) {
    selMark = m;
    selected = -1;
    schedule();
    if (fromClick) history.replaceState(null, '', '#e=' + marks.s[m]);
    var sec = document.getElementById('event'), lane = meta.lanes[marks.l[m]] || {};
    sec.hidden = false;
    var stop = marks.st[m] >= 0 && meta.stops ? meta.stops[marks.st[m]] : null;
    document.getElementById('ev-title').textContent = '#' + marks.s[m] + ' ' + markName(m) +
      ' — ' + (lane.comm || '?') + ' [' + lane.tid + ']';
    document.getElementById('ev-line').textContent = marks.tx[m];
    var regs = document.getElementById('ev-regs'), facts = document.getElementById('ev-facts');
    regs.textContent = '';
    facts.textContent = '';
    function row(tb, a, b) {
      var tr = el('tr');
      tr.appendChild(el('th', null, a));
      tr.appendChild(el('td', 'mono', b));
      tb.appendChild(tr);
    }
    row(regs, 'registers', 'not read: this is not a syscall stop');
    row(facts, 'event', '#' + marks.s[m] + ' at ' + fmtTime(marks.t[m]));
    row(facts, 'kind', markName(m) + (stop ? ' (' + stop + ' stop)' : ''));
    if (marks.k[m] === 0) row(facts, 'signal', String(marks.x[m]));
    else if (marks.k[m] === 1) row(facts, 'new task', String(marks.x[m]));
    else if (marks.k[m] === 2) row(facts, 'former tid', String(marks.x[m]));
    else if (marks.k[m] === 3) row(facts, 'wait status', String(marks.x[m]));
    showWaited(-1, null);
    ['ev-steps', 'ev-observed', 'ev-tree', 'ev-current'].forEach(function (id) {
      document.getElementById(id).textContent = '';
    });
    var graph = document.getElementById('ev-graph');
    if (!stop) { graph.textContent = 'no round trip for this event'; return; }
    var key = 'stop-' + stop, r = S.store.roundtrips[key];
    if (r) { showRoundTrip(r, key); return; }
    graph.textContent = 'loading the round trip…';
    S.load('data/rt-' + key + '.js', function (err) {
      if (err) { graph.textContent = 'round trip not available'; return; }
      if (selMark === m) showRoundTrip(S.store.roundtrips[key], key);
    });
  }

  /* The round trip r of key rt in the event view (draw.js). */
  function showRoundTrip(r, rt) {
    var want = selected, mark = selMark;
    S.rtview.show(r, rt, { graph: 'ev-graph', steps: 'ev-steps', observed: 'ev-observed',
                           tree: 'ev-tree', current: 'ev-current' },
                  function () { return selected === want && selMark === mark; });
  }

  var STATES = { S: 'asleep (S)', D: 'asleep, uninterruptible (D)', R: 'runnable (R)',
                 I: 'idle (I)', T: 'stopped (T)', t: 'traced (t)' };

  /* Where the call waited: its samples, one entry per distinct stack. */
  function showWaited(i, waits) {
    var box = document.getElementById('ev-waited');
    box.textContent = '';
    if (!waits || !waits.length) return;
    var k = S.store.kstacks;
    if (!k) {
      box.textContent = 'loading where it waited…';
      S.load('data/kstacks.js', function (err) {
        if (err) { box.textContent = 'where it waited: not available'; return; }
        if (selected === i) showWaited(i, waits);
      });
      return;
    }
    var total = 0;
    waits.forEach(function (w) { total += w[1]; });
    box.appendChild(el('h3', null, 'Where it waited'));
    box.appendChild(el('p', 'muted', total + ' sample' + (total === 1 ? '' : 's') +
      ' of its kernel stack while it was inside the call (' + k.running + '), ' +
      'innermost frame first. Each frame links to ' +
      (k.upstream ? k.upstream + '\'s source' : 'the source') +
      (k.index ? ', and to ' + k.index + (k.also ? ' and ' + k.also : '') +
       ' where the index has it.' : '.')));
    waits.forEach(function (w) {
      var st = k.stacks[w[0]];
      if (!st) return;
      var states = (w[4] || '').split('').map(function (c) { return STATES[c] || c; }).join(', ');
      box.appendChild(el('p', 'wait-head', w[1] + ' × from +' + fmtTime(w[2] - T0[i]) +
        ' to +' + fmtTime(w[3] - T0[i]) + ' after it entered' + (states ? ' — ' + states : '')));
      var ol = el('ol', 'frames');
      st.forEach(function (f) {
        var li = el('li');
        S.rtview.frameLinks(li, f[0], f[1], f[2], k.index, f[3], k.also);
        ol.appendChild(li);
      });
      box.appendChild(ol);
    });
  }


  function seekSeq(seq) {
    for (var i = 0; i < n; i++) {
      if (SEQ[i] === seq) {
        wantSeq = null;
        var pad = Math.max(DUR[i] * 4, 2000);
        view.start = T0[i] - pad; view.end = T0[i] + DUR[i] + pad;
        clamp();
        revealLane(LANE[i]);
        select(i, false);
        return true;
      }
    }
    for (var m = 0; m < marks.s.length; m++) {
      if (marks.s[m] !== seq) continue;
      wantSeq = null;
      view.start = marks.t[m] - 2000; view.end = marks.t[m] + 2000;
      clamp();
      revealLane(marks.l[m]);
      selectMark(m, false);
      return true;
    }
    return false;
  }

  var decodeFragment = window.sysatlas.decodeFragment;	/* site.js */

  function fromHash() {
    var h = decodeFragment(location.hash.slice(1));
    var m;
    if ((m = /^e=(\d+)$/.exec(h))) {
      wantSeq = +m[1];
      seekSeq(wantSeq);
    } else if ((m = /^q=(.*)$/.exec(h))) {
      document.getElementById('q').value = m[1];
      applyFilter();
    }
  }

  /* For tests and tools: where a call is drawn (canvas coordinates of the
   * middle of the slice with seq, or null when it is not in view), the
   * rows, the axis labels, the view. */
  window.sysatlasTimeline = {
    where: function (seq) {
      for (var i = 0; i < n; i++) {
        if (SEQ[i] !== seq) continue;
        var r = laneRow[LANE[i]];
        if (r === undefined) return null;
        var y = AXIS_H + rows[r].y - scroller.scrollTop;
        if (y < AXIS_H || y + rows[r].h > canvas.clientHeight) return null;
        var scale = (canvas.clientWidth - LABEL_W) / (view.end - view.start);
        var x0 = LABEL_W + (T0[i] - view.start) * scale, x1 = x0 + Math.max(1, DUR[i] * scale);
        if (x1 < LABEL_W || x0 > canvas.clientWidth) return null;
        return { x: (Math.max(x0, LABEL_W) + Math.min(x1, canvas.clientWidth)) / 2,
                 y: y + rows[r].h / 2 };
      }
      return null;
    },
    rows: function () {
      return rows.map(function (r) {
        return { kind: r.kind, tgid: r.g.tgid, tid: r.kind === 'lane' ? meta.lanes[r.li].tid : null,
                 collapsed: r.g.collapsed, y: r.y, h: r.h,
                 lanes: r.kind === 'group' ? r.lanes.length : 1 };
      });
    },
    axis: function () { return axisLabels.slice(); },
    svg: function () { return viewSvg(); },
    view: function () { return { start: view.start, end: view.end, events: eventSpan() }; },
    selected: function () {
      return selected >= 0 ? SEQ[selected] : selMark >= 0 ? marks.s[selMark] : null;
    },
    /* the markers loaded: seq, kind (meta.markerKinds), text, stop (meta.stops) */
    marks: function () {
      return marks.s.map(function (s, m) {
        return { seq: s, kind: marks.k[m], text: marks.tx[m], stop: marks.st[m] };
      });
    },
    /* where the marker with seq is drawn, or null when it is not in view */
    whereMark: function (seq) {
      for (var m = 0; m < marks.s.length; m++) {
        if (marks.s[m] !== seq) continue;
        var r = laneRow[marks.l[m]];
        if (r === undefined) return null;
        var y = AXIS_H + rows[r].y - scroller.scrollTop;
        if (y < AXIS_H || y + rows[r].h > canvas.clientHeight) return null;
        var scale = (canvas.clientWidth - LABEL_W) / (view.end - view.start);
        var x = LABEL_W + (marks.t[m] - view.start) * scale;
        if (x < LABEL_W || x > canvas.clientWidth) return null;
        return { x: x, y: y + 4 };
      }
      return null;
    },
    labelWidth: LABEL_W, axisHeight: AXIS_H
  };

  /* ---- start ------------------------------------------------------------ */

  function start() {
    canvas = document.getElementById('tl');
    meta = meta || S.store.meta;   /* data/meta.js ran before this file */
    if (!canvas || !meta || !S.filter) return;
    ctx = canvas.getContext('2d');
    wrap = document.getElementById('tl-wrap');
    scroller = document.getElementById('tl-scroll');
    spacer = document.getElementById('tl-space');
    tip = document.getElementById('tl-tip');
    statusEl = document.getElementById('tl-status');
    resBox = document.getElementById('tl-results');
    resList = document.getElementById('tl-rlist');
    resSpace = document.getElementById('tl-rspace');
    resCount = document.getElementById('tl-rcount');
    scColor = meta.syscalls.map(function (s, k) {
      var c = classOf(k);
      return (c && CLASS_COLORS[c]) || OTHER;
    });
    var pidSel = document.getElementById('pid'), seen = {};
    meta.lanes.forEach(function (l) {
      if (seen['p' + l.tgid]) return;
      seen['p' + l.tgid] = 1;
      var o = el('option', null, 'pid ' + l.tgid + ' (' + (l.comm || '?') + ')');
      o.value = l.tgid;
      pidSel.appendChild(o);
    });
    var erSel = document.getElementById('errno');
    Object.keys(meta.errnos).forEach(function (e) {
      var o = el('option', null, meta.errnos[e] || ('errno ' + e));
      o.value = e;
      erSel.appendChild(o);
    });
    var sortSel = document.getElementById('sort');
    Object.keys(SORTS).forEach(function (k) {
      var o = el('option', null, SORTS[k]);
      o.value = k;
      sortSel.appendChild(o);
    });
    buildLegend();
    buildGroups();
    view = fitSpan();
    initInput();
    buildRows();
    fromHash();
    loadChunks();
  }

  if (document.readyState === 'loading')
    document.addEventListener('DOMContentLoaded', start);
  else
    start();
})();
