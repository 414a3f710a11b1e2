/* Practice mode, the pure part: the review schedule, validation of imported marks, drawing a
 * drill. No DOM, no storage, no clock: callers pass "today" as "YYYY-MM-DD", so the tests can fix
 * the date. practice.js uses it as window.RNNQ; the schedule is documented on the 刷题 page.
 *
 * A mark is { mark: "known" | "again", box: 1..5, due: "YYYY-MM-DD" }, keyed by question id.
 */
(function (root) {
  "use strict";

  // Leitner boxes: days until a question in box b comes back (index 0 unused).
  var INTERVALS = [0, 1, 3, 7, 14, 30];
  var MAX_BOX = INTERVALS.length - 1;
  var MARKS = ["known", "again"];
  var FORMAT = "rnnq-marks";
  var VERSION = 1;
  var DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
  var ID = /^[a-z0-9][a-z0-9-]{0,99}$/;

  function isDay(value) {
    var m = typeof value === "string" && DAY.exec(value);
    if (!m) return false;
    var d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
    return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
  }

  function addDays(day, n) {
    var m = DAY.exec(day);
    return new Date(Date.UTC(+m[1], +m[2] - 1, +m[3] + n)).toISOString().slice(0, 10);
  }

  // The reader's calendar day, in their own time zone.
  function localDay(date) {
    var pad = function (n) { return String(n).padStart(2, "0"); };
    return date.getFullYear() + "-" + pad(date.getMonth() + 1) + "-" + pad(date.getDate());
  }

  /* The mark after one review on `today`. 再看看 sends a question back to box 1; 已掌握 moves it
   * up one box (unmarked and 再看看 questions go to box 2), except that a known question
   * answered again before it is due stays where it is. */
  function review(entry, mark, today) {
    var box;
    if (mark === "again") {
      box = 1;
    } else if (!entry || entry.mark !== "known") {
      box = 2;
    } else if (entry.due > today) {
      return { mark: "known", box: entry.box, due: entry.due };
    } else {
      box = Math.min(entry.box + 1, MAX_BOX);
    }
    return { mark: mark, box: box, due: addDays(today, INTERVALS[box]) };
  }

  /* Ids due on `today`, in review order: longest overdue first, then the lower (less known) box,
   * then bank order (the order of `ids`). */
  function dueOrder(ids, marks, today) {
    var rank = {};
    ids.forEach(function (id, i) { rank[id] = i; });
    return ids.filter(function (id) { return marks[id] && marks[id].due <= today; })
      .sort(function (a, b) {
        var x = marks[a], y = marks[b];
        return x.due < y.due ? -1 : x.due > y.due ? 1 : (x.box - y.box) || (rank[a] - rank[b]);
      });
  }

  function entryProblem(entry) {
    if (!entry || typeof entry !== "object" || Array.isArray(entry)) return "不是对象";
    if (MARKS.indexOf(entry.mark) < 0) return "mark 必须是 known 或 again";
    if (!Number.isInteger(entry.box) || entry.box < 1 || entry.box > MAX_BOX) return "box 必须是 1–" + MAX_BOX + " 的整数";
    if (!isDay(entry.due)) return "due 必须是 YYYY-MM-DD 日期";
    return null;
  }

  function exportMarks(marks, now) {
    return { format: FORMAT, version: VERSION, exported: now.toISOString(), marks: marks };
  }

  /* Check a parsed export file. `known` maps every current id and every alias to the current id.
   * Returns { error } (nothing may be imported) or { marks, unknown } (marks by current id; unknown
   * ids are reported, not imported). */
  function validateImport(data, known) {
    if (!data || typeof data !== "object" || Array.isArray(data)) return { error: "文件内容不是 JSON 对象。" };
    if (data.format !== FORMAT) return { error: "不是本站导出的标记文件（format 应为 " + FORMAT + "）。" };
    if (data.version !== VERSION) return { error: "不支持的文件版本：" + String(data.version).slice(0, 20) + "。" };
    var marks = data.marks;
    if (!marks || typeof marks !== "object" || Array.isArray(marks)) return { error: "文件缺少 marks 对象。" };
    var out = Object.create(null), unknown = [];
    var ids = Object.keys(marks);
    for (var i = 0; i < ids.length; i++) {
      var id = ids[i];
      if (!ID.test(id)) return { error: "第 " + (i + 1) + " 条的 id 格式不对：" + id.slice(0, 60) };
      var problem = entryProblem(marks[id]);
      if (problem) return { error: "第 " + (i + 1) + " 条（" + id + "）：" + problem + "。" };
      if (!Object.prototype.hasOwnProperty.call(known, id)) { unknown.push(id); continue; }
      out[known[id]] = { mark: marks[id].mark, box: marks[id].box, due: marks[id].due };
    }
    return { marks: out, unknown: unknown };
  }

  /* Stored marks are read back leniently: anything malformed is dropped, the rest kept. */
  function cleanStored(data) {
    var out = Object.create(null);
    if (!data || typeof data !== "object") return out;
    Object.keys(data).forEach(function (id) {
      if (ID.test(id) && !entryProblem(data[id])) out[id] = { mark: data[id].mark, box: data[id].box, due: data[id].due };
    });
    return out;
  }

  function inPool(pool, entry, today) {
    if (pool === "unmarked") return !entry;
    if (pool === "again") return !!entry && entry.mark === "again";
    if (pool === "due") return !!entry && entry.due <= today;
    return true;
  }

  /* Questions ({id, topic, level}, in bank order) that match the filters. */
  function candidates(questions, marks, filter, today) {
    return questions.filter(function (q) {
      return filter.topics.indexOf(q.topic) >= 0 && filter.levels.indexOf(q.level) >= 0 &&
        inPool(filter.pool, marks[q.id], today);
    });
  }

  /* The ids of one drill: due questions in review order, the other pools shuffled. */
  function draw(questions, marks, filter, today, random) {
    var ids = candidates(questions, marks, filter, today).map(function (q) { return q.id; });
    if (filter.pool === "due") ids = dueOrder(ids, marks, today);
    else shuffle(ids, random || Math.random);
    return ids.slice(0, Math.max(0, filter.count));
  }

  function shuffle(list, random) {
    for (var i = list.length - 1; i > 0; i--) {
      var j = Math.floor(random() * (i + 1));
      var t = list[i]; list[i] = list[j]; list[j] = t;
    }
    return list;
  }

  /* Per-topic counts, topics in first-seen order: [{topic, total, known, again}]. */
  function progress(questions, marks) {
    var rows = [], byTopic = {};
    questions.forEach(function (q) {
      var row = byTopic[q.topic];
      if (!row) { row = byTopic[q.topic] = { topic: q.topic, total: 0, known: 0, again: 0 }; rows.push(row); }
      row.total++;
      var m = marks[q.id];
      if (m) row[m.mark]++;
    });
    return rows;
  }

  root.RNNQ = {
    INTERVALS: INTERVALS, MAX_BOX: MAX_BOX, isDay: isDay, addDays: addDays, localDay: localDay,
    review: review, dueOrder: dueOrder, exportMarks: exportMarks, validateImport: validateImport,
    cleanStored: cleanStored, candidates: candidates, draw: draw, progress: progress
  };
})(typeof window !== "undefined" ? window : globalThis);
