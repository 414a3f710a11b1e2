// MathJax 3 for pymdownx.arithmatex (generic mode): only elements with class "arithmatex" are typeset.
window.MathJax = {
  tex: {
    inlineMath: [["\\(", "\\)"]],
    displayMath: [["\\[", "\\]"]],
    processEscapes: true,
    processEnvironments: true
  },
  options: {
    ignoreHtmlClass: ".*|",
    processHtmlClass: "arithmatex"
  },
  // A per-formula glyph cache keeps formulas intact when instant navigation swaps the page body.
  svg: { fontCache: "local" }
};

// MathJax typesets the first page itself once it has loaded. document$ also emits for that
// first page, possibly before MathJax is ready, so skip it and only handle instant navigation.
(function () {
  var first = true;
  document$.subscribe(function () {
    if (first) { first = false; return; }
    if (!window.MathJax || !MathJax.typesetPromise) return;  // still loading: startup will typeset
    MathJax.typesetClear();
    MathJax.texReset();
    MathJax.typesetPromise();
  });
})();
