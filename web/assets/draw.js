/*
 * sysatlas drawings: the round trip's swimlane and the call trees, drawn
 * as SVG from the site's data (data/rt-steps.js, data/rt-N.js,
 * data/sc-NAME.js) instead of shipping a drawing per round trip.  Every
 * text goes in with textContent and every link through safeUrl(): nothing
 * from the data is parsed as markup.  A drawing carries its own styles, so
 * that download() gives a standalone SVG file.
 */
(function () {
  'use strict';

  var S = window.sysatlas;
  var NS = 'http://www.w3.org/2000/svg';
  var FONT = 'DejaVu Sans, Verdana, sans-serif';
  var FILL = { tracee: '#eaf6ea', kernel: '#eef3fb', tracer: '#fdf8ec', observed: '#f3effa' };
  var HEAD = {
    tracee: ['TRACEE', 'the traced program'],
    kernel: ['KERNEL'],
    tracer: ['TRACER', 'strace\'s code (sysatlas does the same)'],
    observed: ['RUNNING KERNEL', 'as it ran (observed)']
  };
  var PAIR = { same: '#1f4f8f', 'index-only': '#8a6d00', 'observed-only': '#6b3fa0' };
  var CW = 6.1, CWS = 5.4, ROW = 15, PAD = 8, GAP = 30, LGAP = 34, MAXC = 54;
  var drawings = 0;

  function sv(tag, attrs, text) {
    var e = document.createElementNS(NS, tag);
    for (var k in attrs) if (attrs[k] !== null && attrs[k] !== undefined) e.setAttribute(k, attrs[k]);
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }

  function clip(s, n) { return s.length > n ? s.slice(0, n - 1) + '\u2026' : s; }

  /* A text, as a link when url is safe; title: its tooltip. */
  function textItem(x, y, s, opt) {
    var t = sv('text', { x: x, y: y, 'font-family': FONT, 'font-size': opt.size || 10,
                         'font-weight': opt.bold ? 'bold' : null, fill: opt.fill || '#1b1f24',
                         'font-style': opt.italic ? 'italic' : null,
                         'text-anchor': opt.anchor || null }, clip(s, opt.max || MAXC));
    var u = opt.url ? S.safeUrl(opt.url) : null;
    var tip = opt.title || (s.length > (opt.max || MAXC) ? s : null);
    if (!u) {
      if (tip) t.appendChild(sv('title', {}, tip));
      return t;
    }
    var a = sv('a', { href: u, target: '_blank' });
    if (tip) a.appendChild(sv('title', {}, tip));
    a.appendChild(t);
    return a;
  }

  /* A box's lines: [{text, url, fill, bold, note, noteUrl, title, italic}] -> size. */
  function measure(lines) {
    var w = 0;
    lines.forEach(function (l) {
      var c = Math.min(l.text.length, MAXC) * (l.bold ? CW * 1.08 : CW);
      if (l.note) c += 14 + l.note.length * CWS;
      w = Math.max(w, c);
    });
    return { w: Math.ceil(w) + 2 * PAD, h: lines.length * ROW + 2 * PAD - 4 };
  }

  function drawBox(g, b, x, y, w) {
    var box = sv('g', { 'class': 'node' + (b.cls ? ' ' + b.cls : '') });
    box.appendChild(sv('rect', { x: x, y: y, width: w, height: b.h, rx: 6, ry: 6,
                                 fill: FILL[b.lane] || '#fff', stroke: '#5b6b7f' }));
    b.lines.forEach(function (l, i) {
      var ty = y + PAD + 10 + i * ROW;
      box.appendChild(textItem(x + PAD, ty, l.text, { url: l.url, bold: l.bold, italic: l.italic,
        fill: l.fill || (l.url ? '#1f4f8f' : null), title: l.title }));
      if (l.note)
        box.appendChild(textItem(x + w - PAD, ty, l.note, { url: l.noteUrl, size: 9,
          fill: '#5b6b7f', anchor: 'end', title: l.noteTitle }));
    });
    g.appendChild(box);
  }

  function arrow(g, d, id) {
    g.appendChild(sv('path', { d: d, fill: 'none', stroke: '#5b6b7f',
                               'marker-end': 'url(#' + id + ')' }));
  }

  /*
   * The swimlane: boxes = [{lane, lines, edge, beside}], beside the index
   * of the box an observed box stands next to (-1: on the main line).
   * Returns the <svg>.
   */
  function swimlane(boxes) {
    var lanes = ['tracee', 'kernel', 'tracer'];
    if (boxes.some(function (b) { return b.lane === 'observed'; })) lanes.push('observed');
    var lw = {}, lx = {}, x = 4, id = 'sa-ah' + (++drawings);
    boxes.forEach(function (b) {
      var m = measure(b.lines);
      b.w = m.w; b.h = m.h;
      lw[b.lane] = Math.max(lw[b.lane] || 150, m.w);
    });
    lanes.forEach(function (l) { lx[l] = x; lw[l] = lw[l] || 150; x += lw[l] + LGAP; });
    var width = x - LGAP + 4, y = 44, prev = null;
    var svg = sv('svg', { xmlns: NS, width: width, viewBox: null, 'class': 'drawn' });
    var defs = sv('defs');
    var mk = sv('marker', { id: id, viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 7,
                            markerHeight: 7, orient: 'auto-start-reverse' });
    mk.appendChild(sv('path', { d: 'M0,0L10,5L0,10z', fill: '#5b6b7f' }));
    defs.appendChild(mk);
    svg.appendChild(defs);
    var g = sv('g');
    svg.appendChild(g);
    lanes.forEach(function (l) {
      var h = sv('g', { 'class': 'lane-head' });
      (HEAD[l] || [l]).forEach(function (t, i) {
        h.appendChild(sv('text', { x: lx[l] + lw[l] / 2, y: 16 + i * 14, 'text-anchor': 'middle',
          'font-family': FONT, 'font-size': i ? 10 : 12, fill: '#59636e',
          'font-weight': i ? null : 'bold' }, t));
      });
      g.appendChild(h);
      g.appendChild(sv('line', { x1: lx[l] + lw[l] / 2, x2: lx[l] + lw[l] / 2, y1: 36, y2: 36,
                                 stroke: '#d0d7de', 'class': 'lane-line' }));
    });
    var rowEnd = y;
    boxes.forEach(function (b, i) {
      if (b.beside >= 0) return;
      if (prev) y = rowEnd + GAP;
      b.x = lx[b.lane] + (lw[b.lane] - b.w) / 2;
      b.y = y;
      rowEnd = y + b.h;
      boxes.forEach(function (o) {
        if (o.beside !== i) return;
        o.x = lx[o.lane]; o.y = y;
        rowEnd = Math.max(rowEnd, y + o.h);
      });
      if (prev) {
        var ax = prev.x + prev.w / 2, bx = b.x + b.w / 2, mid = y - GAP / 2;
        arrow(g, ax === bx ? 'M' + ax + ',' + (prev.y + prev.h) + 'V' + (y - 1)
                           : 'M' + ax + ',' + (prev.y + prev.h) + 'V' + mid + 'H' + bx +
                             'V' + (y - 1), id);
        if (b.edge)
          g.appendChild(sv('text', { x: Math.max(ax, bx) + 6, y: mid - 3, 'font-family': FONT,
                                     'font-size': 9, fill: '#59636e' }, b.edge));
      }
      prev = b;
    });
    boxes.forEach(function (b) {
      if (b.beside >= 0) {
        var m = boxes[b.beside];
        g.appendChild(sv('path', { d: 'M' + (m.x + m.w) + ',' + (m.y + 12) + 'H' + b.x,
                                   stroke: '#6b3fa0', 'stroke-dasharray': '4 3', fill: 'none' }));
      }
      drawBox(g, b, b.x, b.y, b.lane === 'observed' ? lw.observed : b.w);
    });
    var height = rowEnd + 8;
    svg.setAttribute('height', height);
    svg.setAttribute('viewBox', '0 0 ' + width + ' ' + height);
    Array.prototype.forEach.call(svg.querySelectorAll('line.lane-line'), function (l) {
      l.setAttribute('y2', height - 4);
      l.setAttribute('stroke-dasharray', '2 4');
    });
    return svg;
  }

  /* The phases of a round trip as steps (the step list's items). */
  function steps(ids) {
    var P = S.store.phases || [], out = [];
    ids.forEach(function (k) {
      var p = P[k];
      if (!p) return;
      p[4].forEach(function (w) {
        out.push({ lane: p[0], phase: p[2] || p[1], text: w[0], where: w[1], url: w[2],
                   note: (w[6] & 8) ? w[3] : '', noteUrl: (w[6] & 8) ? w[4] : '',
                   excerpt: w[5], missing: !!(w[6] & 1), unrecorded: !!(w[6] & 2) });
      });
    });
    return out;
  }

  /* The round trip's swimlane: its phases, and the running kernel's stacks
   * beside the stops they were read at. */
  function roundtrip(r) {
    var P = S.store.phases || [], boxes = [];
    r.phases.forEach(function (k) {
      var p = P[k];
      if (!p) return;
      var lines = [];
      if (p[0] !== 'tracee') lines.push({ text: p[1], bold: true });
      p[4].forEach(function (w) {
        var f = w[6];
        if (p[0] === 'tracee') {
          w[0].split('\n').forEach(function (t) { lines.push({ text: t }); });
          return;
        }
        lines.push({ text: w[0] + ((f & 1) && !(f & 2) ? ' (missing from the index)' : ''),
                     url: (f & 5) ? '' : w[2], title: w[1] || null,
                     fill: (f & 1) ? '#b42318' : (f & 4) ? '#59636e' : null, italic: !!(f & 1),
                     note: w[3], noteUrl: (f & 8) ? w[4] : w[2] });
      });
      boxes.push({ lane: p[0], lines: lines, edge: p[3], beside: -1 });
    });
    (r.observed || []).forEach(function (o, i) {
      var at = r.obsAt ? r.obsAt[i] : -1;
      if (!(at >= 0 && at < boxes.length)) return;
      var lines = [{ text: 'at the ' + o.stop + ' stop', bold: true }];
      if (o.none) lines.push({ text: o.none, italic: true, fill: '#59636e' });
      (o.rows || []).forEach(function (w) {
        if (w[3]) lines.push({ text: w[3], url: w[4], fill: PAIR[w[0]], title: w[0] });
        else lines.push({ text: (w[1] || '?') + ' (inlined or renamed)', url: w[2],
                          fill: PAIR['index-only'], italic: true, title: 'index-only' });
      });
      boxes.push({ lane: 'observed', lines: lines, beside: at, cls: 'observed' });
    });
    return swimlane(boxes);
  }

  /* A link that downloads svg as name (a data: URL of its own text). */
  function download(svg, name) {
    var a = document.createElement('a');
    a.className = 'svg-dl';
    a.textContent = 'download SVG';
    a.download = name;
    a.href = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(
      '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n' +
      new XMLSerializer().serializeToString(svg));
    return a;
  }

  S.draw = { swimlane: swimlane, roundtrip: roundtrip, steps: steps, download: download };
})();
