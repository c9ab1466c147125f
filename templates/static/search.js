// Site search (gkgen.render.search): cut the query into the index's tokens, list the
// reports that hold all of them. Without this script search.html lists every report.
(function () {
  "use strict";
  var CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff";
  var RUNS = new RegExp("[" + CJK + "]+|[a-z0-9]+", "g");

  function tokens(text) {
    var out = [], runs = text.normalize("NFKC").toLowerCase().match(RUNS) || [];
    runs.forEach(function (run) {
      if (/^[a-z0-9]/.test(run) || run.length === 1) { out.push(run); return; }
      for (var i = 0; i + 1 < run.length; i++) { out.push(run.slice(i, i + 2)); }
    });
    return out;
  }

  function search(index, query) {
    var words = tokens(query), hits = null;
    var long = words.filter(function (w) { return w.length > 1; });
    if (long.length) { words = long; }  // a lone character only when nothing longer is asked
    if (!words.length) { return []; }
    words.forEach(function (w) {
      var list = index.grams[w] ? index.grams[w].split(",") : [];
      var set = {};
      list.forEach(function (id) { set[id] = true; });
      hits = hits === null ? list : hits.filter(function (id) { return set[id]; });
    });
    var q = query.trim();
    return hits.map(Number).sort(function (a, b) {  // a title or body name holding the query first
      var ta = index.docs[a][1].indexOf(q) >= 0 ? 0 : 1, tb = index.docs[b][1].indexOf(q) >= 0 ? 0 : 1;
      return ta - tb || a - b;
    });
  }

  function show() {
    var index = window.gkgenSearch, box = document.getElementById("search-results");
    var status = document.getElementById("search-status");
    var query = new URLSearchParams(window.location.search).get("q") || "";
    var input = document.getElementById("site-search-q");
    if (input) { input.value = query; }
    if (!index || !box || !status || !query.trim()) { return; }
    var found = search(index, query);
    box.textContent = "";
    found.forEach(function (id) {
      var doc = index.docs[id], li = document.createElement("li"), a = document.createElement("a");
      a.href = doc[0];
      a.textContent = doc[1];
      li.appendChild(a);
      box.appendChild(li);
    });
    status.textContent = found.length
      ? "“" + query + "”：找到 " + found.length + " 份报告。"
      : "“" + query + "”：没有找到报告。可以换一个词，或在下面的全部报告中查找。";
    box.hidden = found.length === 0;
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", show);
  } else {
    show();
  }
}());
