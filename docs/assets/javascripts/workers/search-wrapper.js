// Wrapper around Material's search worker; see ../search-shim.js for why it exists.
//
// Listeners run in registration order and share the event's data object, so ours, registered
// before Material's worker is imported, can rewrite a query before Material handles it.
var SETUP = 0, QUERY = 2;      // Material's SearchMessageType values
var END = "\u3400";            // a Han character that never occurs in the index (checked below)
var HAN = /\p{sc=Han}+/gu;
var terms = new Set();         // every indexed token that contains Han characters
var longest = 1;

function learn(index) {
  var separator = new RegExp(index.config.separator, "g");
  index.docs.forEach(function (doc) {
    [doc.title, doc.text].forEach(function (field) {
      (field || "").replace(/<[^>]+>/g, " ").split(separator).forEach(function (token) {
        token = token.toLowerCase();
        if (/\p{sc=Han}/u.test(token)) {
          terms.add(token);
          longest = Math.max(longest, token.length);
        }
      });
    });
  });
  terms.delete(END);
}

// Forward longest match against the index vocabulary. An indexed word gets END appended, so
// Material's segment() finds it whole and drops END; other text is left for Material to handle.
function rewrite(run) {
  var words = [], unknown = "";
  for (var i = 0; i < run.length;) {
    var j = Math.min(run.length, i + longest);
    while (j > i + 1 && !terms.has(run.slice(i, j))) j--;
    var word = run.slice(i, j);
    if (terms.has(word)) {
      if (unknown) words.push(unknown);
      words.push(word + END);
      unknown = "";
    } else {
      unknown += word;
    }
    i = j;
  }
  if (unknown) words.push(unknown);
  return words.join(" ");
}

self.addEventListener("message", function (ev) {
  var message = ev.data;
  if (message.type === SETUP) learn(message.data);
  else if (message.type === QUERY && typeof message.data === "string")
    message.data = message.data.replace(HAN, rewrite);
});

// Under Material's iframe-worker shim (offline site, file://) this runs in an iframe whose
// location is the page's; its own URL is then the current script's.
var own = self.document && document.currentScript ? document.currentScript.src : self.location.href;
importScripts(new URL(own).searchParams.get("material"));
