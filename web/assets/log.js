/*
 * sysatlas log: the whole trace as strace -f prints it, one line per call
 * (at its start, with its result and -T duration), signal, exec and exit,
 * in seq order; a colour and a [pid N] per thread; -t/-tt/-ttt/-r times;
 * the timeline's filter (assets/filter.js); each call a link to its round
 * trip on the timeline (timeline.html#e=SEQ).
 *
 * It reads the timeline's data files (data/t-K.js column arrays, the text
 * of calls in data/d-K.js, loaded only for the lines in view) and keeps
 * only the lines in view in the DOM: a million events cost a few dozen
 * elements.  Every text from the trace is set with textContent.
 */
(function () {
  'use strict';

  var S = window.sysatlas;
  var ROW_H = 18;
  /* browsers cap an element's height (Firefox near 1.8e7 px): past this
   * the scroll position is scaled to the line number */
  var MAX_H = 8000000;
  var FL_ERROR = 1, FL_UNFINISHED = 2, FL_NO_RETURN = 8;
  var MK_SIGNAL = 0, MK_FORK = 1, MK_EXEC = 2, MK_EXIT = 3, MK_DETACH = 4;
  /* thread colours: dark enough to read on white, none of them red */
  var COLORS = ['#1c5fa8', '#2b7a3e', '#7048e8', '#0b7285', '#9c4f0a', '#ae3ec9',
                '#364fc7', '#5c7a0a', '#8a5a00', '#1864ab', '#6741d9', '#087f5b'];

  var meta = null;
  var n = 0, cap = 0;
  var T0, DUR, LANE, SC, FL, ER, SEQ;
  var chunkStart = [], chunksLoaded = 0;
  var mk = { t: [], l: [], k: [], x: [], s: [], tx: [] };
  var seqLo = Infinity, seqHi = -Infinity;
  var order = new Int32Array(0), nrows = 0;   /* codes: call i = 2i, marker j = 2j+1 */
  var filt = null;
  var tfmt = 'tt', durs = true, multi = false;
  var view, space, rowsEl, statusEl;
  var pool = [];
  var dirty = false, drawPending = false, firstPaint = false;
  var wantSeq = null, markSeq = null;

  function grow(need) {
    if (need <= cap) return;
    var c = Math.max(need, cap * 2, 4096);
    function g(Old, T) { var a = new T(c); if (Old) a.set(Old.subarray(0, n)); return a; }
    T0 = g(T0, Float64Array); DUR = g(DUR, Float64Array); SEQ = g(SEQ, Float64Array);
    LANE = g(LANE, Int32Array); SC = g(SC, Int32Array); ER = g(ER, Int32Array);
    FL = g(FL, Uint8Array);
    cap = c;
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }

  function num(x) {
    return String(x).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  }

  /* ---- data --------------------------------------------------------- */

  S.on('chunk', function (k, c) {
    var base = n, i, t = 0, s = 0;
    chunkStart[k] = base;
    grow(n + c.n);
    for (i = 0; i < c.n; i++) {
      t += c.t[i]; s += c.s[i];
      var j = base + i;
      T0[j] = t; DUR[j] = c.d[i]; LANE[j] = c.l[i]; SC[j] = c.c[i];
      FL[j] = c.f[i]; ER[j] = c.e[i]; SEQ[j] = s;
      if (s < seqLo) seqLo = s;
      if (s > seqHi) seqHi = s;
    }
    n += c.n;
    var m = c.m, mt = 0, ms = 0;
    for (i = 0; i < m.n; i++) {
      mt += m.t[i]; ms += m.s[i];
      mk.t.push(mt); mk.l.push(m.l[i]); mk.k.push(m.k[i]);
      mk.x.push(m.x[i]); mk.s.push(ms); mk.tx.push(m.tx[i]);
      if (ms < seqLo) seqLo = ms;
      if (ms > seqHi) seqHi = ms;
    }
    chunksLoaded++;
    view.setAttribute('data-loaded', chunksLoaded);
    dirty = true;
    schedule();
  });

  /* The small first chunk alone (the first lines wait for nothing else),
   * then the others, which run in order as they arrive. */
  function loadChunks() {
    if (!meta.chunks.length) { view.setAttribute('data-loaded', 0); draw(); return; }
    /* the text of the first lines comes with them, not after the rest */
    var left = 2;
    function both() {
      schedule();
      if (--left) return;
      for (var k = 1; k < meta.chunks.length; k++)
        S.load('data/t-' + k + '.js', null);
    }
    S.load('data/d-0.js', both, true);
    S.load('data/t-0.js', both);
  }

  function chunkOf(i) {
    var lo = 0, hi = chunkStart.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (chunkStart[mid] !== undefined && chunkStart[mid] <= i) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  function seqOf(code) { return code & 1 ? mk.s[code >> 1] : SEQ[code >> 1]; }

  /* ---- the lines, in seq order ------------------------------------------ */

  function callShown(i) { return !filt || filt.match(SC[i], LANE[i], ER[i]); }

  /* A signal, exec or exit is shown unless the filter asks for calls by
   * name, class or error; pid: and tid: keep those of their tasks. */
  function markShown(j) {
    if (!filt) return true;
    if (filt.sc || filt.errs) return false;
    return !filt.lane || !!filt.lane[mk.l[j]];
  }

  /*
   * The shown lines sorted by seq (calls arrive as they ended, so not in
   * order).  Seqs are dense in a trace: a table indexed by seq sorts them
   * in linear time; sparse or repeated seqs (a damaged trace) are sorted
   * with a comparison instead.
   */
  function rebuild() {
    var nm = mk.s.length, total = n + nm, i, j, c = 0;
    var range = seqHi - seqLo + 1;
    var out = new Int32Array(total);
    if (total && range > 0 && range <= 4 * total + 1024) {
      var tab = new Int32Array(range), clash = false;
      for (i = 0; i < n && !clash; i++) {
        if (!callShown(i)) continue;
        var a = SEQ[i] - seqLo;
        if (tab[a]) clash = true; else tab[a] = 2 * i + 1;
      }
      for (j = 0; j < nm && !clash; j++) {
        if (!markShown(j)) continue;
        var b = mk.s[j] - seqLo;
        if (tab[b]) clash = true; else tab[b] = 2 * j + 2;
      }
      if (!clash) {
        for (i = 0; i < range; i++)
          if (tab[i]) out[c++] = tab[i] - 1;
        order = out.subarray(0, c);
        nrows = c;
        return;
      }
      c = 0;
    }
    var codes = [];
    for (i = 0; i < n; i++) if (callShown(i)) codes.push(2 * i);
    for (j = 0; j < nm; j++) if (markShown(j)) codes.push(2 * j + 1);
    codes.sort(function (x, y) { return seqOf(x) - seqOf(y) || x - y; });
    order = Int32Array.from(codes);
    nrows = order.length;
  }

  /* The first line whose seq is >= seq. */
  function rowOfSeq(seq) {
    var lo = 0, hi = nrows;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (seqOf(order[mid]) < seq) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  /* ---- scrolling ------------------------------------------------------ */

  function fullH() { return nrows * ROW_H; }
  function spaceH() { return Math.min(fullH(), MAX_H); }
  function visRows() { return Math.max(1, Math.floor(view.clientHeight / ROW_H)); }

  /* The first line in view, and where it is drawn in the spacer. */
  function firstRow() {
    var top = view.scrollTop;
    if (fullH() <= MAX_H) return { row: Math.floor(top / ROW_H), y: Math.floor(top / ROW_H) * ROW_H };
    var room = spaceH() - view.clientHeight, last = Math.max(0, nrows - visRows());
    var row = room > 0 ? Math.round(top / room * last) : 0;
    return { row: Math.min(row, last), y: top };
  }

  function scrollToRow(row) {
    row = Math.max(0, Math.min(row, nrows - 1));
    if (fullH() <= MAX_H) { view.scrollTop = row * ROW_H; return; }
    var room = spaceH() - view.clientHeight, last = Math.max(1, nrows - visRows());
    view.scrollTop = Math.min(row, last) / last * room;
  }

  function schedule() {
    if (drawPending) return;
    drawPending = true;
    requestAnimationFrame(function () { drawPending = false; draw(); });
  }

  /* ---- one line ------------------------------------------------------- */

  function pad(x, w) { x = String(x); while (x.length < w) x = '0' + x; return x; }

  /* t (ns after the run's start) as strace's -t, -tt, -ttt, -r would. */
  function fmtTime(t, prevT) {
    if (tfmt === 'none' || meta.times === 'order') return '';
    if (tfmt === 'r') {
      var d = Math.max(0, t - prevT);
      return String(Math.floor(d / 1e9)).padStart(6, ' ') + '.' + pad(Math.floor(d % 1e9 / 1e3), 6);
    }
    var wall = meta.wall || [0, 0];
    var ns = wall[1] + t, sec = wall[0] + Math.floor(ns / 1e9);
    var us = Math.floor((ns - Math.floor(ns / 1e9) * 1e9) / 1e3);
    if (meta.times === 'log-relative') {
      /* no wall clock: seconds since the first event */
      return (Math.floor(t / 1e9) + '.' + pad(Math.floor(t % 1e9 / 1e3), 6));
    }
    if (tfmt === 'ttt') return sec + '.' + pad(us, 6);
    var dt = new Date(sec * 1000);
    var hms = pad(dt.getHours(), 2) + ':' + pad(dt.getMinutes(), 2) + ':' + pad(dt.getSeconds(), 2);
    return tfmt === 't' ? hms : hms + '.' + pad(us, 6);
  }

  function fmtDur(ns) {
    return '<' + Math.floor(ns / 1e9) + '.' + pad(Math.floor(ns % 1e9 / 1e3), 6) + '>';
  }

  function prefix(li) {
    var l = meta.lanes[li];
    return l ? '[pid ' + String(l.tid).padStart(5, ' ') + ']' : '[pid     ?]';
  }

  function markText(j) {
    var k = mk.k[j], tx = mk.tx[j] || '';
    if (k === MK_SIGNAL || k === MK_EXIT) return tx;
    if (k === MK_EXEC) return '(exec ' + tx + (mk.x[j] && meta.lanes[mk.l[j]] &&
      mk.x[j] !== meta.lanes[mk.l[j]].tid ? ', by former tid ' + mk.x[j] : '') + ')';
    if (k === MK_FORK) return '(' + tx + ': new task ' + mk.x[j] + ')';
    if (k === MK_DETACH) return '(detached)';
    return '(' + tx + ')';
  }

  /* The text of call i, or null while its chunk's details load. */
  function callText(i) {
    var k = chunkOf(i), d = S.store.details[k];
    if (!d) return null;
    var row = d[i - chunkStart[k]];
    if (!row) return '';
    var text = String(row[1]);
    if (FL[i] & FL_UNFINISHED) text += ' <unfinished ...>';
    else if (FL[i] & FL_NO_RETURN) text += ') = ?';   /* the enter's text: no ')' */
    return text;
  }

  function timeOf(code) { return code & 1 ? mk.t[code >> 1] : T0[code >> 1]; }

  function lineRow(k) {
    while (pool.length <= k) {
      var r = el('div', 'lr');
      r.setAttribute('role', 'listitem');
      r.appendChild(el('span', 'ts'));
      r.appendChild(el('span', 'pid'));
      r.appendChild(el('a', 'tx'));
      r.appendChild(el('span', 'du'));
      pool.push(r);
    }
    return pool[k];
  }

  /* ---- drawing -------------------------------------------------------- */

  function draw() {
    if (!meta) return;
    var anchor = null;
    if (dirty) {
      /* keep the first line in view where it is while lines arrive */
      if (nrows && view.scrollTop > 0) anchor = seqOf(order[firstRow().row]);
      rebuild();
      dirty = false;
      space.style.height = spaceH() + 'px';
      view.setAttribute('data-rows', nrows);
      if (wantSeq !== null) {
        var w = rowOfSeq(wantSeq);
        if (w < nrows && seqOf(order[w]) === wantSeq) {
          scrollToRow(w - 2);
          markSeq = wantSeq;
          wantSeq = null;
        }
      } else if (anchor !== null) {
        scrollToRow(rowOfSeq(anchor));
      }
    }
    var f = firstRow(), vis = visRows() + 1, want = {}, waiting = 0;
    rowsEl.style.top = f.y + 'px';
    var used = 0;
    for (var r = f.row; r < nrows && used < vis; r++, used++) {
      var code = order[r], row = lineRow(used), isMark = code & 1, x = code >> 1;
      var lane = isMark ? mk.l[x] : LANE[x];
      var prevT = r > 0 ? timeOf(order[r - 1]) : 0;
      var ts = row.childNodes[0], pid = row.childNodes[1], tx = row.childNodes[2], du = row.childNodes[3];
      row.style.top = (used * ROW_H) + 'px';
      row.style.borderLeftColor = COLORS[lane % COLORS.length];
      var seq = isMark ? mk.s[x] : SEQ[x];
      row.className = 'lr' + (isMark ? ' mark' : '') + (!isMark && (FL[x] & FL_ERROR) ? ' err' : '') +
        (seq === markSeq ? ' cur' : '');
      row.setAttribute('data-seq', seq);
      ts.textContent = fmtTime(timeOf(code), prevT);
      pid.textContent = multi ? prefix(lane) : '';
      pid.style.color = COLORS[lane % COLORS.length];
      if (isMark) {
        tx.textContent = markText(x);
        tx.href = 'timeline.html#q=' + encodeURIComponent('tid:' + (meta.lanes[lane] || {}).tid);
        tx.title = 'this thread on the timeline';
        du.textContent = '';
      } else {
        var text = callText(x);
        if (text === null) { want[chunkOf(x)] = true; waiting++; text = '…'; }
        tx.textContent = text;
        tx.href = 'timeline.html#e=' + SEQ[x];
        tx.title = 'its round trip';
        du.textContent = durs && meta.T !== false && !(FL[x] & (FL_UNFINISHED | FL_NO_RETURN)) ?
          ' ' + fmtDur(DUR[x]) : '';
      }
      if (row.parentNode !== rowsEl) rowsEl.appendChild(row);
    }
    while (rowsEl.childNodes.length > used) rowsEl.removeChild(rowsEl.lastChild);
    Object.keys(want).forEach(function (k) {
      S.load('data/d-' + k + '.js', function (err) { if (!err) schedule(); }, true);
    });
    status();
    if (!firstPaint && used > 0 && !waiting) {
      firstPaint = true;
      window.sysatlasLogFirstPaint = performance.now();
      view.setAttribute('data-first-paint', window.sysatlasLogFirstPaint.toFixed(1));
    }
  }

  function status() {
    var total = n + mk.s.length;
    var s = num(nrows) + (filt ? ' of ' + num(total) : '') + ' line' + (nrows === 1 ? '' : 's');
    if (chunksLoaded < meta.chunks.length)
      s += ' · loading ' + chunksLoaded + '/' + meta.chunks.length;
    if (meta.times === 'order') s += ' · order only: the log had no times';
    statusEl.textContent = s;
  }

  /* ---- filter and options ---------------------------------------------- */

  function applyFilter() {
    var q = document.getElementById('q').value.trim();
    filt = S.filter.compile(q, meta);
    if (!filt.active) filt = null;
    var h = q ? '#q=' + encodeURIComponent(q) : '';
    if (location.hash.indexOf('#e=') !== 0 && location.hash !== h)
      history.replaceState(null, '', h || location.pathname);
    dirty = true;
    view.scrollTop = 0;
    schedule();
  }

  var decodeFragment = window.sysatlas.decodeFragment;	/* site.js */

  /* #q=QUERY filters, #e=SEQ scrolls to that line. */
  function fromHash() {
    var h = decodeFragment(location.hash.slice(1)), m;
    if ((m = /^e=(\d+)$/.exec(h))) {
      wantSeq = +m[1];
      dirty = true;
      schedule();
    } else if ((m = /^q=(.*)$/.exec(h))) {
      document.getElementById('q').value = m[1];
      applyFilter();
    }
  }

  function initInput() {
    view.addEventListener('scroll', schedule);
    /* scaled (more lines than an element can be tall): a wheel step moves
     * as many lines as it would unscaled */
    view.addEventListener('wheel', function (e) {
      if (fullH() <= MAX_H || e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY)) return;
      e.preventDefault();
      var px = e.deltaMode === 1 ? e.deltaY * ROW_H : e.deltaMode === 2 ? e.deltaY * view.clientHeight : e.deltaY;
      var step = Math.round(px / ROW_H) || (px > 0 ? 1 : -1);
      scrollToRow(firstRow().row + step);
    }, { passive: false });
    window.addEventListener('resize', schedule);
    window.addEventListener('hashchange', fromHash);
    document.getElementById('q').addEventListener('input', applyFilter);
    document.getElementById('tfmt').addEventListener('change', function (e) {
      tfmt = e.target.value;
      schedule();
    });
    document.getElementById('durs').addEventListener('change', function (e) {
      durs = e.target.checked;
      schedule();
    });
    document.addEventListener('keydown', function (e) {
      var inField = /^(INPUT|SELECT|TEXTAREA)$/.test(e.target.tagName);
      if (e.key === '/' && !inField) { e.preventDefault(); document.getElementById('q').focus(); return; }
      if (e.key === 'Escape' && e.target.id === 'q') { view.focus(); return; }
      if (inField || e.ctrlKey || e.altKey || e.metaKey) return;
      var page = Math.max(1, visRows() - 1), f = firstRow().row;
      if (e.key === 'ArrowDown') scrollToRow(f + 1);
      else if (e.key === 'ArrowUp') scrollToRow(f - 1);
      else if (e.key === 'PageDown') scrollToRow(f + page);
      else if (e.key === 'PageUp') scrollToRow(f - page);
      else if (e.key === 'Home') scrollToRow(0);
      else if (e.key === 'End') scrollToRow(nrows - 1);
      else return;
      e.preventDefault();
    });
  }

  /* For tests and tools: the lines in view and the order. */
  window.sysatlasLog = {
    rows: function () { return nrows; },
    total: function () { return n + mk.s.length; },
    loaded: function () { return !!meta && chunksLoaded === meta.chunks.length; },
    firstSeq: function () { return nrows ? seqOf(order[0]) : null; },
    lastSeq: function () { return nrows ? seqOf(order[nrows - 1]) : null; },
    maxSeq: function () { return seqHi === -Infinity ? null : seqHi; },
    scrollToRow: function (r) { scrollToRow(r); draw(); },
    visible: function () {
      var out = [], top = view.getBoundingClientRect().top, bottom = top + view.clientHeight;
      Array.prototype.forEach.call(rowsEl.childNodes, function (r) {
        var b = r.getBoundingClientRect();
        if (b.bottom <= top + 1 || b.top >= bottom - 1) return;
        out.push({ seq: +r.getAttribute('data-seq'), time: r.childNodes[0].textContent,
                   pid: r.childNodes[1].textContent, text: r.childNodes[2].textContent,
                   href: r.childNodes[2].getAttribute('href'), dur: r.childNodes[3].textContent,
                   mark: r.classList.contains('mark') });
      });
      return out;
    }
  };

  /* ---- start ------------------------------------------------------------ */

  function start() {
    view = document.getElementById('log-view');
    meta = S.store.meta;   /* data/meta.js ran before this file */
    if (!view || !meta || !S.filter) return;
    space = document.getElementById('log-space');
    rowsEl = document.getElementById('log-rows');
    statusEl = document.getElementById('log-status');
    multi = meta.lanes.length > 1;
    if (meta.times === 'order') {
      var sel = document.getElementById('tfmt');
      sel.value = 'none';
      sel.disabled = true;
      sel.title = 'the log this trace was imported from had no times: order only';
      tfmt = 'none';
    } else if (meta.times === 'log-relative') {
      tfmt = 'r';
      document.getElementById('tfmt').value = 'r';
    }
    if (meta.T === false) {
      var T = document.getElementById('durs');
      T.checked = false;
      T.disabled = true;
      T.parentNode.title = 'the log this trace was imported from has no -T durations';
      durs = false;
    }
    initInput();
    fromHash();
    loadChunks();
    schedule();
  }

  if (document.readyState === 'loading')
    document.addEventListener('DOMContentLoaded', start);
  else
    start();
})();
