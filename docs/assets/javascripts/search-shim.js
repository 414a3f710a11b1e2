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

  // 3. The index is the largest file a page needs, and most visits never search. Material asks for
  //    it at start-up; the request is held until the reader reaches for search (focus, a tap on the
  //    search icon, a search in the address), so a first visit does not download it.
  var index = /\/search\/search_index\.json$/, held = [], wanted = /[?&]q=/.test(location.search);
  var open = XMLHttpRequest.prototype.open, send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.__searchIndex = index.test(new URL(url, document.baseURI).pathname);
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    if (!this.__searchIndex || wanted) return send.apply(this, arguments);
    held.push([this, arguments]);
  };
  function want() {
    if (wanted) return;
    wanted = true;
    held.splice(0).forEach(function (call) { send.apply(call[0], call[1]); });
  }
  document.addEventListener("focusin", function (ev) {
    if (ev.target.matches && ev.target.matches("[data-md-component=search-query]")) want();
  });
  ["pointerdown", "touchstart"].forEach(function (type) {
    document.addEventListener(type, function (ev) {
      if (ev.target.closest && ev.target.closest("label[for=__search], [data-md-component=search]")) want();
    }, { passive: true, capture: true });
  });
  document.addEventListener("change", function (ev) {
    if (ev.target.id === "__search" && ev.target.checked) want();
  });
})();

// 4. On a phone, Material fixes <body> in place while the search overlay is open and puts the old
//    scroll position back when it closes. Tapping a result closes it around the time instant
//    navigation scrolls to the question, so the reader landed at the top of a long page instead.
//    Once the new address is shown and the page is unlocked, bring the question to the top, and keep
//    it there while the page above it settles (scripts add controls), until the reader scrolls.
document.addEventListener("click", function (ev) {
  var link = ev.target.closest && ev.target.closest("a.md-search-result__link");
  var hash = link ? new URL(link.href).hash : "";
  if (!hash) return;
  var frames = 0, still = 0, stop = function () { frames = Infinity; };
  ["touchstart", "wheel", "keydown"].forEach(function (type) { addEventListener(type, stop, { once: true, passive: true }); });
  (function settle() {
    var target = document.getElementById(decodeURIComponent(hash.slice(1)));
    if (location.hash === hash && target && !document.body.hasAttribute("data-md-scrolllock")) {
      var top = target.getBoundingClientRect().top, margin = parseFloat(getComputedStyle(target).scrollMarginTop) || 0;
      if (Math.abs(top - margin) > 8) { target.scrollIntoView(); still = 0; } else still++;
    }
    if (still < 30 && ++frames < 300) requestAnimationFrame(settle);  // settled for 0.5 s, or 5 s at most
  })();
}, true);
