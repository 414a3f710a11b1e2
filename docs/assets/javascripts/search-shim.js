// Chinese search fix for Material for MkDocs.
//
// Material's worker splits each run of Han characters in a query with `segment()`, which tests
// slices query.slice(i, j) only for j < query.length: a word that ends the run is never looked
// up, so "梯度消失" searches for "梯度*" alone and the last word is lost.
//
// Instead of patching Material's minified worker, we start it inside a small wrapper worker
// (workers/search-wrapper.js) that rewrites each query before Material sees it. The rewrite stays
// correct whether or not Material's bug is present, so it survives upgrades.
(function () {
  var NativeWorker = window.Worker;
  var materialWorker = /\/workers\/search\.[0-9a-f]+\.min\.js$/;
  // Beside Material's worker, so its relative "../lunr" imports still resolve.
  var shim = document.currentScript.src.replace(/search-shim\.js(\?.*)?$/, "workers/search-wrapper.js");
  window.Worker = function (url, options) {
    var href = new URL(url, document.baseURI).href;
    if (materialWorker.test(new URL(href).pathname))
      return new NativeWorker(shim + "?material=" + encodeURIComponent(href), options);
    return new NativeWorker(url, options);
  };
  window.Worker.prototype = NativeWorker.prototype;
})();
