// Site search (gkgen.render.search): fold each word of the query as the index folds every
// report's text (NFKC, lower case, no white space) and list the reports whose text holds all of
// them. Without this script search.html lists every report.
(function () {
  "use strict";

  function fold(text) {
    return text.normalize("NFKC").toLowerCase().replace(/\s+/g, "");
  }

  function search(index, query) {
    var words = query.normalize("NFKC").split(/\s+/).map(fold).filter(function (w) { return w; });
    if (!words.length) { return []; }
    var hits = [];
    index.docs.forEach(function (doc, id) {
      if (words.every(function (w) { return doc[4].indexOf(w) >= 0; })) { hits.push(id); }
    });
    var q = fold(query);
    return hits.sort(function (a, b) {  // a title or body name holding the query first
      var ta = fold(index.docs[a][1]).indexOf(q) >= 0 ? 0 : 1;
      var tb = fold(index.docs[b][1]).indexOf(q) >= 0 ? 0 : 1;
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
