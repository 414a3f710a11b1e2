// The offline web app, page side (hooks/takeaway/pwa.py; the worker is hooks/pwa_worker.js, sw.js in the site).
// 1. Registers the worker once the page has loaded, so it never competes with the first screen; the
//    first page's own files are then stored too (the worker did not exist when they were fetched).
// 2. Fills the 离线可用 control on the 下载 page (#rnnq-offline): whether the whole site is stored,
//    its size, and a button to store it; it warns on a metered connection or with data saving on.
// 3. When a new deployment's worker is waiting, shows 有新版本 with a reload button; the reload
//    switches every open tab to the new deployment at once.
// Loaded only by sites served over http(s) with a worker (not the offline zip, not `mkdocs serve`).
(function () {
  "use strict";
  if (window.__rnnqPwa) return;  // instant navigation does not run it twice, but be sure
  window.__rnnqPwa = true;
  var script = document.currentScript;
  var sw = navigator.serviceWorker;
  if (!sw || !/^https?:$/.test(location.protocol) || !script) return;
  var workerUrl = new URL(script.getAttribute("data-worker"), location.href).href;
  var registration = null;
  var controlled = !!sw.controller;
  var lastStatus = null;

  function mb(bytes) { return (bytes / 1e6).toFixed(1) + " MB"; }

  function ask(worker, message) {
    return new Promise(function (resolve) {
      var channel = new MessageChannel();
      channel.port1.onmessage = function (ev) { resolve(ev.data); };
      worker.postMessage(message, [channel.port2]);
    });
  }

  function active() {
    return sw.ready.then(function (reg) { return reg.active; });
  }

  // ---- 有新版本 -------------------------------------------------------------------------------
  var reloading = false;
  sw.addEventListener("controllerchange", function () {
    // The first install takes over the open page (nothing to reload); any later change is a new
    // deployment switched on, in this tab or another: reload so no page is left half old.
    if (controlled && !reloading) { reloading = true; location.reload(); }
    controlled = true;
  });

  function offerUpdate(waiting) {
    if (!sw.controller || document.querySelector(".rnnq-update")) return;
    var bar = document.createElement("div");
    bar.className = "rnnq-update";
    bar.setAttribute("role", "status");
    bar.innerHTML = '<span>有新版本</span><button type="button">重新加载</button>';
    bar.querySelector("button").addEventListener("click", function () {
      this.disabled = true;
      this.textContent = "正在切换…";
      waiting.postMessage({ type: "skip-waiting" });  // the worker activates; controllerchange reloads
    });
    document.body.appendChild(bar);
  }

  function watch(reg) {
    if (reg.waiting) offerUpdate(reg.waiting);
    reg.addEventListener("updatefound", function () {
      var installing = reg.installing;
      if (!installing) return;
      installing.addEventListener("statechange", function () {
        if (installing.state === "installed" && reg.waiting) offerUpdate(reg.waiting);
      });
    });
  }

  function register() {
    sw.register(workerUrl).then(function (reg) {
      registration = reg;
      watch(reg);
      if (!controlled) {
        active().then(function (worker) {
          var urls = [location.href].concat(performance.getEntriesByType("resource").map(function (r) { return r.name; }));
          worker.postMessage({ type: "visited", urls: urls });
        });
      }
      render();
    }, function (error) { console.warn("offline app: worker not registered", error); });
  }

  if (document.readyState === "complete") register();
  else addEventListener("load", register);

  // ---- 离线可用 -------------------------------------------------------------------------------
  function metered() {
    var c = navigator.connection;
    if (!c) return "";
    if (c.saveData) return "你开着省流量模式。";
    if (c.type === "cellular" || /(^|-)2g$/.test(c.effectiveType || "")) return "你现在似乎在用移动网络。";
    return "";
  }

  function show(box, s, progress) {
    var text = box.querySelector(".rnnq-offline__status");
    var button = box.querySelector("button");
    var warn = box.querySelector(".rnnq-offline__warning");
    var bar = box.querySelector("progress");
    box.hidden = false;
    warn.hidden = true;
    bar.hidden = !progress;
    if (progress) {
      bar.max = progress.total;
      bar.value = progress.done;
      text.textContent = "正在存储… " + progress.done + " / " + progress.total + " 个文件";
      button.hidden = true;
      return;
    }
    if (!s) {
      text.textContent = "正在检查本机存储…";
      button.hidden = true;
      return;
    }
    box.classList.toggle("rnnq-offline--complete", s.complete);
    if (s.complete) {
      text.textContent = "离线可用：整个站点（" + mb(s.totalBytes) + "）已存到本机，断网也能打开所有页面、搜索、看公式和图。";
      button.hidden = true;
      return;
    }
    text.textContent = (s.error ? "存储中断（网络断开？）：已存的部分保留，连上网络后再点一次会接着存。" : "") +
      "本机已存 " + s.files + " / " + s.total + " 个文件（约 " + mb(s.bytes) + "，整个站点 " + mb(s.totalBytes) + "）。" +
      "看过的页面已经能离线打开；要断网也能看全部，请存储整个站点。";
    var note = metered();
    button.hidden = false;
    button.disabled = !!s.storing;
    button.textContent = (note ? "仍然存储" : "存储整个站点") + "（" + mb(s.totalBytes - s.bytes) + "）";
    if (note) {
      warn.hidden = false;
      warn.textContent = note + "整个站点约 " + mb(s.totalBytes) + "，建议连上 Wi-Fi 再存储。";
    }
  }

  function render() {
    var box = document.getElementById("rnnq-offline");
    if (!box || !registration) return;
    show(box, lastStatus);
    active().then(function (worker) { return ask(worker, { type: "status" }); }).then(function (s) {
      lastStatus = s;
      var current = document.getElementById("rnnq-offline");
      if (current) show(current, s);
    });
  }

  sw.addEventListener("message", function (ev) {
    var box = document.getElementById("rnnq-offline");
    var data = ev.data || {};
    if (data.type === "progress" && box) show(box, lastStatus, data);
    if (data.type === "status") {
      lastStatus = data;
      if (box) show(box, data);
    }
  });

  document.addEventListener("click", function (ev) {
    var button = ev.target.closest && ev.target.closest("#rnnq-offline button");
    if (!button) return;
    button.disabled = true;
    // Ask the browser not to evict the store when space runs short (it may say no).
    if (navigator.storage && navigator.storage.persist) navigator.storage.persist().catch(function () {});
    active().then(function (worker) { worker.postMessage({ type: "store" }); });
  });

  // Instant navigation: fill the control on every visit of the 下载 page; look for a new
  // deployment now and then (the browser itself checks only on full page loads).
  var checked = Date.now();
  if (window.document$) {
    window.document$.subscribe(function () {
      render();
      if (registration && Date.now() - checked > 10 * 60 * 1000) {
        checked = Date.now();
        registration.update().catch(function () {});
      }
    });
  }
})();
