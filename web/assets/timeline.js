/*
 * sysatlas timeline: one lane per thread, one slice per syscall, markers
 * for signals, forks, execs and exits; zoom, pan, filter; click a call to
 * see its round trip.  Drawn on a canvas from column arrays, so a million
 * events cost no DOM nodes; data arrives chunk by chunk (data/t-K.js) and
 * the view is drawn as soon as the first chunk is in.
 */
(function () {
  'use strict';

  var S = window.sysatlas;
  var LANE_H = 22, AXIS_H = 26, LABEL_W = 170;
  var FL_ERROR = 1, FL_UNFINISHED = 2, FL_NO_ENTER = 4, FL_NO_RETURN = 8;
  var MK_COLORS = ['#d03b3b', '#2e8b57', '#7b4cc2', '#333333', '#888888'];
  var CLASS_COLORS = {
    file: '#3b7dd8', desc: '#2a9d8f', process: '#8e5bd0', network: '#2f9e44',
    signal: '#d9480f', memory: '#e0a800', ipc: '#c2255c', creds: '#5c7cfa',
    clock: '#868e96', stat: '#1c7ed6'
  };

  var meta = null;
  var n = 0, cap = 0;
  var T0, DUR, LANE, SC, FL, ER, RT, SEQ;
  var chunkStart = [], chunksLoaded = 0;
  var lanes = [];          /* per lane: array of slice indices, by start */
  var elanes = [];         /* per lane: the failed calls only, by start */
  var marks = { t: [], l: [], k: [], x: [], s: [], tx: [] };
  var scColor = [], scMatch = null, laneMatch = null, errMatch = null;
  var view = { start: 0, end: 1 };
  var laneTop = 0;
  var selected = -1;
  var canvas, ctx, wrap, tip, statusEl;
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

  function hashColor(name) {
    var h = 0;
    for (var i = 0; i < name.length; i++) h = (h * 31 + name.charCodeAt(i)) | 0;
    return 'hsl(' + (((h % 360) + 360) % 360) + ',45%,52%)';
  }

  function fmtTime(ns) {
    var a = Math.abs(ns);
    if (a < 1e3) return ns.toFixed(0) + ' ns';
    if (a < 1e6) return (ns / 1e3).toFixed(a < 1e4 ? 2 : 1) + ' µs';
    if (a < 1e9) return (ns / 1e6).toFixed(a < 1e7 ? 2 : 1) + ' ms';
    return (ns / 1e9).toFixed(3) + ' s';
  }

  function laneLabel(i) {
    var l = meta.lanes[i];
    return (l.comm || '?') + ' ' + (l.tid === l.tgid ? 'pid ' : 'tid ') + l.tid;
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
      for (i = base; i < n; i++) {
        if (!matches(i)) continue;
        (flanes[LANE[i]] || (flanes[LANE[i]] = [])).push(i);
      }
    }
    var m = c.m, mt = 0, ms = 0;
    for (i = 0; i < m.n; i++) {
      mt += m.t[i]; ms += m.s[i];
      marks.t.push(mt); marks.l.push(m.l[i]); marks.k.push(m.k[i]);
      marks.x.push(m.x[i]); marks.s.push(ms); marks.tx.push(m.tx[i]);
    }
    S.store.chunks[k] = null;   /* the typed arrays hold it now */
    chunksLoaded++;
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

  function errnoNumber(tok) {
    if (/^\d+$/.test(tok)) return +tok;
    for (var e in meta.errnos)
      if (meta.errnos[e] === tok.toUpperCase()) return +e;
    return -2;
  }

  function applyFilter() {
    var q = document.getElementById('q').value.trim();
    var cls = document.getElementById('cls').value;
    var pid = document.getElementById('pid').value;
    var er = document.getElementById('errno').value;
    var names = [], classes = [], pids = [], tids = [], errs = [];
    q.split(/[\s,]+/).forEach(function (tok) {
      if (!tok) return;
      var m;
      if (tok[0] === '%') classes.push(tok.slice(1));
      else if ((m = /^pid[:=](\d+)$/.exec(tok))) pids.push(+m[1]);
      else if ((m = /^tid[:=](\d+)$/.exec(tok))) tids.push(+m[1]);
      else if ((m = /^errno(?:[:=](\w+))?$/.exec(tok))) errs.push(m[1] ? errnoNumber(m[1]) : -1);
      else names.push(tok);
    });
    if (cls) classes.push(cls);
    if (pid) pids.push(+pid);
    if (er) errs.push(er === 'any' ? -1 : +er);

    scMatch = null;
    if (names.length || classes.length) {
      scMatch = meta.syscalls.map(function (s) {
        var ok = !names.length || names.some(function (nm) {
          return nm.slice(-1) === '*' ? s.name.indexOf(nm.slice(0, -1)) === 0 : s.name === nm;
        });
        if (ok && classes.length) {
          ok = classes.some(function (c) {
            var k = meta.classes.indexOf(c);
            return k >= 0 && (s.cls & (1 << k));
          });
        }
        return ok;
      });
    }
    laneMatch = null;
    if (pids.length || tids.length) {
      laneMatch = meta.lanes.map(function (l) {
        return (pids.length ? pids.indexOf(l.tgid) >= 0 : true) &&
               (tids.length ? tids.indexOf(l.tid) >= 0 : true);
      });
    }
    errMatch = errs.length ? errs : null;
    rebuildFilter();
    var h = q ? '#q=' + encodeURIComponent(q) : '';
    if (location.hash.indexOf('#e=') !== 0 && location.hash !== h)
      history.replaceState(null, '', h || location.pathname);
    schedule();
  }

  function matches(i) {
    if (scMatch && !scMatch[SC[i]]) return false;
    if (laneMatch && !laneMatch[LANE[i]]) return false;
    if (errMatch) {
      var e = ER[i], ok = false;
      for (var k = 0; k < errMatch.length; k++)
        if (errMatch[k] === -1 ? e > 0 : errMatch[k] === e) ok = true;
      if (!ok) return false;
    }
    return true;
  }

  var filtering = function () { return scMatch || laneMatch || errMatch; };

  /* The matching calls per lane, rebuilt when the filter changes and
   * extended as chunks arrive. */
  var flanes = null;

  function rebuildFilter() {
    if (!filtering()) { flanes = null; return; }
    flanes = lanes.map(function (ln) {
      var out = [];
      for (var a = 0; a < ln.length; a++) if (matches(ln[a])) out.push(ln[a]);
      return out;
    });
  }

  /* ---- drawing ------------------------------------------------------ */

  function visibleLanes() {
    return Math.max(1, Math.floor((canvas.clientHeight - AXIS_H) / LANE_H));
  }

  function resize() {
    var w = wrap.clientWidth;
    var lanesShown = Math.min(meta.lanes.length || 1, 28);
    var h = AXIS_H + lanesShown * LANE_H + 6;
    canvas.style.width = w + 'px';
    canvas.style.height = h + 'px';
    canvas.width = Math.round(w * dpr);
    canvas.height = Math.round(h * dpr);
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

  function colorOf(i) {
    return (FL[i] & FL_ERROR) ? '#d9363e' :
           (FL[i] & (FL_UNFINISHED | FL_NO_RETURN)) ? '#9aa5b1' : scColor[SC[i]];
  }

  function greyOf() { return '#e4e7eb'; }

  /*
   * Paint the calls of lane list ln (indexes ordered by start) that are in
   * view; returns how many are in view.  Zoomed out, a pixel that already
   * holds a call is not painted again: the loop jumps to the last call
   * starting in that pixel (it may reach further right), so a million
   * calls cost a few thousand steps.
   */
  function paintLane(ln, y, scale, color) {
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
      ctx.fillStyle = color(i);
      ctx.fillRect(x0, y + 4, w, LANE_H - 8);
      if (!colorful) continue;
      if (FL[i] & FL_UNFINISHED) {
        /* unfinished: a dashed open end */
        ctx.fillStyle = '#ffffff';
        for (var dx = x1 - 6; dx > x0 && dx > x1 - 30; dx -= 6) ctx.fillRect(dx, y + 4, 2, LANE_H - 8);
      }
      if (w > 34) {
        ctx.fillStyle = '#ffffff';
        ctx.font = '11px system-ui, sans-serif';
        ctx.fillText(meta.syscalls[SC[i]].name, Math.max(x0, LABEL_W) + 3, y + LANE_H / 2, w - 6);
      }
      if (i === selected) {
        ctx.strokeStyle = '#0b1f3a'; ctx.lineWidth = 2;
        ctx.strokeRect(x0 - 1, y + 2, w + 2, LANE_H - 4);
        ctx.lineWidth = 1;
      }
    }
    return count;
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
    var nLanes = meta.lanes.length, shown = visibleLanes();
    if (laneTop > Math.max(0, nLanes - shown)) laneTop = Math.max(0, nLanes - shown);

    /* axis */
    ctx.fillStyle = '#f6f8fa';
    ctx.fillRect(0, 0, W, AXIS_H);
    ctx.strokeStyle = '#d0d7de';
    ctx.beginPath(); ctx.moveTo(0, AXIS_H - 0.5); ctx.lineTo(W, AXIS_H - 0.5); ctx.stroke();
    ctx.font = '11px system-ui, sans-serif';
    ctx.fillStyle = '#57606a';
    ctx.textBaseline = 'middle';
    var step = niceStep(span, plotW);
    for (var tk = Math.ceil(view.start / step) * step; tk <= view.end; tk += step) {
      var x = LABEL_W + (tk - view.start) * scale;
      ctx.fillRect(x, AXIS_H - 6, 1, 6);
      ctx.fillText(fmtTime(tk), x + 3, AXIS_H / 2);
      ctx.fillStyle = '#eef1f4';
      ctx.fillRect(x, AXIS_H, 1, H - AXIS_H);
      ctx.fillStyle = '#57606a';
    }

    var drawn = 0, filt = filtering();
    for (var li = laneTop; li < Math.min(nLanes, laneTop + shown); li++) {
      var y = AXIS_H + (li - laneTop) * LANE_H;
      if ((li - laneTop) % 2) { ctx.fillStyle = '#fafbfc'; ctx.fillRect(0, y, W, LANE_H); }
      ctx.fillStyle = laneMatch && !laneMatch[li] ? '#adb5bd' : '#24292f';
      ctx.textBaseline = 'middle';
      ctx.font = '12px system-ui, sans-serif';
      ctx.fillText(laneLabel(li).slice(0, 24), 8, y + LANE_H / 2);
      if (!lanes[li]) continue;
      ctx.save();
      ctx.beginPath(); ctx.rect(LABEL_W, y, plotW, LANE_H); ctx.clip();
      if (filt) {
        /* everything faint, then the matching calls on top */
        paintLane(lanes[li], y, scale, greyOf);
        if (flanes[li]) drawn += paintLane(flanes[li], y, scale, colorOf);
      } else {
        drawn += paintLane(lanes[li], y, scale, colorOf);
        /* zoomed out, a pixel shows one call of many: a failed one wins */
        if (elanes[li]) paintLane(elanes[li], y, scale, colorOf);
      }
      ctx.restore();
    }
    /* markers */
    for (var m = 0; m < marks.t.length; m++) {
      var ml = marks.l[m];
      if (ml < laneTop || ml >= laneTop + shown || marks.t[m] < view.start || marks.t[m] > view.end) continue;
      var mx = LABEL_W + (marks.t[m] - view.start) * scale, my = AXIS_H + (ml - laneTop) * LANE_H;
      ctx.fillStyle = MK_COLORS[marks.k[m]] || '#333';
      ctx.beginPath();
      ctx.moveTo(mx - 5, my + 1); ctx.lineTo(mx + 5, my + 1); ctx.lineTo(mx, my + 8);
      ctx.closePath(); ctx.fill();
      ctx.fillRect(mx - 0.5, my + 1, 1, LANE_H - 2);
    }
    ctx.fillStyle = '#d0d7de';
    ctx.fillRect(LABEL_W - 1, AXIS_H, 1, H - AXIS_H);

    canvas.setAttribute('data-draw-ms', (performance.now() - drawStart).toFixed(1));
    canvas.setAttribute('data-drawn', drawn);
    canvas.setAttribute('data-slices', n);
    canvas.setAttribute('data-loaded', chunksLoaded);
    if (!firstPaint && n > 0) {
      firstPaint = true;
      window.sysatlasFirstPaint = performance.now();
      canvas.setAttribute('data-first-paint', window.sysatlasFirstPaint.toFixed(1));
    }
    status(drawn);
  }

  function num(x) {
    return String(x).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  }

  var lastStatus = '';
  function status(drawn) {
    if (!meta || !statusEl) return;
    var total = meta.calls;
    var s = (drawn !== undefined ? num(drawn) + ' calls in view' : '') +
            (filtering() ? ' (filtered)' : '') + ' · ' + num(n) + ' of ' +
            num(total) + ' loaded';
    if (chunksLoaded < meta.chunks.length) s += ' · loading ' + chunksLoaded + '/' + meta.chunks.length;
    if (s !== lastStatus) statusEl.textContent = lastStatus = s;
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

  function fullSpan() {
    var end = Math.max(meta.end, 1);
    return { start: -end * 0.01, end: end * 1.01 };
  }

  function clamp() {
    var full = fullSpan(), span = view.end - view.start;
    if (view.start < full.start) { view.start = full.start; view.end = view.start + span; }
    if (view.end > full.end) { view.end = full.end; view.start = view.end - span; }
  }

  function hit(px, py) {
    if (px < LABEL_W || py < AXIS_H) return -1;
    var li = laneTop + Math.floor((py - AXIS_H) / LANE_H);
    var ln = flanes ? flanes[li] : lanes[li];
    if (!ln) return -1;
    var slack = 3 * (view.end - view.start) / (canvas.clientWidth - LABEL_W);
    var t = timeAt(px), best = -1, bestD = Infinity;
    for (var a = lowerBound(ln, t - slack); a < ln.length; a++) {
      var i = ln[a];
      if (T0[i] > t + slack) break;
      var d = t < T0[i] ? T0[i] - t : t > T0[i] + DUR[i] ? t - T0[i] - DUR[i] : 0;
      if (d < bestD) { bestD = d; best = i; }
    }
    return best;
  }

  function initInput() {
    var drag = null;
    canvas.addEventListener('mousedown', function (e) {
      drag = { x: e.offsetX, start: view.start, end: view.end, moved: false, top: laneTop, y: e.offsetY };
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
    window.addEventListener('mouseup', function (e) {
      if (drag && !drag.moved) {
        var i = hit(drag.x, drag.y);
        if (i >= 0) select(i, true);
      }
      drag = null;
    });
    canvas.addEventListener('wheel', function (e) {
      e.preventDefault();
      if (e.shiftKey) {
        var per = (view.end - view.start) / (canvas.clientWidth - LABEL_W);
        view.start += e.deltaY * per; view.end += e.deltaY * per;
        clamp(); schedule();
      } else if (e.altKey) {
        laneTop = Math.max(0, laneTop + (e.deltaY > 0 ? 1 : -1));
        schedule();
      } else {
        zoom(e.deltaY > 0 ? 1.25 : 0.8, e.offsetX);
      }
    }, { passive: false });
    canvas.addEventListener('mousemove', function (e) {
      var i = hit(e.offsetX, e.offsetY);
      if (i < 0) { tip.hidden = true; return; }
      var s = meta.syscalls[SC[i]];
      tip.textContent = s.name + ' · ' + fmtTime(DUR[i]) +
        (FL[i] & FL_ERROR ? ' · ' + (meta.errnos[ER[i]] || ('errno ' + ER[i])) : '') +
        (FL[i] & FL_UNFINISHED ? ' · unfinished' : '') + ' · #' + SEQ[i];
      tip.style.left = (e.offsetX + 12) + 'px';
      tip.style.top = (e.offsetY + 12) + 'px';
      tip.hidden = false;
    });
    canvas.addEventListener('mouseleave', function () { tip.hidden = true; });
    document.addEventListener('keydown', function (e) {
      if (e.target && /INPUT|SELECT|TEXTAREA/.test(e.target.tagName)) return;
      if (e.key === '+' || e.key === '=') zoom(0.7);
      else if (e.key === '-') zoom(1.4);
      else if (e.key === '0') { view = fullSpan(); schedule(); }
      else if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
        var d = (view.end - view.start) * 0.2 * (e.key === 'ArrowLeft' ? -1 : 1);
        view.start += d; view.end += d; clamp(); schedule();
      } else if (e.key === 'ArrowDown') { laneTop++; schedule(); }
      else if (e.key === 'ArrowUp') { laneTop = Math.max(0, laneTop - 1); schedule(); }
    });
    document.getElementById('zoom-in').addEventListener('click', function () { zoom(0.6); });
    document.getElementById('zoom-out').addEventListener('click', function () { zoom(1.6); });
    document.getElementById('zoom-reset').addEventListener('click', function () { view = fullSpan(); schedule(); });
    ['q', 'cls', 'pid', 'errno'].forEach(function (id) {
      var el = document.getElementById(id);
      el.addEventListener(id === 'q' ? 'input' : 'change', applyFilter);
    });
    window.addEventListener('resize', resize);
    window.addEventListener('hashchange', fromHash);
  }

  /* ---- event view ----------------------------------------------------- */

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }

  function link(url, text, cls) {
    var u = S.safeUrl(url);
    if (!u) return el('span', 'missing', text);
    var a = el('a', cls, text);
    a.href = u;
    if (/^(https?|file):/i.test(u)) { a.target = '_blank'; a.rel = 'noopener noreferrer'; }
    return a;
  }

  function select(i, fromClick) {
    selected = i;
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
        if (selected === i) showRoundTrip(S.store.roundtrips[rt]);
      });
    } else {
      showRoundTrip(r);
    }
  }

  function showRoundTrip(r) {
    var graph = document.getElementById('ev-graph');
    var steps = document.getElementById('ev-steps');
    graph.textContent = '';
    /* the SVG was written by graphviz from escaped labels; parse it as XML
     * (never as HTML) and adopt the element */
    var doc = new DOMParser().parseFromString(r.svg, 'image/svg+xml');
    var svg = doc.documentElement;
    if (svg && svg.nodeName === 'svg') {
      svg.querySelectorAll('script, foreignObject').forEach(function (x) { x.remove(); });
      graph.appendChild(document.importNode(svg, true));
    } else {
      graph.textContent = 'cannot show the graph';
    }
    steps.textContent = '';
    var lastPhase = null, ol = null;
    r.steps.forEach(function (st) {
      if (st.phase !== lastPhase) {
        var li = el('li', 'phase lane-' + st.lane);
        li.appendChild(el('span', 'lane', st.lane));
        li.appendChild(el('span', 'phase-title', st.phase));
        ol = el('ul', 'phase-steps');
        li.appendChild(ol);
        steps.appendChild(li);
        lastPhase = st.phase;
      }
      var item = el('li', st.missing ? 'step missing' : 'step');
      if (st.url) item.appendChild(link(st.url, st.text, 'src'));
      else item.appendChild(el('span', st.missing ? 'missing' : null, st.text + (st.missing ? ' — missing from the index' : '')));
      if (st.where) item.appendChild(el('span', 'where', st.where));
      if (st.note && st.noteUrl) {
        item.appendChild(document.createTextNode(' '));
        item.appendChild(link(st.noteUrl, 'calls next at ' + st.note, 'callsite'));
      }
      if (st.excerpt) item.appendChild(el('pre', 'excerpt', st.excerpt));
      ol.appendChild(item);
    });
    showObserved(r.observed || []);
    showTree(r.tree);
    showCurrent(r, selected);
  }

  /* ---- the current kernel beside the index ------------------------------ */

  /* A step of one tree: [name, where, url, call url]. */
  function currentCell(kind, s) {
    var td = el('td', s[0] ? kind : 'empty');
    if (!s[0]) return td;
    td.appendChild(s[2] ? link(s[2], s[0], 'src') : el('code', null, s[0]));
    td.appendChild(el('span', 'where', s[1]));
    if (s[3]) {
      td.appendChild(document.createTextNode(' '));
      td.appendChild(link(s[3], 'calls next', 'callsite'));
    }
    return td;
  }

  /* A definition: [name, where, url, signature, status]. */
  function currentDef(d, kind) {
    var td = el('td', kind);
    if (d[0]) {
      td.appendChild(d[2] ? link(d[2], d[0], 'src') : el('code', null, d[0]));
      td.appendChild(el('span', 'where', d[1]));
      if (d[3]) td.appendChild(el('div', 'sig mono', d[3]));
    } else {
      td.appendChild(el('span', 'muted', d[4]));
    }
    return td;
  }

  function showCurrent(r, i) {
    var box = document.getElementById('ev-current');
    box.textContent = '';
    if (!r.current) return;
    var c = S.store.current;
    if (!c) {
      box.textContent = 'loading the current kernel…';
      S.load('data/current.js', function (err) {
        if (err) { box.textContent = 'the current kernel: not available'; return; }
        if (selected === i) showCurrent(r, i);
      });
      return;
    }
    box.textContent = '';
    box.appendChild(el('h3', null, 'On the current kernel'));
    box.appendChild(el('p', 'muted', 'The kernel side of this round trip in ' + c.b +
      ' beside ' + c.a + ', steps matched by name: red only in the first, green only ' +
      'in the second, yellow the same function elsewhere.' +
      (r.current.changed ? ' This syscall\'s row: ' + r.current.changed + '.' : '')));
    var t = el('table', 'side');
    var head = el('tr');
    head.appendChild(el('th', null, c.a));
    head.appendChild(el('th', null, c.b));
    t.appendChild(head);
    c.paths.forEach(function (p) {
      var ph = el('tr', 'phase');
      var th = el('th', null, p.title);
      th.colSpan = 2;
      ph.appendChild(th);
      t.appendChild(ph);
      p.rows.forEach(function (w) {
        var tr = el('tr');
        tr.appendChild(currentCell(w[0], w.slice(1, 5)));
        tr.appendChild(currentCell(w[0], w.slice(5, 9)));
        t.appendChild(tr);
      });
      if (p.name === 'syscall-dispatch') {
        var dr = el('tr', 'def'), dk = r.current.changed ? 'moved' : 'same';
        dr.appendChild(currentDef(r.current.def[0], dk));
        dr.appendChild(currentDef(r.current.def[1], dk));
        t.appendChild(dr);
      }
    });
    box.appendChild(t);
  }

  /* What the syscall's definition calls: [name, url, where, seen, lines, kids, icalls]. */
  function treeNode(n, depth) {
    var leaf = !n[5].length && !n[6].length;
    var box = el(leaf ? 'div' : 'details', leaf ? 'ktree leaf' : 'ktree');
    var head = leaf ? box : el('summary');
    var nameEl = n[1] ? link(n[1], n[0], 'src') : el('span', 'mono', n[0]);
    if (n[3]) { var sp = el('span', 'seen'); sp.title = 'on the running kernel\'s stacks'; sp.appendChild(nameEl); nameEl = sp; }
    head.appendChild(nameEl);
    if (n[4].length) head.appendChild(el('span', 'count', 'called at :' + n[4].slice(0, 4).join(' :') + (n[4].length > 4 ? ' …' : '')));
    if (leaf) return box;
    box.appendChild(head);
    if (depth === 0 || seenBelow(n)) box.open = true;
    n[5].forEach(function (k) { box.appendChild(treeNode(k, depth + 1)); });
    n[6].forEach(function (c) {
      var d = el('div', 'ktree leaf icall');
      d.appendChild(c[1] ? link(c[1], c[0], 'src') : el('span', 'mono', c[0]));
      d.appendChild(el('span', 'count', 'a call through a pointer' +
        (c[2] ? '; ' + c[2] + ' candidate' + (c[2] === 1 ? '' : 's') + ' in initialisers' : '')));
      c[3].forEach(function (f, i) {
        d.appendChild(document.createTextNode(i ? ', ' : ' '));
        var a = f[1] ? link(f[1], f[0], 'src') : el('span', 'mono', f[0]);
        if (f[3]) { var s = el('span', 'seen'); s.appendChild(a); a = s; }
        d.appendChild(a);
      });
      if (c[3].length < c[2]) d.appendChild(document.createTextNode(', …'));
      box.appendChild(d);
    });
    return box;
  }

  function seenBelow(n) {
    return n[5].some(function (k) { return k[3] || seenBelow(k); }) ||
      n[6].some(function (c) { return c[3].some(function (f) { return f[3]; }); });
  }

  function showTree(t) {
    var box = document.getElementById('ev-tree');
    box.textContent = '';
    if (!t) return;
    box.appendChild(el('h3', null, 'What the syscall itself calls'));
    box.appendChild(el('p', 'muted', 'Its definition\'s calls from the index, each a link; ' +
      'highlighted where the running kernel\'s stacks of this syscall show the function.'));
    box.appendChild(treeNode(t, 0));
  }

  /* ---- the running kernel ---------------------------------------------- */

  var PAIR_NOTE = {
    'same': 'the same step',
    'index-only': 'not on the running kernel\'s stack: inlined or renamed there',
    'observed-only': 'the running kernel\'s own: not on the indexed path'
  };

  /* A frame as links: the running version's source, and the lines of the
   * index it is aligned with and of the other index (alsoUrl, alsoVersion). */
  function frameLinks(parent, text, url, idxUrl, indexVersion, alsoUrl, alsoVersion) {
    parent.appendChild(url ? link(url, text, 'src') : el('span', 'mono', text));
    if (idxUrl) {
      parent.appendChild(document.createTextNode(' '));
      parent.appendChild(link(idxUrl, indexVersion || 'index', 'idx'));
    }
    if (alsoUrl) {
      parent.appendChild(document.createTextNode(' '));
      parent.appendChild(link(alsoUrl, alsoVersion || 'index', 'idx'));
    }
  }

  /* An alignment: [pair, step, step url, frame text, frame url, index url, other index url]. */
  function alignTable(rows, stepHead, running, idxVer, alsoVer) {
    var t = el('table', 'align');
    var head = el('tr');
    head.appendChild(el('th', null, stepHead));
    head.appendChild(el('th', null, running + ', as it ran'));
    head.appendChild(el('th', null, ''));
    t.appendChild(head);
    rows.forEach(function (w) {
      var tr = el('tr', 'pair-' + w[0]);
      var a = el('td');
      if (w[1]) a.appendChild(w[2] ? link(w[2], w[1], 'src') : el('span', null, w[1]));
      else a.appendChild(el('span', 'muted', '—'));
      var b = el('td');
      if (w[3]) frameLinks(b, w[3], w[4], w[5], idxVer, w[6], alsoVer);
      else b.appendChild(el('span', 'muted', '—'));
      tr.appendChild(a);
      tr.appendChild(b);
      tr.appendChild(el('td', 'muted', PAIR_NOTE[w[0]] || ''));
      t.appendChild(tr);
    });
    return t;
  }

  function showObserved(obs) {
    var box = document.getElementById('ev-observed');
    box.textContent = '';
    if (!obs.length) return;
    box.appendChild(el('h3', null, 'The running kernel at the stops'));
    box.appendChild(el('p', 'muted', 'The stack /proc/TID/stack showed while the task was ' +
      'stopped, innermost last, beside the indexed path: a step on both is the same ' +
      'function; one only on the indexed path was inlined or renamed in the running ' +
      'kernel; one only on the stack is the running kernel\'s own.'));
    obs.forEach(function (o) {
      var idxVer = o.index || 'index', alsoVer = o.also ? o.also.index : null;
      box.appendChild(el('h4', null, 'At the ' + o.stop + ' stop'));
      if (o.none) { box.appendChild(el('p', 'note', o.none)); return; }
      box.appendChild(alignTable(o.rows, 'indexed path (' + idxVer + ')', o.running, idxVer,
                                 alsoVer));
      if (o.also) {
        /* the same stack against the index the round trip explains */
        var d = el('details', 'also');
        d.open = true;
        d.appendChild(el('summary', null, 'The same stack beside ' + alsoVer + '\'s path'));
        d.appendChild(alignTable(o.also.rows, 'indexed path (' + alsoVer + ')', o.running,
                                 idxVer, alsoVer));
        box.appendChild(d);
      }
    });
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
        frameLinks(li, f[0], f[1], f[2], k.index, f[3], k.also);
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
        var shown = visibleLanes();
        if (LANE[i] < laneTop || LANE[i] >= laneTop + shown) laneTop = Math.max(0, LANE[i] - 2);
        select(i, false);
        return true;
      }
    }
    return false;
  }

  /* A fragment as typed or pasted may be malformed (#q=%, #e=%zz, a cut
   * UTF-8 sequence): decodeURIComponent throws on it, which left the
   * timeline empty.  Decode what is well formed, keep the rest as written. */
  function decodeFragment(s) {
    try {
      return decodeURIComponent(s);
    } catch (e) {
      return s.replace(/(%[0-9a-fA-F]{2})+/g, function (run) {
        try { return decodeURIComponent(run); } catch (e2) { return run; }
      });
    }
  }

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

  /* Where a call is drawn (for tests and tools): canvas coordinates of the
   * middle of the slice with seq, or null when it is not in view. */
  window.sysatlasTimeline = {
    where: function (seq) {
      for (var i = 0; i < n; i++) {
        if (SEQ[i] !== seq) continue;
        var li = LANE[i] - laneTop;
        if (li < 0 || li >= visibleLanes()) return null;
        var scale = (canvas.clientWidth - LABEL_W) / (view.end - view.start);
        var x0 = LABEL_W + (T0[i] - view.start) * scale, x1 = x0 + Math.max(1, DUR[i] * scale);
        if (x1 < LABEL_W || x0 > canvas.clientWidth) return null;
        return { x: (Math.max(x0, LABEL_W) + Math.min(x1, canvas.clientWidth)) / 2,
                 y: AXIS_H + li * LANE_H + LANE_H / 2 };
      }
      return null;
    }
  };

  /* ---- start ------------------------------------------------------------ */

  function start() {
    canvas = document.getElementById('tl');
    meta = meta || S.store.meta;   /* data/meta.js ran before this file */
    if (!canvas || !meta) return;
    ctx = canvas.getContext('2d');
    wrap = document.getElementById('tl-wrap');
    tip = document.getElementById('tl-tip');
    statusEl = document.getElementById('tl-status');
    scColor = meta.syscalls.map(function (s, k) {
      var c = classOf(k);
      return c ? CLASS_COLORS[c] : hashColor(s.name);
    });
    var pidSel = document.getElementById('pid'), seen = {};
    meta.lanes.forEach(function (l) {
      if (seen[l.tgid]) return;
      seen[l.tgid] = 1;
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
    view = fullSpan();
    initInput();
    resize();
    fromHash();
    loadChunks();
  }

  if (document.readyState === 'loading')
    document.addEventListener('DOMContentLoaded', start);
  else
    start();
})();
