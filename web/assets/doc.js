/*
 * sysatlas reference pages: search and sort the syscall tables.
 * Loaded as an external file (the pages' CSP allows no inline script);
 * reads only the page's own DOM.
 */
(function () {
	"use strict";

	/* A malformed fragment (#q=%) must not throw: decode what is well formed. */
	function decodeFragment(s) {
		try {
			return decodeURIComponent(s);
		} catch (e) {
			return s.replace(/(%[0-9a-fA-F]{2})+/g, function (run) {
				try { return decodeURIComponent(run); } catch (e2) { return run; }
			});
		}
	}

	function rowsOf(table) {
		return Array.prototype.slice.call(table.tBodies[0].rows);
	}

	function cellKey(row, col, numeric) {
		var text = row.cells[col] ? row.cells[col].textContent.trim() : "";
		return numeric ? parseFloat(text) || 0 : text.toLowerCase();
	}

	function makeSortable(table) {
		var heads = table.tHead ? table.tHead.rows[0].cells : [];
		Array.prototype.forEach.call(heads, function (th, col) {
			var kind = th.getAttribute("data-sort");
			if (!kind)
				return;
			th.classList.add("sort");
			th.tabIndex = 0;
			function sort() {
				var asc = th.getAttribute("aria-sort") !== "ascending";
				var rows = rowsOf(table), numeric = kind === "num";
				rows.sort(function (a, b) {
					var x = cellKey(a, col, numeric), y = cellKey(b, col, numeric);
					return (x < y ? -1 : x > y ? 1 : 0) * (asc ? 1 : -1);
				});
				Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
				th.setAttribute("aria-sort", asc ? "ascending" : "descending");
				rows.forEach(function (r) { table.tBodies[0].appendChild(r); });
			}
			th.addEventListener("click", sort);
			th.addEventListener("keydown", function (e) {
				if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sort(); }
			});
		});
	}

	function setupSearch(input) {
		var tables = document.querySelectorAll("table.syscalls");
		var count = document.getElementById("search-count");
		function apply() {
			var q = input.value.trim().toLowerCase(), shown = 0, total = 0;
			Array.prototype.forEach.call(tables, function (t) {
				var visible = 0;
				rowsOf(t).forEach(function (r) {
					var hit = !q || r.textContent.toLowerCase().indexOf(q) !== -1;
					r.hidden = !hit;
					total++;
					if (hit) { shown++; visible++; }
				});
				t.closest("section").hidden = visible === 0;
			});
			if (count)
				count.textContent = q ? shown + " of " + total + " entries" : total + " entries";
		}
		input.addEventListener("input", apply);
		if (location.hash.indexOf("#q=") === 0)
			input.value = decodeFragment(location.hash.slice(3));
		apply();
	}

	document.querySelectorAll("table.sortable").forEach(makeSortable);
	var search = document.getElementById("syscall-search");
	if (search)
		setupSearch(search);
})();
