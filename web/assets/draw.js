/*
 * sysatlas drawings: the round trip's swimlane and a syscall's merged
 * stacks, drawn as SVG from the site's data (data/rt-steps.js,
 * data/rt-N.js, a syscall page's JSON block) instead of shipping a drawing
 * per round trip (docs/report-data.md).  Every
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
      if (!o) return;
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

  /*
   * The running kernel's stacks of a syscall merged into one tree, drawn
   * outermost first as an indented tree: nodes = [[function, url, index
   * url, count, at stops, waiting, children]].
   */
  function stacks(nodes) {
    var rows = [], IND = 16, RH = 17, maxw = 0;
    (function walk(list, depth, parentRow) {
      if (!Array.isArray(list) || depth > 256) return;
      list.forEach(function (n) {
        if (!Array.isArray(n) || n.length < 7 || rows.length >= 4096) return;
        var note = String(n[3]) + (n[4] ? ' \u00b7 ' + n[4] + ' at stops' : '') +
                   (n[5] ? ' \u00b7 ' + n[5] + ' waiting' : '');
        var row = { name: String(n[0]), url: n[1], idx: n[2], note: note, depth: depth,
                    parent: parentRow, waiting: n[5] > 0 };
        rows.push(row);
        maxw = Math.max(maxw, depth * IND + Math.min(row.name.length, MAXC) * CW + 24 +
                              note.length * CWS);
        walk(n[6], depth + 1, rows.length - 1);
      });
    })(nodes, 0, -1);
    var width = Math.ceil(maxw) + 2 * PAD, height = rows.length * RH + 2 * PAD;
    var svg = sv('svg', { xmlns: NS, width: width, height: height,
                          viewBox: '0 0 ' + width + ' ' + height, 'class': 'drawn stacks' });
    var g = sv('g');
    svg.appendChild(g);
    rows.forEach(function (w, i) {
      var x = PAD + w.depth * IND, y = PAD + i * RH + 12;
      if (w.parent >= 0) {
        var px = PAD + rows[w.parent].depth * IND + 4, py = PAD + w.parent * RH + 15;
        g.appendChild(sv('path', { d: 'M' + px + ',' + py + 'V' + (y - 4) + 'H' + (x - 2),
                                   fill: 'none', stroke: '#a8b3bf' }));
      }
      var node = sv('g', { 'class': 'node' + (w.waiting ? ' waiting' : '') });
      node.appendChild(sv('circle', { cx: x + 4 - IND / 4, cy: y - 4, r: 2.5,
                                      fill: w.waiting ? '#6b3fa0' : '#1f4f8f' }));
      node.appendChild(textItem(x + 4, y, w.name, { url: w.url, fill: w.url ? '#1f4f8f' : null }));
      var nx = x + 14 + Math.min(w.name.length, MAXC) * CW;
      node.appendChild(textItem(nx, y, w.note, { size: 9, fill: '#59636e', url: w.idx,
                                                 title: w.idx ? 'the index\'s line' : null }));
      g.appendChild(node);
    });
    return svg;
  }

  S.draw = { swimlane: swimlane, roundtrip: roundtrip, steps: steps, download: download,
             stacks: stacks };
})();

/*
 * The round trip's views, shared by the timeline's event view and the
 * syscall pages: the drawing and its download, the step list, the running
 * kernel's stacks at the stops, the definition's call tree, and the
 * current kernel beside the index.
 */
(function () {
  'use strict';

  var S = window.sysatlas;

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

  /* The site's root relative to this page ("" or "../"), from site.js's src. */
  function root() {
    var s = document.querySelector('script[src$="assets/site.js"]');
    return s ? s.getAttribute('src').replace(/assets\/site\.js$/, '') : '';
  }

  function steps(r, box) {
    box.textContent = '';
    var lastPhase = null, ol = null;
    S.draw.steps(r.phases).forEach(function (st) {
      if (st.phase !== lastPhase) {
        var li = el('li', 'phase lane-' + st.lane);
        li.appendChild(el('span', 'lane', st.lane));
        li.appendChild(el('span', 'phase-title', st.phase));
        ol = el('ul', 'phase-steps');
        li.appendChild(ol);
        box.appendChild(li);
        lastPhase = st.phase;
      }
      var item = el('li', st.missing ? 'step missing' : 'step');
      if (st.url) item.appendChild(link(st.url, st.text, 'src'));
      else item.appendChild(el('span', st.missing ? 'missing' : null, st.text +
        (st.unrecorded ? ' \u2014 not recorded' : st.missing ? ' \u2014 missing from the index' : '')));
      if (st.where) item.appendChild(el('span', 'where', st.where));
      if (st.note && st.noteUrl) {
        item.appendChild(document.createTextNode(' '));
        item.appendChild(link(st.noteUrl, 'calls next at ' + st.note, 'callsite'));
      }
      if (st.excerpt) item.appendChild(el('pre', 'excerpt', st.excerpt));
      ol.appendChild(item);
    });
  }

  /*
   * Show round trip r (key rt) in the elements named by ids (graph, steps,
   * observed, tree, current; any may be missing); still() says whether
   * it is still wanted when a data file it needed has loaded.
   */
  function show(r, rt, ids, still) {
    function box(k) { return ids[k] ? document.getElementById(ids[k]) : null; }
    var graph = box('graph');
    if (!S.store.phases) {
      if (graph) graph.textContent = 'loading the round trip\u2026';
      S.load(root() + 'data/rt-steps.js', function (err) {
        if (err) { if (graph) graph.textContent = 'round trip not available'; return; }
        if (still()) show(r, rt, ids, still);
      });
      return;
    }
    /* the stacks beside its stops, by number into the site's table */
    if (!r.observed)
      r.observed = (r.stacks || []).map(function (k) { return S.store.stacks[k] || null; });
    if (graph) {
      graph.textContent = '';
      /* drawn here from the phases: every text set as text, every link checked */
      var svg = S.draw.roundtrip(r);
      graph.appendChild(svg);
      var dl = S.draw.download(svg, 'roundtrip-' + rt + '.svg');
      dl.id = ids.graph === 'ev-graph' ? 'ev-svg' : ids.graph + '-svg';
      graph.appendChild(dl);
    }
    if (box('steps')) steps(r, box('steps'));
    if (box('observed')) showObserved(r.observed.filter(Boolean), box('observed'));
    if (box('tree')) showTree(r.tree, box('tree'));
    if (box('current')) showCurrent(r, box('current'), still);
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

  function showCurrent(r, box, still) {
    box.textContent = '';
    if (!r.current) return;
    var c = r.current.paths ? r.current : S.store.current;   /* a stop's: its own paths */
    if (!c) {
      box.textContent = 'loading the current kernel…';
      S.load(root() + 'data/current.js', function (err) {
        if (err) { box.textContent = 'the current kernel: not available'; return; }
        if (still()) showCurrent(r, box, still);
      });
      return;
    }
    box.textContent = '';
    box.appendChild(el('h3', null, 'On the current kernel'));
    box.appendChild(el('p', 'muted', 'The kernel side of this round trip in ' + c.b +
      ' beside ' + c.a + ', steps matched by name: red only in the first, green only ' +
      'in the second, yellow the same function elsewhere.' +
      (r.current.changed ? ' This syscall\'s row: ' + r.current.changed + '.' : '')));
    box.setAttribute('data-paths', c.paths.map(function (p) { return p.name; }).join(' '));
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
      if (p.name === 'syscall-dispatch' && r.current.def) {
        var dr = el('tr', 'def'), dk = r.current.changed ? 'moved' : 'same';
        dr.appendChild(currentDef(r.current.def[0], dk));
        dr.appendChild(currentDef(r.current.def[1], dk));
        t.appendChild(dr);
      }
    });
    box.appendChild(t);
  }

  /* What the syscall's definition calls: [name, url, where, seen, lines, kids, icalls]. */
  /* A function's URL: its own, or the tree's template made with its "path:line". */
  var treeTmpl = '';
  function treeUrl(url, where) {
    var m = /^([A-Za-z0-9._\/-]+):([0-9]+)$/.exec(where || '');
    if (url || !treeTmpl || !m) return url || '';
    return treeTmpl.replace('{path}', m[1]).replace('{line}', m[2]);
  }

  function treeNode(n, depth, callerUrl) {
    var url = treeUrl(n[1], n[2]);
    var leaf = !n[5].length && !n[6].length && !n[7];
    var box = el(leaf ? 'div' : 'details', leaf ? 'ktree leaf' : 'ktree');
    var head = leaf ? box : el('summary');
    var nameEl = url ? link(url, n[0], 'src') : el('span', 'mono', n[0]);
    if (n[3]) { var sp = el('span', 'seen'); sp.title = 'on the running kernel\'s stacks'; sp.appendChild(nameEl); nameEl = sp; }
    head.appendChild(nameEl);
    if (n[4].length) {
      /* the call lines are in the caller's file: its URL with the line changed */
      var cnt = el('span', 'count', 'called at ');
      n[4].slice(0, 4).forEach(function (line, i) {
        if (i) cnt.appendChild(document.createTextNode(' '));
        var u = callerUrl && /#L\d+$/.test(callerUrl) ? callerUrl.replace(/#L\d+$/, '#L' + line) : '';
        cnt.appendChild(u ? link(u, ':' + line, null) : document.createTextNode(':' + line));
      });
      if (n[4].length > 4) cnt.appendChild(document.createTextNode(' \u2026'));
      head.appendChild(cnt);
    }
    if (leaf) return box;
    box.appendChild(head);
    if (depth === 0 || seenBelow(n)) box.open = true;
    n[5].forEach(function (k) { box.appendChild(treeNode(k, depth + 1, url)); });
    if (n[7]) {
      var cut = el('div', 'ktree leaf');
      cut.appendChild(el('span', 'count', 'more calls not shown (a tree shows at most ' +
                                         '4096 functions, 1024 calls of one)'));
      box.appendChild(cut);
    }
    n[6].forEach(function (c) {
      var d = el('div', 'ktree leaf icall');
      d.appendChild(c[1] ? link(c[1], c[0], 'src') : el('span', 'mono', c[0]));
      d.appendChild(el('span', 'count', 'a call through a pointer' +
        (c[2] ? '; ' + c[2] + ' candidate' + (c[2] === 1 ? '' : 's') + ' in initialisers' : '')));
      c[3].forEach(function (f, i) {
        d.appendChild(document.createTextNode(i ? ', ' : ' '));
        var fu = treeUrl(f[1], f[2]);
        var a = fu ? link(fu, f[0], 'src') : el('span', 'mono', f[0]);
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

  function showTree(t, box) {
    box.textContent = '';
    if (!t) return;
    box.appendChild(el('h3', null, 'What the syscall itself calls'));
    box.appendChild(el('p', 'muted', 'Its definition\'s calls from the index, each a link; ' +
      'highlighted where the running kernel\'s stacks of this syscall show the function.'));
    /* {url: the links' template, root: the definition}; a bare node before */
    treeTmpl = t.root ? (typeof t.url === 'string' && /^(https?|file):/.test(t.url) ? t.url : '') : '';
    box.appendChild(treeNode(t.root || t, 0));
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

  function showObserved(obs, box) {
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

  S.rtview = { show: show, frameLinks: frameLinks, root: root, link: link };
})();
