/* Accessibility of what Material's JavaScript adds to a page (tests/test_accessibility.py):
   - a table's scroll box (.md-typeset__scrollwrap) is a named, focusable group while it scrolls,
     so a keyboard can reach and scroll it (WCAG 2.1.1; axe scrollable-region-focusable);
   - the same for the scroll boxes the build marks (hooks/a11y.py: notebook code cells, wide
     formulas): a tab stop only where the box is wider than the screen;
   - each code block's copy-button <nav> is not a landmark: twenty unnamed "navigation" regions
     per page drowned the real ones (axe landmark-unique).
   Works with instant navigation: new content is seen by a MutationObserver. */
(function () {
  "use strict";
  var TABLE = "表格（可左右滚动）";

  function fit(box) {
    if (box.scrollWidth > box.clientWidth + 1) box.setAttribute("tabindex", "0");
    else if (box !== document.activeElement) box.removeAttribute("tabindex");
  }

  function label(root) {
    root.querySelectorAll(".md-typeset__scrollwrap:not([data-rnnq-scroll])").forEach(function (box) {
      box.setAttribute("role", "group");
      box.setAttribute("aria-label", TABLE);
      box.setAttribute("data-rnnq-scroll", "");
    });
    root.querySelectorAll("nav.md-code__nav:not([role])").forEach(function (nav) {
      nav.setAttribute("role", "none");
    });
    root.querySelectorAll("[data-rnnq-scroll]").forEach(fit);
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
  window.addEventListener("resize", later);
  label(document);
})();
