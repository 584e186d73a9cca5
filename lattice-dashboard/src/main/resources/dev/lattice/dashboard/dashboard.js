// The Lattice fleet report's behaviour: sortable tables, trend lines (uPlot), and #show=SET links that filter the
// workloads table to the rows behind a figure. Everything it needs is in the page; it fetches nothing.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('lattice-data').textContent);

  function cellValue(row, index, numeric) {
    var cell = row.cells[index];
    if (!cell) {
      return numeric ? -Infinity : '';
    }
    var raw = cell.hasAttribute('data-sort') ? cell.getAttribute('data-sort') : cell.textContent.trim();
    if (!numeric) {
      return raw;
    }
    var n = parseFloat(raw);
    return isNaN(n) ? -Infinity : n;
  }

  function sortBy(table, th) {
    var index = Array.prototype.indexOf.call(th.parentNode.children, th);
    var numeric = th.getAttribute('data-sort') === 'num';
    var ascending = th.getAttribute('aria-sort') !== 'ascending';
    Array.prototype.forEach.call(th.parentNode.children, function (other) { other.removeAttribute('aria-sort'); });
    th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var keyed = rows.map(function (row, i) { return { row: row, key: cellValue(row, index, numeric), i: i }; });
    keyed.sort(function (a, b) {
      var c = numeric ? a.key - b.key : a.key.localeCompare(b.key);
      return (ascending ? c : -c) || a.i - b.i;
    });
    var fragment = document.createDocumentFragment();
    keyed.forEach(function (k) { fragment.appendChild(k.row); });
    body.appendChild(fragment);
  }

  Array.prototype.forEach.call(document.querySelectorAll('table.sortable'), function (table) {
    Array.prototype.forEach.call(table.querySelectorAll('th[data-sort]'), function (th) {
      th.addEventListener('click', function () { sortBy(table, th); });
    });
  });

  var workloads = document.getElementById('workload-table');
  var shown = document.getElementById('shown');
  var total = workloads.tBodies[0].rows.length;

  function describe(link) {
    var figure = link.closest('a.figure');
    if (figure) {
      return figure.querySelector('.label').textContent;
    }
    var row = link.closest('tr');
    return row ? row.cells[0].textContent.trim() : '';
  }

  function show() {
    var match = /^#show=(.+)$/.exec(decodeURIComponent(location.hash));
    Array.prototype.forEach.call(workloads.tBodies[0].rows, function (row) { row.classList.remove('hidden', 'target'); });
    if (!match) {
      shown.textContent = 'All ' + total + ' workloads.';
      shown.setAttribute('data-count', String(total));
      return;
    }
    var set = match[1];
    var rows;
    if (set.indexOf('w:') === 0) {
      rows = [parseInt(set.substring(2), 10)];
    } else {
      rows = data.sets[set] || [];
    }
    var wanted = {};
    rows.forEach(function (r) { wanted['w' + r] = true; });
    Array.prototype.forEach.call(workloads.tBodies[0].rows, function (row) {
      if (!wanted[row.id]) {
        row.classList.add('hidden');
      } else if (rows.length === 1) {
        row.classList.add('target');
      }
    });
    var link = document.querySelector('a[href="#show=' + set + '"]');
    var what = link ? describe(link) : '';
    shown.textContent = 'Showing ' + rows.length + ' of ' + total + ' workloads' + (what ? ': ' + what : '') + '. ';
    shown.setAttribute('data-count', String(rows.length));
    var all = document.createElement('a');
    all.href = '#workloads';
    all.textContent = 'Show all';
    shown.appendChild(all);
    document.getElementById('workloads').scrollIntoView();
  }

  window.addEventListener('hashchange', show);
  show();

  function format(unit, v) {
    if (v == null) {
      return '';
    }
    if (unit === 'share') {
      return (v * 100).toFixed(1) + '%';
    }
    if (unit === 'hours') {
      return v.toFixed(1) + ' h';
    }
    return String(Math.round(v * 10) / 10);
  }

  Array.prototype.forEach.call(document.querySelectorAll('figure.trend'), function (holder) {
    var trend = data.trends[holder.getAttribute('data-figure')];
    if (!trend || typeof uPlot === 'undefined') {
      return;
    }
    var options = {
      width: 380,
      height: 180,
      legend: { show: false },
      scales: { x: { time: true } },
      axes: [{}, { values: function (u, values) { return values.map(function (v) { return format(trend.unit, v); }); },
        size: 60 }],
      series: [{}, { label: trend.label, stroke: '#4c78a8', width: 2, points: { show: trend.days.length < 60 } }]
    };
    new uPlot(options, [trend.days, trend.values], holder);
  });
})();
