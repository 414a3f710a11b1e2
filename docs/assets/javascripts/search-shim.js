// Search for RNN 面试题库, kept inside Material's search UI.
//
// 1. Material starts its search worker with `new Worker(url)`; we start ours instead
//    (workers/search-engine.js explains why), leaving every other worker alone. The worker speaks
//    Material's protocol, so the search box, result list and keyboard handling are Material's.
// 2. Material searches on keyup only, so a query pasted with the mouse or a phone's menu, or
//    finished in an input method, waited for the next key. Any input now searches at once.
(function () {
  var NativeWorker = window.Worker;
  var materialWorker = /\/workers\/search\.[0-9a-f]+\.min\.js$/;
  var engine = document.currentScript.src.replace(/search-shim\.js(\?.*)?$/, "workers/search-engine.js");
  window.Worker = function (url, options) {
    var href = new URL(url, document.baseURI).href;
    return new NativeWorker(materialWorker.test(new URL(href).pathname) ? engine : url, options);
  };
  window.Worker.prototype = NativeWorker.prototype;

  function searchNow(ev) {
    var box = ev.target;
    if (box && box.matches && box.matches("[data-md-component=search-query]") && !ev.isComposing)
      box.dispatchEvent(new KeyboardEvent("keyup"));
  }
  document.addEventListener("input", searchNow);
  document.addEventListener("compositionend", searchNow);
})();
