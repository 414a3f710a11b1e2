/* Practice mode in the browser: self-test on topic pages, 已掌握/再看看 marks and progress, the
 * drill on the 刷题 page, export/import of marks. The pages already hold every question as HTML
 * (hooks/page/practice.py); this script only shows, hides and counts. Text from outside (imported
 * files) is only ever set with textContent. Schedule and validation: practice-core.js. */
(function () {
  "use strict";
  var core = window.RNNQ;
  var LEVELS = ["基础", "进阶", "深入"];
  var MARK_LABEL = { known: "已掌握", again: "再看看", skipped: "跳过", none: "未作答" };

  /* ---- storage: localStorage under Material's scope (extra.scope), or memory for this visit ---- */

  var memory = {}, storageOk = true;

  function storageKey(name) {
    return (window.__md_scope ? window.__md_scope.pathname : "/") + ".rnnq." + name;
  }

  function read(name) {
    if (storageOk) {
      try {
        var raw = window.localStorage.getItem(storageKey(name));
        return raw === null ? null : JSON.parse(raw);
      } catch (e) {
        if (e instanceof SyntaxError) return null;  // damaged value: start afresh
        storageFailed();
      }
    }
    return Object.prototype.hasOwnProperty.call(memory, name) ? memory[name] : null;
  }

  function write(name, value) {
    memory[name] = value;
    if (!storageOk) return;
    try {
      window.localStorage.setItem(storageKey(name), JSON.stringify(value));
    } catch (e) {
      storageFailed();
    }
  }

  function storageFailed() {
    if (!storageOk) return;
    storageOk = false;
    var note = el("div", "rnnq-notice");
    note.setAttribute("role", "status");
    note.appendChild(el("span", "", "浏览器不允许本站保存数据（例如隐私模式或存储已满）：自测模式和标记只在这次访问中有效。"));
    var close = el("button", "", "知道了");
    close.type = "button";
    close.addEventListener("click", function () { note.remove(); });
    note.appendChild(close);
    document.body.appendChild(note);
  }

  var MARKS_KEY = "marks.v1", MODE_KEY = "selftest.v1";

  function marks() {
    var stored = read(MARKS_KEY);
    return core.cleanStored(stored && stored.marks);
  }

  function saveMarks(all) {
    write(MARKS_KEY, { version: 1, marks: all });
    refresh();
  }

  function today() { return core.localDay(new Date()); }

  /* ---- small DOM helpers ---- */

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text != null) node.textContent = text;
    return node;
  }

  function button(cls, text, attrs) {
    var b = el("button", cls, text);
    b.type = "button";
    Object.keys(attrs || {}).forEach(function (k) { b.setAttribute(k, attrs[k]); });
    return b;
  }

  function bar(done, total, label) {
    var wrap = el("div", "rnnq-bar");
    wrap.setAttribute("role", "progressbar");
    wrap.setAttribute("aria-valuemin", "0");
    wrap.setAttribute("aria-valuemax", String(total));
    wrap.setAttribute("aria-valuenow", String(done));
    wrap.setAttribute("aria-label", label);
    var fill = el("span");
    fill.style.width = (total ? 100 * done / total : 0) + "%";
    wrap.appendChild(fill);
    return wrap;
  }

  /* ---- page state: rebuilt on every page (Material's instant navigation keeps this script) ---- */

  var page = null;  // { refresh(), key(event) } of the current page, or null

  function refresh() { if (page && page.refresh) page.refresh(); }

  /* ---- self-test mode ---- */

  function selfTest() { return document.documentElement.classList.contains("rnnq-selftest"); }

  function setSelfTest(on) {
    document.documentElement.classList.toggle("rnnq-selftest", on);
    write(MODE_KEY, on);
  }

  /* ---- topic pages ---- */

  function topicPage(answers) {
    var questions = answers.map(function (answer) {
      var id = answer.getAttribute("data-question");
      var controls = el("div", "rnnq-controls");
      controls.setAttribute("data-search-exclude", "");
      // Each button names its question for a screen reader (a page has 30 buttons called 已掌握).
      var about = { "aria-describedby": id };
      var reveal = button("rnnq-reveal", "显示答案", Object.assign({ "aria-controls": answer.id, "aria-expanded": "false" }, about));
      var known = button("rnnq-mark", "已掌握", Object.assign({ "data-mark": "known", "aria-pressed": "false" }, about));
      var again = button("rnnq-mark", "再看看", Object.assign({ "data-mark": "again", "aria-pressed": "false" }, about));
      [reveal, known, again].forEach(function (b) { controls.appendChild(b); });
      answer.parentNode.insertBefore(controls, answer);
      var heading = document.getElementById(id);
      var parts = [heading, controls, answer];
      if (controls.previousElementSibling !== heading) parts.push(controls.previousElementSibling);  // badges
      return { id: id, level: answer.getAttribute("data-level"), answer: answer, reveal: reveal,
               marks: [known, again], parts: parts, heading: heading };
    });

    var toolbar = el("div", "rnnq-toolbar");
    toolbar.setAttribute("data-search-exclude", "");
    var mode = button("rnnq-mode", "自测模式", { "aria-pressed": String(selfTest()), title: "遮住答案，逐题自测" });
    var score = el("span", "rnnq-score");
    score.setAttribute("aria-live", "polite");
    var level = select("难度", [["", "全部"]].concat(LEVELS.map(function (l) { return [l, l]; })));
    var mark = select("标记", [["", "全部"], ["none", "未标记"], ["known", "已掌握"], ["again", "再看看"]]);
    var shown = el("span", "rnnq-shown");
    [mode, score, level.label, mark.label, shown].forEach(function (n) { toolbar.appendChild(n); });
    questions[0].heading.parentNode.insertBefore(toolbar, questions[0].heading);

    function select(text, options) {
      var label = el("label", "rnnq-filter", text + " ");
      var s = el("select");
      options.forEach(function (o) { var opt = el("option", "", o[1]); opt.value = o[0]; s.appendChild(opt); });
      label.appendChild(s);
      return { label: label, select: s };
    }

    function applyFilter() {
      var all = marks(), count = 0;
      var toc = document.querySelectorAll(".md-nav--secondary a[href]");  // Material makes these absolute
      questions.forEach(function (q) {
        var m = all[q.id] ? all[q.id].mark : "none";
        var show = (!level.select.value || q.level === level.select.value) && (!mark.select.value || m === mark.select.value);
        q.parts.forEach(function (p) { p.hidden = !show; });
        toc.forEach(function (a) {  // its table-of-contents entries too
          if (a.hash === "#" + q.id) a.parentNode.hidden = !show;
        });
        if (show) count++;
      });
      shown.textContent = level.select.value || mark.select.value ? "显示 " + count + " / " + questions.length + " 题" : "";
      render();
    }

    function render() {
      var all = marks(), known = 0;
      var left = questions.filter(function (q) {
        return !q.heading.hidden && !q.answer.classList.contains("rnnq-open");
      }).length;
      questions.forEach(function (q) {
        var m = all[q.id] && all[q.id].mark;
        if (m === "known") known++;
        q.marks.forEach(function (b) { b.setAttribute("aria-pressed", String(b.getAttribute("data-mark") === m)); });
        var open = q.answer.classList.contains("rnnq-open");
        q.reveal.setAttribute("aria-expanded", String(open));
        q.reveal.textContent = open ? "收起答案" : "显示答案 · 本页还剩 " + left + " 题";
      });
      score.textContent = "已掌握 " + known + " / " + questions.length;
      mode.setAttribute("aria-pressed", String(selfTest()));
    }

    level.select.addEventListener("change", applyFilter);
    mark.select.addEventListener("change", applyFilter);
    toolbar.addEventListener("click", function (e) {
      if (e.target !== mode) return;
      setSelfTest(!selfTest());
      questions.forEach(function (q) { q.answer.classList.remove("rnnq-open"); });
      render();
    });
    questions.forEach(function (q) {
      q.reveal.addEventListener("click", function () {
        q.answer.classList.toggle("rnnq-open");
        render();
      });
      q.marks.forEach(function (b) {
        b.addEventListener("click", function () {
          var all = marks(), wanted = b.getAttribute("data-mark");
          if (all[q.id] && all[q.id].mark === wanted) delete all[q.id];  // pressing again clears
          else all[q.id] = core.review(all[q.id], wanted, today());
          saveMarks(all);
        });
      });
    });
    render();
    return { refresh: render };
  }

  /* ---- home page: a progress bar under each topic card, from the bank the build put in the page ---- */

  function homePage(base) {
    var cards = document.querySelector("article .grid.cards"), data = document.getElementById("rnnq-bank");
    if (!cards || !data) return null;
    var bank = null;
    var summary = el("p", "rnnq-home-summary");
    cards.parentNode.insertBefore(summary, cards);

    function render() {
      if (!bank) return;
      var all = marks(), day = today();
      var list = bank.questions.map(function (q) {
        return { id: q.id, level: q.level, topic: pagePath(new URL(q.url, base)) };
      });
      var rows = core.progress(list, all);
      cards.querySelectorAll(".rnnq-card-progress").forEach(function (n) { n.remove(); });
      rows.forEach(function (row) {
        var link = Array.prototype.find.call(cards.querySelectorAll("a[href]"), function (a) {
          return pagePath(new URL(a.getAttribute("href"), location.href)) === row.topic;
        });
        if (!link) return;
        var box = el("div", "rnnq-card-progress");
        box.appendChild(bar(row.known, row.total, "已掌握 " + row.known + " / " + row.total));
        box.appendChild(el("span", "", "已掌握 " + row.known + " / " + row.total + (row.again ? " · 再看看 " + row.again : "")));
        link.closest("li").appendChild(box);
      });
      var known = 0, again = 0;
      rows.forEach(function (r) { known += r.known; again += r.again; });
      var due = core.dueOrder(list.map(function (q) { return q.id; }), all, day).length;
      summary.textContent = "我的进度：已掌握 " + known + " / " + list.length + " 题，再看看 " + again + " 题，今天到期复习 " + due + " 题。";
      var go = el("a", "", "去刷题 →");
      go.href = new URL("practice/", base).href;
      summary.appendChild(go);
    }

    bank = { questions: JSON.parse(data.textContent) };
    render();
    return { refresh: render };
  }

  /* ---- the 刷题 page ---- */

  function drillPage(form) {
    var cards = Array.prototype.slice.call(document.querySelectorAll(".rnnq-card"));
    var questions = cards.map(function (c) {
      return { id: c.getAttribute("data-question"), topic: c.getAttribute("data-topic"),
               level: c.getAttribute("data-level"), card: c,
               aliases: (c.getAttribute("data-aliases") || "").split(" ").filter(Boolean) };
    });
    var byId = {}, knownIds = Object.create(null);
    questions.forEach(function (q) {
      byId[q.id] = q;
      knownIds[q.id] = q.id;
      q.aliases.forEach(function (a) { knownIds[a] = q.id; });
    });
    var session = document.getElementById("rnnq-session");
    var summary = document.getElementById("rnnq-summary");
    var available = form.querySelector(".rnnq-available");
    var reveal = session.querySelector(".rnnq-reveal");
    var markButtons = session.querySelectorAll(".rnnq-mark");
    var pos = session.querySelector(".rnnq-session__pos");
    var clock = session.querySelector(".rnnq-timer");
    var run = null;  // the drill in progress: { ids, i, results, timer, left }

    function filter() {
      var checked = function (name) {
        return Array.prototype.map.call(form.querySelectorAll('input[name="' + name + '"]:checked'), function (i) { return i.value; });
      };
      var pool = form.querySelector('input[name="pool"]:checked');
      return { topics: checked("topic"), levels: checked("level"), pool: pool ? pool.value : "all",
               count: parseInt(form.elements.count.value, 10) || 0 };
    }

    function renderForm() {
      var f = filter(), all = marks(), day = today();
      form.querySelectorAll("[data-pool-count]").forEach(function (n) {
        var g = { topics: f.topics, levels: f.levels, pool: n.getAttribute("data-pool-count") };
        n.textContent = core.candidates(questions, all, g, day).length;
      });
      var n = core.candidates(questions, all, f, day).length;
      available.textContent = n ? "符合条件的有 " + n + " 题，本轮抽 " + Math.min(n, Math.max(f.count, 0)) + " 题。"
                                : "没有符合条件的题：换个主题、难度或抽题范围试试。";
    }

    function start(ids) {
      if (!ids.length) { renderForm(); return; }
      run = { ids: ids, i: 0, results: {}, seconds: parseInt(form.elements.timer.value, 10) || 0 };
      form.hidden = true;
      summary.hidden = true;
      session.hidden = false;
      show();
    }

    function show() {
      stopClock();
      cards.forEach(function (c) { c.hidden = true; });
      var card = byId[run.ids[run.i]].card;
      card.hidden = false;
      card.querySelector(".rnnq-card__answer").hidden = true;
      reveal.hidden = false;
      markButtons.forEach(function (b) { b.hidden = true; });
      pos.textContent = "第 " + (run.i + 1) + " / " + run.ids.length + " 题";
      clock.textContent = "";
      clock.classList.remove("rnnq-timeup");
      if (run.seconds) startClock(run.seconds);
      session.scrollIntoView({ block: "start" });
      reveal.focus({ preventScroll: true });
    }

    function startClock(seconds) {
      run.left = seconds;
      var tick = function () {
        clock.textContent = "剩余 " + Math.floor(run.left / 60) + ":" + String(run.left % 60).padStart(2, "0");
        if (run.left <= 0) {
          stopClock();
          clock.textContent = "时间到";
          clock.classList.add("rnnq-timeup");
          if (!reveal.hidden) showAnswer();
        }
        run.left--;
      };
      tick();
      run.timer = setInterval(tick, 1000);
    }

    function stopClock() { if (run && run.timer) { clearInterval(run.timer); run.timer = null; } }

    function showAnswer() {
      var answer = byId[run.ids[run.i]].card.querySelector(".rnnq-card__answer");
      answer.hidden = false;
      reveal.hidden = true;
      markButtons.forEach(function (b) { b.hidden = false; });
      markButtons[0].focus();
    }

    function record(result) {
      var id = run.ids[run.i];
      run.results[id] = result;
      if (result !== "skipped") {
        var all = marks();
        all[id] = core.review(all[id], result, today());
        saveMarks(all);
      }
      run.i++;
      if (run.i < run.ids.length) show(); else finish();
    }

    function finish() {
      stopClock();
      session.hidden = true;
      summary.hidden = false;
      summary.textContent = "";
      var ids = run.ids, results = run.results;
      var counts = { known: 0, again: 0, skipped: 0, none: 0 };
      ids.forEach(function (id) { counts[results[id] || "none"]++; });
      summary.appendChild(el("h2", "", "本轮总结"));
      summary.appendChild(el("p", "", "共 " + ids.length + " 题：已掌握 " + counts.known + "，再看看 " + counts.again +
        "，跳过 " + counts.skipped + (counts.none ? "，未作答 " + counts.none : "") + "。"));
      var list = el("ol", "rnnq-summary__list");
      ids.forEach(function (id) {
        var q = byId[id], li = el("li");
        var a = el("a", "", q.card.querySelector(".rnnq-card__title").textContent.trim());
        a.href = q.card.querySelector(".rnnq-card__more a").getAttribute("href");
        var r = results[id] || "none";
        li.appendChild(a);
        li.appendChild(el("span", "rnnq-result rnnq-result--" + r, MARK_LABEL[r]));
        list.appendChild(li);
      });
      summary.appendChild(list);
      var again = ids.filter(function (id) { return results[id] === "again"; });
      var actions = el("p", "rnnq-summary__actions");
      if (again.length) {
        var redo = button("md-button md-button--primary", "只练本轮的再看看（" + again.length + " 题）");
        redo.addEventListener("click", function () { start(again); });
        actions.appendChild(redo);
      }
      var anew = button("md-button", "重新选题");
      anew.addEventListener("click", function () {
        run = null;
        summary.hidden = true;
        form.hidden = false;
        renderForm();
        form.scrollIntoView({ block: "start" });
        form.querySelector("button[type=submit]").focus({ preventScroll: true });
      });
      actions.appendChild(anew);
      summary.appendChild(actions);
      run = { ids: ids, i: ids.length, results: results, done: true };
      summary.scrollIntoView({ block: "start" });
      summary.focus({ preventScroll: true });
    }

    form.addEventListener("change", renderForm);
    form.addEventListener("input", renderForm);
    form.addEventListener("click", function (e) {
      var which = e.target.getAttribute && e.target.getAttribute("data-check");
      if (!which) return;
      form.querySelectorAll('input[name="topic"]').forEach(function (i) { i.checked = which === "all"; });
      renderForm();
    });
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      start(core.draw(questions, marks(), filter(), today()));
    });
    reveal.addEventListener("click", showAnswer);
    markButtons.forEach(function (b) {
      b.addEventListener("click", function () { record(b.getAttribute("data-mark")); });
    });
    session.querySelector(".rnnq-skip").addEventListener("click", function () { record("skipped"); });
    session.querySelector(".rnnq-end").addEventListener("click", finish);

    var panel = progressPanel(questions, knownIds);
    renderForm();

    return {
      refresh: function () { renderForm(); panel(); },
      leave: stopClock,
      key: function (e) {
        if (!run || run.done) return false;
        var onControl = /^(BUTTON|A)$/.test(e.target.tagName);
        if ((e.key === " " || e.key === "Enter") && !onControl && !reveal.hidden) { showAnswer(); return true; }
        if ((e.key === "1" || e.key === "2") && reveal.hidden) { record(e.key === "1" ? "known" : "again"); return true; }
        if (e.key === "3" || e.key === "ArrowRight") { record("skipped"); return true; }
        if (e.key === "Escape") { finish(); return true; }
        return false;
      }
    };
  }

  /* ---- 我的进度: per-topic progress, export, import, clear ---- */

  function progressPanel(questions, knownIds) {
    var root = document.getElementById("rnnq-progress");
    if (!root) return function () {};
    var titles = {};
    document.querySelectorAll('#rnnq-setup input[name="topic"]').forEach(function (i) {
      titles[i.value] = i.getAttribute("data-title");
    });
    var table = el("table");  // no class: Material styles table:not([class])
    var message = el("p", "rnnq-message");
    message.setAttribute("role", "status");
    var tools = el("p", "rnnq-tools");
    var exp = button("md-button", "导出标记");
    var imp = button("md-button", "导入标记");
    var clear = button("md-button", "清除全部标记");
    var file = el("input");
    file.type = "file";
    file.accept = ".json,application/json";
    file.hidden = true;
    [exp, imp, clear, file].forEach(function (n) { tools.appendChild(n); });
    root.appendChild(table);
    root.appendChild(tools);
    root.appendChild(message);

    function say(text, bad) {
      message.textContent = text;
      message.classList.toggle("rnnq-message--bad", !!bad);
    }

    function render() {
      var all = marks(), rows = core.progress(questions, all);
      table.textContent = "";
      var head = table.createTHead().insertRow();
      ["主题", "已掌握", "再看看", "进度"].forEach(function (t) { head.appendChild(el("th", "", t)); });
      var body = table.createTBody(), known = 0, again = 0;
      rows.forEach(function (r) {
        var tr = body.insertRow();
        tr.insertCell().textContent = titles[r.topic] || r.topic;
        tr.insertCell().textContent = r.known + " / " + r.total;
        tr.insertCell().textContent = String(r.again);
        tr.insertCell().appendChild(bar(r.known, r.total, "已掌握 " + r.known + " / " + r.total));
        known += r.known; again += r.again;
      });
      var due = core.dueOrder(questions.map(function (q) { return q.id; }), all, today()).length;
      var foot = table.createTFoot().insertRow();
      foot.insertCell().textContent = "合计（今天到期 " + due + " 题）";
      foot.insertCell().textContent = known + " / " + questions.length;
      foot.insertCell().textContent = String(again);
      foot.insertCell().appendChild(bar(known, questions.length, "合计已掌握 " + known + " / " + questions.length));
    }

    exp.addEventListener("click", function () {
      var blob = new Blob([JSON.stringify(core.exportMarks(marks(), new Date()), null, 1)], { type: "application/json" });
      var a = el("a");
      a.href = URL.createObjectURL(blob);
      a.download = "rnnq-marks-" + today() + ".json";
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(function () { URL.revokeObjectURL(a.href); }, 1000);
      say("已导出 " + Object.keys(marks()).length + " 条标记。");
    });
    imp.addEventListener("click", function () { file.value = ""; file.click(); });
    file.addEventListener("change", function () {
      var f = file.files && file.files[0];
      if (!f) return;
      if (f.size > 1024 * 1024) { say("导入失败：文件超过 1 MB，不像本站导出的标记文件。现有标记未改动。", true); return; }
      f.text().then(function (text) {
        var data;
        try { data = JSON.parse(text); } catch (e) { say("导入失败：文件不是合法的 JSON。现有标记未改动。", true); return; }
        var result = core.validateImport(data, knownIds);
        if (result.error) { say("导入失败：" + result.error + "现有标记未改动。", true); return; }
        var all = marks(), n = Object.keys(result.marks).length;
        Object.keys(result.marks).forEach(function (id) { all[id] = result.marks[id]; });
        saveMarks(all);
        var text2 = "已导入 " + n + " 条标记。";
        if (result.unknown.length) {
          text2 += "忽略 " + result.unknown.length + " 个本站没有的题目 id：" + result.unknown.slice(0, 10).join("、") +
            (result.unknown.length > 10 ? " 等" : "") + "。";
        }
        say(text2);
      });
    });
    clear.addEventListener("click", function () {
      if (!window.confirm("清除这个浏览器里的全部标记？建议先导出备份。")) return;
      saveMarks({});
      say("已清除全部标记。");
    });
    render();
    return render;
  }

  /* ---- wiring ---- */

  // A page's path the same way for the served site (topics/lstm/) and the offline zip's files
  // (topics/lstm.html, index.html).
  function pagePath(url) {
    return url.pathname.replace(/index\.html$/, "").replace(/\.html$/, "/");
  }

  function init() {
    if (page && page.leave) page.leave();
    page = null;
    var base = new URL(JSON.parse(document.getElementById("__config").textContent).base, location.href);
    var answers = Array.prototype.slice.call(document.querySelectorAll("article .rnnq-answer[data-question]"));
    var form = document.getElementById("rnnq-setup");
    if (answers.length) page = topicPage(answers);
    else if (form) page = drillPage(form);
    else if (pagePath(base) === pagePath(location)) page = homePage(base);
  }

  // Registered once for the whole visit; they act on whatever page is current.
  document.addEventListener("keydown", function (e) {
    if (!page || !page.key || e.altKey || e.ctrlKey || e.metaKey || e.isComposing) return;
    if (/^(INPUT|SELECT|TEXTAREA)$/.test(e.target.tagName) || e.target.isContentEditable) return;
    if (page.key(e)) { e.preventDefault(); e.stopPropagation(); }
  }, true);
  window.addEventListener("storage", function (e) {
    if (e.key === storageKey(MARKS_KEY) || e.key === storageKey(MODE_KEY)) {
      document.documentElement.classList.toggle("rnnq-selftest", read(MODE_KEY) === true);
      refresh();
    }
  });

  document.documentElement.classList.toggle("rnnq-selftest", read(MODE_KEY) === true);
  if (window.document$) window.document$.subscribe(init);
  else document.addEventListener("DOMContentLoaded", init);
})();
