/* Accessibility of what Material's JavaScript adds to a page (tests/test_accessibility.py):
   - a table's scroll box (.md-typeset__scrollwrap) is a named, focusable group, so a keyboard
     can reach and scroll it (WCAG 2.1.1; axe scrollable-region-focusable), as the build does for
     notebook code and wide formulas (hooks/a11y.py) and Material for code blocks. Every table is
     a tab stop, scrolling or not: measuring which ones scroll forced a layout per change, 0.8 s
     of main thread on the LSTM page in Lighthouse's throttled run;
   - each code block's copy-button <nav> is not a landmark: twenty unnamed "navigation" regions
     per page drowned the real ones (axe landmark-unique).
   Works with instant navigation: new content is seen by a MutationObserver. */
(function () {
  "use strict";
  var TABLE = "表格";

  function label(root) {
    root.querySelectorAll(".md-typeset__scrollwrap:not([data-rnnq-scroll])").forEach(function (box) {
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "group");
      box.setAttribute("aria-label", TABLE);
      box.setAttribute("data-rnnq-scroll", "");
    });
    root.querySelectorAll("nav.md-code__nav:not([role])").forEach(function (nav) {
      nav.setAttribute("role", "none");
    });
  }

  var pending = false;
  function later() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(function () { pending = false; label(document); });
  }

  new MutationObserver(function (records) {
    for (var i = 0; i < records.length; i++) {
      if (records[i].addedNodes.length) { later(); return; }
    }
  }).observe(document.body, { childList: true, subtree: true });
  label(document);
})();
