/*
 * sysatlas site script: the data registry that data/*.js files call, and
 * sortable tables.  Loaded by every page; no inline script anywhere (the
 * pages' Content-Security-Policy forbids it), and nothing from the data
 * is ever evaluated: data files only call these functions with literals.
 */
(function () {
  'use strict';

  var listeners = { meta: [], chunk: [], detail: [], roundtrip: [], kstacks: [], current: [],
                    phases: [], sc: [] };
  var store = { meta: null, chunks: {}, details: {}, roundtrips: {}, kstacks: null,
                current: null, phases: null, stacks: [], scs: {} };

  function emit(kind, a, b) {
    var l = listeners[kind];
    for (var i = 0; i < l.length; i++) {
      try { l[i](a, b); } catch (e) { console.error(e); }
    }
  }

  var loading = {};

  /* A fragment as typed or pasted may be malformed (#q=%, #e=%zz, a cut
   * UTF-8 sequence): decodeURIComponent throws on it, which left the
   * page empty.  Decode what is well formed, keep the rest as written. */
  function decodeFragment(s) {
    try {
      return decodeURIComponent(s);
    } catch (e) {
      return s.replace(/(%[0-9a-fA-F]{2})+/g, function (run) {
        try { return decodeURIComponent(run); } catch (e2) { return run; }
      });
    }
  }

  window.sysatlas = {
    store: store,
    decodeFragment: decodeFragment,
    on: function (kind, fn) { listeners[kind].push(fn); },
    meta: function (m) { store.meta = m; emit('meta', m); },
    chunk: function (k, c) { store.chunks[k] = c; emit('chunk', k, c); },
    detail: function (k, d) { store.details[k] = d; emit('detail', k, d); },
    roundtrip: function (k, r) { store.roundtrips[k] = r; emit('roundtrip', k, r); },
    kstacks: function (k) { store.kstacks = k; emit('kstacks', k); },
    current: function (c) { store.current = c; emit('current', c); },
    phases: function (p, stacks) { store.phases = p; store.stacks = stacks || []; emit('phases', p); },
    sc: function (name, d) { store.scs[name] = d; emit('sc', name, d); },
    /* Load one of the site's own data files with <script src>: this works
     * from file://, where fetch() of a local file does not.  Files run in
     * the order they were asked for, unless anyOrder (a file that does not
     * need the ones before it, and should not wait for them). */
    load: function (src, done, anyOrder) {
      if (loading[src]) { if (done) loading[src].push(done); return; }
      loading[src] = done ? [done] : [];
      var s = document.createElement('script');
      s.src = src;
      s.async = !!anyOrder;
      s.onload = function () {
        var cbs = loading[src]; loading[src] = null;
        if (cbs) cbs.forEach(function (f) { f(null); });
        loading[src] = undefined; delete loading[src];
        s.remove();
      };
      s.onerror = function () {
        var cbs = loading[src]; delete loading[src];
        console.error('sysatlas: cannot load ' + src);
        if (cbs) cbs.forEach(function (f) { f(new Error('cannot load ' + src)); });
      };
      document.head.appendChild(s);
    },
    /* Only links to http(s) and file: pages, or relative ones, are made.
     * A browser drops tabs and newlines anywhere in a URL and spaces at
     * its ends ("java\nscript:" is javascript:): such a URL is refused. */
    safeUrl: function (u) {
      if (typeof u !== 'string' || !u || /[\u0000-\u001f\u007f]|^ | $/.test(u)) return null;
      var m = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(u);
      if (!m) return u;
      var s = m[1].toLowerCase();
      return (s === 'http' || s === 'https' || s === 'file') ? u : null;
    }
  };

  /* Sortable tables: click a header; numbers sort by data-v. */
  function sortTable(table, col, type, dir) {
    var tbody = table.tBodies[0];
    var rows = Array.prototype.slice.call(tbody.rows);
    rows.sort(function (a, b) {
      var x = a.cells[col], y = b.cells[col];
      var r;
      if (type === 'num') {
        var vx = parseFloat(x.getAttribute('data-v') || x.textContent);
        var vy = parseFloat(y.getAttribute('data-v') || y.textContent);
        r = (isNaN(vx) ? -Infinity : vx) - (isNaN(vy) ? -Infinity : vy);
      } else {
        r = x.textContent.localeCompare(y.textContent);
      }
      return dir * r;
    });
    rows.forEach(function (row) { tbody.appendChild(row); });
  }

  function initSortable() {
    var tables = document.querySelectorAll('table.sortable');
    Array.prototype.forEach.call(tables, function (table) {
      var ths = table.tHead ? table.tHead.rows[0].cells : [];
      Array.prototype.forEach.call(ths, function (th, col) {
        th.tabIndex = 0;
        th.classList.add('sort');
        function go() {
          var dir = th.getAttribute('aria-sort') === 'descending' ? 1 : -1;
          if (th.getAttribute('data-type') === 'text' && !th.hasAttribute('aria-sort')) dir = 1;
          Array.prototype.forEach.call(ths, function (o) { o.removeAttribute('aria-sort'); });
          th.setAttribute('aria-sort', dir > 0 ? 'ascending' : 'descending');
          sortTable(table, col, th.getAttribute('data-type') || 'text', dir);
        }
        th.addEventListener('click', go);
        th.addEventListener('keydown', function (e) { if (e.key === 'Enter') go(); });
      });
    });
  }

  if (document.readyState === 'loading')
    document.addEventListener('DOMContentLoaded', initSortable);
  else
    initSortable();
})();
