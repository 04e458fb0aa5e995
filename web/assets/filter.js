/*
 * sysatlas filter syntax, shared by every page that filters calls (the
 * timeline, the log page).  A query is words separated by spaces or
 * commas; words of one kind are alternatives (OR), kinds combine (AND):
 *
 *   openat read      calls named openat or read
 *   open*            calls whose name starts with open
 *   %file %network   calls of a syscall class
 *   pid:1234         calls of a process (tid:1234 a thread; = works as :)
 *   errno            failed calls; errno:ENOENT, errno:2 one error
 *
 * sysatlas.filter.parse(q) splits a query; sysatlas.filter.compile(q, meta)
 * makes a matcher from a query (or parsed query) and the report's meta
 * (syscalls [{name, cls}], classes [names], lanes [{tid, tgid}], errnos
 * {number: name}).  Nothing here touches the DOM; no query text is ever
 * evaluated or written as HTML.
 */
(function () {
  'use strict';

  /* errno:NAME or errno:NUMBER as a number, -2 when unknown. */
  function errnoNumber(tok, errnos) {
    if (/^\d+$/.test(tok)) return +tok;
    var up = tok.toUpperCase();
    for (var e in errnos || {})
      if (Object.prototype.hasOwnProperty.call(errnos, e) && errnos[e] === up) return +e;
    return -2;
  }

  /* The words of q by kind; errs holds names or numbers as written, and
   * '' for a bare errno (any failure). */
  function parse(q) {
    var f = { names: [], classes: [], pids: [], tids: [], errs: [] };
    String(q || '').trim().split(/[\s,]+/).forEach(function (tok) {
      var m;
      if (!tok) return;
      if (tok[0] === '%') { if (tok.length > 1) f.classes.push(tok.slice(1).toLowerCase()); }
      else if ((m = /^pid[:=](\d+)$/i.exec(tok))) f.pids.push(+m[1]);
      else if ((m = /^tid[:=](\d+)$/i.exec(tok))) f.tids.push(+m[1]);
      else if ((m = /^errno(?:[:=](\w+))?$/i.exec(tok))) f.errs.push(m[1] || '');
      else f.names.push(tok);
    });
    return f;
  }

  function nameMatches(pat, name) {
    return pat.slice(-1) === '*' ? name.indexOf(pat.slice(0, -1)) === 0 : name === pat;
  }

  /*
   * A matcher: { sc: [bool per syscall] or null, lane: [bool per lane] or
   * null, errs: [errno, -1 any failure] or null, active, match(sc, lane,
   * err) } where err is the call's errno (0 when it did not fail).
   */
  function compile(q, meta) {
    var f = typeof q === 'string' ? parse(q) : q;
    var m = { sc: null, lane: null, errs: null, parsed: f };
    if (f.names.length || f.classes.length) {
      m.sc = meta.syscalls.map(function (s) {
        var ok = !f.names.length || f.names.some(function (nm) { return nameMatches(nm, s.name); });
        if (ok && f.classes.length) {
          ok = f.classes.some(function (c) {
            var k = meta.classes.indexOf(c);
            return k >= 0 && (s.cls & (1 << k)) !== 0;
          });
        }
        return ok;
      });
    }
    if (f.pids.length || f.tids.length) {
      m.lane = meta.lanes.map(function (l) {
        return (!f.pids.length || f.pids.indexOf(l.tgid) >= 0) &&
               (!f.tids.length || f.tids.indexOf(l.tid) >= 0);
      });
    }
    if (f.errs.length)
      m.errs = f.errs.map(function (e) { return e === '' ? -1 : errnoNumber(e, meta.errnos); });
    m.active = !!(m.sc || m.lane || m.errs);
    m.match = function (sc, lane, err) {
      if (m.sc && !m.sc[sc]) return false;
      if (m.lane && !m.lane[lane]) return false;
      if (m.errs) {
        for (var k = 0; k < m.errs.length; k++)
          if (m.errs[k] === -1 ? err > 0 : m.errs[k] === err) return true;
        return false;
      }
      return true;
    };
    return m;
  }

  /* The syntax in words, for a page's help. */
  var syntax = [
    ['openat read', 'calls named openat or read'],
    ['open*', 'calls whose name starts with open'],
    ['%file', 'calls of a syscall class (%file %desc %process %network %signal %memory %ipc %creds %clock %stat)'],
    ['pid:1234', 'calls of one process; tid:1234 one thread'],
    ['errno', 'failed calls; errno:ENOENT or errno:2 one error'],
  ];

  window.sysatlas = window.sysatlas || {};
  window.sysatlas.filter = { parse: parse, compile: compile, errnoNumber: errnoNumber,
                             syntax: syntax };
})();
