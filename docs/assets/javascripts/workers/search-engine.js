// The site's search engine, run in place of Material's search worker (see ../search-shim.js).
//
// Why not Material's worker: it ranks with lunr on word frequency over whole pages, so a
// question that merely mentions a term can beat the question about it; mixed Latin/Chinese
// queries without spaces ("GRU和LSTM区别") find nothing; and it knows no synonyms. This worker
// speaks Material's protocol (SETUP -> READY, QUERY -> RESULT), so Material's search box, result
// list, keyboard handling, suggestions and on-page highlighting are all kept.
//
// The index (search/search_index.json) is built by hooks/search/search_index.py: clean documents, one
// per question, and a vocabulary from the glossary and search/aliases.yml.
"use strict";

var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;  // Material's SearchMessageType
var HAN = /\p{sc=Han}/u;
var UNIT = /[a-z0-9][a-z0-9_.+#]*|\p{sc=Han}/giu;

// How much each part of a document counts when it contains a query term.
var FIELD = { title: 3, tags: 1.5, asked: 1, answer: 1.5, text: 1 };
var CANONICAL = 4;     // the question the glossary links the term to: it explains the term
var OTHER_PAGES = 0.5; // glossary, notebooks, reference pages rank below questions
var LEVEL = { "基础": 1.05, "进阶": 1, "深入": 0.95 };
var HINTED = 2.5;      // the title or tags say what kind of answer is wanted (区别, 怎么办)
var PHRASE = 0.2;      // per pair of query words found in a row in the title
var FOCUS = 0.5;       // times the share of the title's question that the query's words make up
var WHOLE = 30;        // the whole query, function words and all, is written in the document (a paper title)
var MAX_RESULTS = 60;

// Width folded; "3×3" and "3*3" are written "3x3", as people type them.
function widen(s) {
  return String(s || "").normalize("NFKC").replace(/([0-9])\s*[×*]\s*(?=[0-9])/g, "$1x");
}

function fold(s) {
  return widen(s).toLowerCase();
}

// English contractions and possessives, as a pasted question has them: "what's", "can't",
// "PyTorch's" -> "what", "can not", "pytorch".
function uncontract(s) {
  return s.replace(/[’‘]/g, "'").replace(/\b(can|won|ca)'?n't\b/gi, function (m, w) { return (/^won$/i.test(w) ? "will" : "can") + " not"; })
    .replace(/n't\b/gi, " not").replace(/'(s|re|ve|ll|d|m)\b/gi, "").replace(/s'(?=\s|$)/gi, "s");
}

// A light English stemmer: the stem is a prefix of the word's inflections, because a stem of 4
// letters or more matches every word it begins (see pattern): exploding, explodes, exploded and
// explode all become "explod"; initialization and initialize "initializ". Short words, and stems
// that would fall under 4 letters, are kept whole.
function stem(word) {
  word = word.replace(/\.+$/, "");
  if (word.length <= 3 || /[0-9]/.test(word)) return word;
  var w = word;
  if (/sses$/.test(w)) w = w.slice(0, -2);
  else if (/ies$/.test(w) && w.length > 5) w = w.slice(0, -3);
  else if (/(?:x|ch|sh)es$/.test(w)) w = w.slice(0, -2);
  else if (/[^su]s$/.test(w)) w = w.slice(0, -1);
  var stripped = w.replace(/(?:ations?|ing|ed)$/, "");
  if (stripped !== w && stripped.length >= 4) {
    w = stripped;
    if (/([bdfglmnprt])\1$/.test(w) && w.length > 4) w = w.slice(0, -1);  // clipping -> clip
  } else if (/[^aeiou]y$/.test(w) && w.length > 5) {
    w = w.slice(0, -1);  // dependency, dependencies -> dependenc
  }
  if (/[^aeiou]e$/.test(w) && w.length >= 6) w = w.slice(0, -1);  // explode -> explod
  return w;
}

// A query or a name as a list of units: a Latin word (stemmed) or one Han character. Words
// joined by "_" (clip_grad_norm, h_n) are separate units marked as glued to the next one.
// A word typed in capitals is marked `caps`: "IN" is instance normalisation, "in" a function word.
function units(text) {
  var out = [];
  uncontract(widen(text)).replace(UNIT, function (raw) {
    var u = raw.toLowerCase();
    if (HAN.test(u)) out.push({ han: true, s: u });
    else u.split("_").filter(Boolean).forEach(function (w, i, all) {
      out.push({ han: false, s: stem(w), glue: i < all.length - 1, caps: /^[A-Z0-9_]*[A-Z][A-Z0-9_]*$/.test(raw) });
    });
    return raw;
  });
  return out.filter(function (u) { return u.s; });
}

function unitKey(us) {
  return us.map(function (u) { return u.s; }).join(" ");
}

function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

// A regular expression that finds the units in text: Han characters as written, with or without
// spaces or hyphens around them (编码器解码器 finds 编码器-解码器); Latin words at a word start,
// short ones whole (plural s allowed), longer ones as a prefix (so "gradient" finds "gradients"),
// words separated by spaces or hyphens.
function pattern(us) {
  var source = us.map(function (u, i) {
    var before = i === 0 ? "" : (u.han || us[i - 1].han ? "[\\s\\-]*" : "[\\s\\-_]+");
    if (u.han) return before + escapeRegExp(u.s);
    var word = "(?<![a-z0-9])" + escapeRegExp(u.s);
    if (/^[0-9.]+$/.test(u.s)) return before + word + "(?![0-9])";
    return before + word + (u.s.length >= 4 ? "[a-z0-9]*" : "s?(?![a-z0-9])");
  }).join("");
  return new RegExp(source, "giu");
}

function escapeHTML(s) {
  return s.replace(/[&<>"]/g, function (c) {
    return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c];
  });
}

// ---------------------------------------------------------------------------------------------
// The index

function Engine(index) {
  var vocab = (index.config && index.config.vocabulary) || { concepts: [], stopwords: [], hints: {} };
  this.words = new Map();  // unit key -> { concept } or { stop, hint }
  this.longest = 1;
  // A concept finds all its forms in the text; a query names it by any form, or only by the
  // `ask` forms where given (English words for Chinese ones: a Chinese query is not split there).
  this.concepts = vocab.concepts.map(function (c, n) {
    var forms = c.forms.map(units).filter(function (us) { return us.length; });
    (c.ask || c.forms).map(units).forEach(function (us) { if (us.length) this.learn(us, { concept: n }); }, this);
    return { forms: c.ask || c.forms, patterns: forms.map(pattern), to: c.to || [] };
  }, this);
  var hints = vocab.hints || {};
  vocab.stopwords.forEach(function (w) {
    var us = units(w), hint = (hints[w] || []).map(function (h) { return pattern(units(h)); });
    var known = us.length && this.words.get(unitKey(us));
    // An abbreviation that is also a function word (IN, instance norm) is the name only in capitals.
    if (known && known.concept !== undefined) known.lowercase = { stop: true, hint: hint, also: [] };
    else if (us.length) this.learn(us, { stop: true, hint: hint });
  }, this);

  this.spelled = new Map();  // every Latin word of the index and vocabulary -> how often it occurs
  this.compounds = new Map();  // two or three Latin words written apart (pre-ln, top k), run together -> the words
  var spelled = this.spelled, compounds = this.compounds, learnWords = function (text) {
    units(text).forEach(function (u) { if (!u.han) spelled.set(u.s, (spelled.get(u.s) || 0) + 1); });
    (fold(text).match(/[a-z0-9]+(?:[\s\-_]+[a-z0-9]+)+/g) || []).forEach(function (run) {
      var ws = run.split(/[\s\-_]+/).map(stem);
      for (var i = 0; i + 1 < ws.length; i++) {
        for (var k = 2; k <= 3 && i + k <= ws.length; k++) {
          var parts = ws.slice(i, i + k), joined = parts.join("");
          if (!compounds.has(joined)) compounds.set(joined, parts);
        }
      }
    });
  };
  vocab.concepts.forEach(function (c) { c.forms.forEach(learnWords); });
  index.docs.forEach(function (d) {
    [d.title, (d.tags || []).join(" "), (d.asked || []).join(" "), d.answer, d.text].forEach(learnWords);
  });

  this.pairDF = new Map();  // a pair of Han characters -> how many documents hold it
  this.pages = new Map();  // page location -> its document
  this.docs = index.docs.map(function (d) {
    var page = d.location.split("#")[0];
    if (!this.pages.has(page) && d.location === page) this.pages.set(page, d);
    return {
      doc: d, page: page, id: d.location.split("#")[1] || "", question: "level" in d,
      title: fold(d.title), head: fold(d.title).split(/[?？]/)[0], tags: fold((d.tags || []).join(" | ")), asked: fold((d.asked || []).join(" | ")),
      answer: fold(d.answer),
      text: fold(d.text), compactTitle: fold(d.title).replace(/\s+/g, ""), compact: null,
    };
  }, this);
}

// A word the glossary gives to two concepts (padding) finds the first; both rank their questions first.
Engine.prototype.learn = function (us, entry) {
  var k = unitKey(us), known = this.words.get(k);
  if (known && known.concept !== undefined && entry.concept !== undefined) known.also.push(entry.concept);
  else if (!known || entry.concept !== undefined) this.words.set(k, Object.assign({ also: [] }, entry));
  this.longest = Math.max(this.longest, us.length);
};

// ---------------------------------------------------------------------------------------------
// Query understanding

// Split a query into terms: longest known names first (concepts, function words); what is left
// is a Latin word, or a run of Han characters matched by its character pairs. A single-character
// function word (的, 和) only counts as such where it stands alone, so it never splits a word.
Engine.prototype.parse = function (query) {
  var us = [].concat.apply([], units(query).map(this.correct, this)), terms = [], stops = [], hints = [], pieces = [], run = [];
  var self = this;

  function flush() {
    var s = run.map(function (u) { return u.s; }).join("");
    run = [];
    if (s) pieces.push(s);
    while (s && self.isStop(s[0])) s = s.slice(1);
    while (s && self.isStop(s[s.length - 1])) s = s.slice(0, -1);
    if (!s) return;
    var term = { kind: "run", text: s, weight: s.length === 1 ? 0.5 : 1, patterns: [pattern(units(s))] };
    term.pairs = [];
    for (var i = 0; i + 2 <= s.length; i++) term.pairs.push(pattern(units(s.slice(i, i + 2))));
    terms.push(term);
  }

  for (var i = 0; i < us.length;) {
    var found = null, j;
    for (j = Math.min(us.length, i + this.longest); j > i; j--) {
      // A name never splits a word glued with "_" (batch_first is not the name "batch").
      if (us[j - 1].glue && j < us.length && !us[j].han) continue;
      if (i > 0 && us[i - 1].glue && !us[i - 1].han) break;
      var entry = this.words.get(unitKey(us.slice(i, j)));
      if (entry && entry.lowercase && !us.slice(i, j).every(function (u) { return u.caps; })) entry = entry.lowercase;
      if (entry && !(entry.stop && j - i === 1 && us[i].han)) { found = entry; break; }
    }
    if (!found) {
      var u = us[i++];
      if (u.han) { run.push(u); continue; }
      flush();
      var word = [u];
      while (word[word.length - 1].glue && i < us.length && !us[i].han) word.push(us[i++]);
      var text = unitKey(word).replace(/ /g, "_");
      pieces.push(text);
      if (!this.isStop(text)) terms.push({ kind: "word", text: text, weight: 1, patterns: [pattern(word)] });
      continue;
    }
    flush();
    var text = us.slice(i, j).map(function (u) { return u.s; }).join(us[i].han ? "" : " ");
    pieces.push(text);
    if (found.stop) {
      stops.push(text);
      if (found.hint.length) hints.push(found.hint);
    } else {
      var c = this.concepts[found.concept], to = c.to;
      found.also.forEach(function (n) { to = to.concat(self.concepts[n].to); });
      terms.push({ kind: "concept", text: text, weight: 1, patterns: c.patterns, to: to });
    }
    i = j;
  }
  flush();
  return { terms: terms, stops: stops, hints: hints, pieces: pieces };
};

// A Latin word the site never uses, neither whole nor as the start of a word, may be words the
// site writes apart, typed together (preln -> pre-ln, topk -> top-k): it becomes those words, glued
// into one term. Otherwise, with 5 letters or more, it is taken for a typo (transfomer, sigmiod,
// beam serach): it becomes the site's most frequent word one edit away (two for words of 9 letters
// or more), counting a swap of neighbours as one. Returns a list of units.
Engine.prototype.correct = function (u) {
  if (u.han || this.spelled.has(u.s)) return [u];
  var parts = this.compounds.get(u.s);
  if (parts && !this.known(u.s)) {
    return parts.map(function (w, i) { return { han: false, s: w, glue: i < parts.length - 1 || u.glue }; });
  }
  return [this.typo(u)];
};

Engine.prototype.known = function (word) {
  for (var w of this.spelled.keys()) if (w.indexOf(word) === 0) return true;
  return false;
};

Engine.prototype.typo = function (u) {
  // A prefix of a site word is no typo: the pattern finds the longer word.
  if (u.s.length < 5 || /[0-9]/.test(u.s) || this.known(u.s)) return u;
  var best = null, bestDistance = u.s.length >= 9 ? 2 : 1, bestCount = 0;
  for (var [w, n] of this.spelled) {
    if (Math.abs(w.length - u.s.length) > bestDistance) continue;
    var d = editDistance(u.s, w, bestDistance);
    if (d < bestDistance || (d === bestDistance && n > bestCount)) {
      best = w; bestDistance = d; bestCount = n;
    }
  }
  return best ? Object.assign({}, u, { s: best }) : u;
};

// Optimal string alignment distance (insert, delete, substitute, swap neighbours); above `max`
// the exact value does not matter and max + 1 is returned.
function editDistance(a, b, max) {
  var prev2 = null, prev = [], row, i, j;
  for (j = 0; j <= b.length; j++) prev.push(j);
  for (i = 1; i <= a.length; i++) {
    row = [i];
    var low = i;
    for (j = 1; j <= b.length; j++) {
      var cost = a[i - 1] === b[j - 1] ? 0 : 1;
      var v = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
      row.push(v);
      low = Math.min(low, v);
    }
    if (low > max) return max + 1;
    prev2 = prev; prev = row;
  }
  return prev[b.length];
}

Engine.prototype.isStop = function (s) {
  var entry = this.words.get(unitKey(units(s)));
  return !!(entry && entry.stop);
};

// ---------------------------------------------------------------------------------------------
// Ranking

function any(patterns, text) {
  for (var i = 0; i < patterns.length; i++) {
    patterns[i].lastIndex = 0;
    if (patterns[i].test(text)) return true;
  }
  return false;
}

function count(patterns, text, limit) {
  var n = 0;
  for (var i = 0; i < patterns.length && n < limit; i++) {
    var m = text.match(patterns[i]);
    if (m) n += m.length;
  }
  return Math.min(n, limit);
}

// How well one document field holds a term, 0..1: 1 where the term is there as written. A run of
// unknown Han characters that is not may match in part, by its character pairs (输入输出 ->
// 输入…输出), each pair weighing as much as it is rare: see runMatch.
function fieldMatch(term, text, hits) {
  if (!text) return 0;
  if (any(term.patterns, text)) return 1;
  return hits ? 0.8 * hits : 0;
}

// The share of a run's character pairs that each field of a document holds, each pair weighing as
// much as it is rare (模型太自信: 自信 says more than 模型). A document must hold at least half of
// the pairs, counted, but they may be spread over its fields: the words of one phrase are often
// split between a question's title, answer and body (测试序列比训练长 -> 比训练…长 in the title, 测试
// in the body), and each field then counts for what it holds.
Engine.prototype.runMatch = function (term, d) {
  var memo = term.memo.get(d);
  if (memo) return memo;
  var fields = ["head", "title", "tags", "asked", "answer", "text"], out = {}, seen = term.pairs.map(function () { return 0; });
  fields.forEach(function (f) {
    var share = 0;
    if (d[f]) term.pairs.forEach(function (p, k) {
      p.lastIndex = 0;
      if (p.test(d[f])) { share += term.pairWeights[k]; seen[k] = 1; }
    });
    out[f] = share;
  });
  var together = seen.reduce(function (a, b) { return a + b; }, 0) / seen.length;
  if (together < 0.5) fields.forEach(function (f) { out[f] = 0; });
  term.memo.set(d, out);
  return out;
};

// A term's weight in one document, and whether the document is about it (title or glossary).
// The glossary's link says which question explains a term, even where it is worded otherwise.
Engine.prototype.termScore = function (term, d, share) {
  var m = term.partial ? this.runMatch(term, d) : {};
  // The first clause of a title is the question itself; what follows the first ？ is secondary.
  var title = Math.max(fieldMatch(term, d.head, m.head), 0.8 * fieldMatch(term, d.title, m.title));
  var f = FIELD.title * title + FIELD.tags * fieldMatch(term, d.tags, m.tags) + FIELD.asked * fieldMatch(term, d.asked, m.asked)
    + FIELD.answer * fieldMatch(term, d.answer, m.answer);
  var body = any(term.patterns, d.text) ? count(term.patterns, d.text, 2) / 2 : 0.7 * fieldMatch(term, d.text, m.text);
  f += FIELD.text * body;
  var canonical = term.to && term.to.indexOf(d.id) >= 0;
  if (canonical) f = Math.max(f, FIELD.tags) + CANONICAL * share;  // most when the term is all the query asks about
  return { score: f, about: canonical ? 1 : title };
};

// How many documents hold a pair of Han characters (remembered: queries are typed a letter at a time).
Engine.prototype.pairFrequency = function (p) {
  var key = p.source;
  if (!this.pairDF.has(key)) {
    this.pairDF.set(key, this.docs.filter(function (d) { return any([p], d.title + " " + d.answer + " " + d.text); }).length);
  }
  return this.pairDF.get(key);
};

Engine.prototype.search = function (query) {
  var q = this.parse(query), self = this, n = this.docs.length;
  if (!q.terms.length) return { query: q, ranked: [] };
  q.terms.forEach(function (t) {
    if (t.kind !== "run") return;
    // A pair weighs as much as it is rare; pairs across a word boundary occur nowhere and weigh nothing.
    var dfs = t.pairs.map(function (p) { return self.pairFrequency(p); });
    t.pairs = t.pairs.filter(function (p, k) { return dfs[k] > 0; });
    dfs = dfs.filter(function (df) { return df > 0; });
    t.partial = t.pairs.length > 1;
    var w = dfs.map(function (df) { return Math.log(1 + n / df); }), sum = w.reduce(function (a, b) { return a + b; }, 0);
    t.pairWeights = w.map(function (x) { return x / sum; });
    t.memo = new Map();
  });
  // Rarer terms weigh more (inverse document frequency); a term found nowhere weighs nothing.
  var weights = q.terms.map(function (t) {
    var df = self.docs.filter(function (d) { return self.termScore(t, d, 0).score > 0; }).length;
    return df ? t.weight * Math.log(1 + n / df) : 0;
  });
  var total = weights.reduce(function (a, b) { return a + b; }, 0);
  if (!total) return { query: q, ranked: [] };
  var parts = q.terms.map(function (t, k) {
    return self.docs.map(function (d) { return self.termScore(t, d, weights[k] / total); });
  });
  var scores = parts.map(function (p) { return p.map(function (x) { return x.score; }); });
  var phrases = [];
  for (var p = 0; p + 1 < q.pieces.length; p++) phrases.push((q.pieces[p] + q.pieces[p + 1]).replace(/\s+/g, ""));

  // A query of four English words or more, found as a whole: "were rnns all we needed".
  var whole = compact(query), wholeCounts = units(query).filter(function (u) { return !u.han; }).length >= 4;

  var ranked = [];
  this.docs.forEach(function (d, i) {
    var raw = 0, covered = 0, about = 0;
    q.terms.forEach(function (t, k) {
      raw += weights[k] * scores[k][i];
      if (scores[k][i] > 0) covered += weights[k];
      about += weights[k] * parts[k][i].about;
    });
    if (!raw) return;
    // Results must hold most of the query, and rank higher when their title is about all of it.
    var score = raw * Math.pow(covered / total, 2) * (1 + about / total);
    score *= d.question ? (LEVEL[d.doc.level] || 1) : OTHER_PAGES;
    score *= 1 + PHRASE * phrases.filter(function (s) { return d.compactTitle.indexOf(s) >= 0; }).length;
    score *= 1 + FOCUS * focus(d.head, q.terms.filter(function (t, k) { return scores[k][i] > 0; }));
    if (q.hints.some(function (h) { return any(h, d.title) || any(h, d.tags); })) score *= HINTED;
    if (wholeCounts) {
      if (d.compact === null) d.compact = compact([d.title, d.asked, d.answer, d.text].join(" "));
      if (d.compact.indexOf(whole) >= 0) score *= WHOLE;
    }
    ranked.push({ d: d, score: score, matched: q.terms.filter(function (t, k) { return scores[k][i] > 0; }) });
  });
  ranked.sort(function (a, b) { return b.score - a.score; });
  if (ranked.length) {
    var floor = ranked[0].score / 100;
    ranked = ranked.filter(function (r) { return r.score >= floor; }).slice(0, MAX_RESULTS);
  }
  return { query: q, ranked: ranked };
};

// Letters, digits and Han characters only, folded: how a phrase is compared whatever its spacing.
function compact(text) {
  return fold(text).replace(/[^\p{L}\p{N}]+/gu, "");
}

// The share of a title's letters that the terms cover: "普通 RNN 有哪些缺点" is more about
// "RNN 缺点" than "时间卷积网络（TCN）和 RNN 相比有什么优缺点".
function focus(head, terms) {
  var covered = new Uint8Array(head.length);
  terms.forEach(function (t) {
    t.patterns.concat(t.partial ? t.pairs : []).forEach(function (p) {
      p.lastIndex = 0;
      var m;
      while ((m = p.exec(head)) !== null) {
        if (!m[0].length) { p.lastIndex++; continue; }
        covered.fill(1, m.index, m.index + m[0].length);
      }
    });
  });
  var letters = 0, hit = 0;
  for (var i = 0; i < head.length; i++) {
    if (/[\p{L}\p{N}]/u.test(head[i])) { letters++; hit += covered[i]; }
  }
  return letters ? hit / letters : 0;
}

// ---------------------------------------------------------------------------------------------
// Results in Material's format

// Text with the matches of `patterns` marked; everything else escaped.
function mark(text, patterns) {
  var spans = [];
  patterns.forEach(function (p) {
    p.lastIndex = 0;
    var m;
    while ((m = p.exec(text)) !== null) {
      if (!m[0].length) { p.lastIndex++; continue; }
      spans.push([m.index, m.index + m[0].length]);
    }
  });
  spans.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
  var out = "", at = 0;
  spans.forEach(function (s) {
    if (s[0] < at) return;
    out += escapeHTML(text.slice(at, s[0])) + "<mark>" + escapeHTML(text.slice(s[0], s[1])) + "</mark>";
    at = s[1];
  });
  return out + escapeHTML(text.slice(at));
}

function firstMatch(text, patterns) {
  var best = null;
  patterns.forEach(function (p) {
    p.lastIndex = 0;
    var m = p.exec(text);
    if (m && (best === null || m.index < best.index)) best = { index: m.index, text: m[0] };
  });
  return best;
}

// The preview: a question's one-line answer; elsewhere the text around the first match.
function preview(doc, patterns) {
  if (doc.answer) return doc.answer;
  var text = doc.text || "", hit = firstMatch(text, patterns);
  if (!hit || hit.index < 60) return text.length > 200 ? text.slice(0, 200) + "…" : text;
  var start = text.lastIndexOf(" ", hit.index - 40);
  start = start < hit.index - 80 ? hit.index - 40 : start + 1;
  var end = start + 200;
  return "…" + text.slice(start, end) + (end < text.length ? "…" : "");
}

// Material's on-page highlighting gets the words as they appear in the document; a term the
// document lacks is listed as missing, as Material does. Function words are neither.
function terms(r, q) {
  var out = {}, raw = [r.d.doc.title, r.d.doc.answer || "", r.d.doc.text || ""].join(" ");
  q.terms.forEach(function (t) {
    if (r.matched.indexOf(t) < 0) { out[t.text] = false; return; }
    var hit = firstMatch(raw, t.patterns);
    out[hit ? hit.text : t.text] = true;
  });
  return out;
}

function item(r, q, score) {
  var patterns = [].concat.apply([], r.matched.map(function (t) { return t.patterns.concat(t.pairs || []); }));
  var doc = r.d.doc, out = {
    location: doc.location,
    title: mark(doc.title, patterns),
    text: "<p>" + mark(preview(doc, patterns), patterns) + "</p>",
    score: score,
    terms: terms(r, q),
  };
  if (doc.level) out.tags = [doc.level];
  return out;
}

// Material groups results under their page. Consecutive results from one page share a group, so
// the list keeps our order; every member gets the group's score so that none is folded away, and
// the page a little less, so that Enter in the search box opens the best question, not its page.
Engine.prototype.results = function (query) {
  var found = this.search(query), q = found.query, groups = [], self = this;
  found.ranked.forEach(function (r) {
    var last = groups[groups.length - 1];
    if (!last || last.page !== r.d.page) groups.push(last = { page: r.d.page, members: [] });
    last.members.push(r);
  });
  var items = groups.map(function (g) {
    var score = g.members[0].score;
    var members = g.members.map(function (r) { return item(r, q, score); });
    var parent = members.filter(function (m) { return m.location === g.page; })[0];
    if (!parent) {
      var page = self.pages.get(g.page) || { location: g.page, title: g.page };
      var seen = {};
      members.forEach(function (m) {
        Object.keys(m.terms).forEach(function (t) { if (m.terms[t]) seen[t] = true; });
      });
      parent = { location: page.location, title: escapeHTML(page.title), text: "", terms: seen };
    } else {
      members.splice(members.indexOf(parent), 1);
    }
    parent.score = members.length ? score - 0.05 : score;
    return [parent].concat(members);
  });
  return { items: items, suggest: this.suggest(query) };
};

// Material offers the completion of the last word (accepted with the right arrow key).
Engine.prototype.suggest = function (query) {
  var last = query.split(/[\s-]+/).pop();
  var tail = (fold(last).match(/(\p{sc=Han}+|[a-z0-9_.]+)$/u) || [""])[0];
  if (tail.length < 2) return [];
  var best = null;
  this.concepts.forEach(function (c) {
    c.forms.forEach(function (f) {
      var form = fold(f);
      if (form.length > tail.length && form.indexOf(tail) === 0 && !/\s/.test(form)
          && (best === null || form.length < best.length)) best = form;
    });
  });
  return best ? [last + best.slice(tail.length)] : [];
};

// ---------------------------------------------------------------------------------------------

var engine = null;

// A real worker, or Material's iframe-worker shim on file:// (a hidden iframe that defines
// importScripts and forwards postMessage to the page): both have importScripts.
if (typeof importScripts === "function") {
  self.addEventListener("message", function (ev) {
    var message = ev.data;
    if (message.type === SETUP) {
      engine = new Engine(message.data);
      self.postMessage({ type: READY });
    } else if (message.type === QUERY) {
      var data;
      try {
        data = engine.results(String(message.data || ""));
      } catch (err) {
        console.warn("search failed for", message.data, err);
        data = { items: [] };
      }
      self.postMessage({ type: RESULT, data: data });
    }
  });
} else {  // loaded into a page or by node: the unit tests (tests/test_search.py)
  (typeof module !== "undefined" ? module : self).exports = { Engine: Engine, units: units, pattern: pattern };
}
