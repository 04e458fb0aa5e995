/*
 * A syscall page: the round trip of its first call (data/rt-N.js, N in
 * #sc-rt's data-rt) drawn with draw.js, and the running kernel's stacks
 * of its calls merged into one tree (the JSON block #sc-ktree-data).
 */
(function () {
  'use strict';

  var S = window.sysatlas;

  function start() {
    var sec = document.getElementById('sc-rt');
    var k = sec ? sec.getAttribute('data-rt') : null;
    if (k !== null && /^[0-9]+$/.test(k)) {
      var ids = { graph: 'sc-graph', steps: 'sc-steps', observed: 'sc-observed',
                  tree: 'sc-tree', current: 'sc-current' };
      S.load(S.rtview.root() + 'data/rt-' + k + '.js', function (err) {
        var r = S.store.roundtrips[k];
        if (err || !r) {
          document.getElementById('sc-graph').textContent = 'round trip not available';
          return;
        }
        S.rtview.show(r, k, ids, function () { return true; });
      });
    }
    var data = document.getElementById('sc-ktree-data');
    var box = document.getElementById('sc-ktree');
    if (data && box) {
      var t = null;
      try { t = JSON.parse(data.textContent); } catch (e) { t = null; }
      if (!Array.isArray(t)) { box.textContent = 'the stacks cannot be shown'; return; }
      var svg = S.draw.stacks(t);
      box.appendChild(svg);
      var dl = S.draw.download(svg, 'stacks-' + (document.title.split(' ')[0] || 'syscall') + '.svg');
      dl.id = 'sc-ktree-svg';
      box.appendChild(dl);
    }
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
