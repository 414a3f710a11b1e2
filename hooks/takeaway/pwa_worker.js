// The service worker of one published version of RNN 面试题库 (written to sw.js by
// hooks/takeaway/pwa_build.mjs, which injects the file lists). Served from the version's root, so its scope
// is that version only; every cache name starts with the scope's path, so versions never share or
// delete each other's caches. It only ever fetches URLs of its own site.
//
// - Nothing is downloaded on install: pages, formulas and diagrams are stored as the reader opens
//   them (instant navigation's fetches included), and the whole site only when the reader asks
//   (the 离线可用 control on the 下载 page sends "store").
// - Stored files are served from the cache first, so a stored page is the same offline and online.
// - A new deployment installs a new worker, which copies the unchanged files from the old cache
//   and downloads the changed ones the reader had stored (the whole site, if they stored it), then
//   waits. The page shows 有新版本; its reload sends "skip-waiting", and every tab reloads onto the
//   new files at once: the reader never sees half of each deployment.
// - It never touches localStorage (workers cannot): marks and progress stay where they are.

/* global self, caches, fetch, Response, URL */
"use strict";

var MAIN = self.__WB_MANIFEST;   // [{url, revision, bytes}]: pages, scripts, styles, diagrams, index
var MATH = self.__RNNQ_MATH;     // {count, size} of assets/math/*.webp (names: precache-math.json)
var MATH_LIST = "precache-math.json";
var MATH_DIR = "assets/math/";

var SCOPE = self.registration.scope;  // e.g. https://octo-org.github.io/rnn-bank/1.0/
var PREFIX = "rnnq-offline:" + new URL(SCOPE).pathname + ":";
var BUILD = (function (text) {  // FNV-1a of the file lists: a new cache for each deployment
  var h = 0x811c9dc5;
  for (var i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16);
})(JSON.stringify([MAIN, MATH]));
var CACHE = PREFIX + BUILD;        // this deployment's files, keyed with their revision
var FORMULAS = PREFIX + "math";    // formula images: the name is the content, so kept across deployments
var SETTINGS = PREFIX + "settings";
var WHOLE = SCOPE + "__rnnq/whole-site";  // stored in SETTINGS once the reader stored everything

var entries = new Map();  // absolute URL -> {url, key, bytes}
MAIN.forEach(function (e) {
  var url = new URL(e.url, SCOPE).href;
  entries.set(url, { url: url, key: url + "?__rev=" + e.revision, bytes: e.bytes || 0 });
});
var MAIN_BYTES = MAIN.reduce(function (n, e) { return n + (e.bytes || 0); }, 0);

function mine(url) {
  // The manifest entry for a request (pages are listed as …/index.html), or a formula image.
  var u = new URL(url);
  u.hash = "";
  u.search = "";
  if (u.href.indexOf(SCOPE) !== 0) return null;
  var path = u.href.slice(SCOPE.length);
  if (path.indexOf(MATH_DIR) === 0 && /^[0-9a-f]+\.webp$/.test(path.slice(MATH_DIR.length)))
    return { url: u.href, key: u.href, cache: FORMULAS };
  var entry = entries.get(u.href) || (u.href.slice(-1) === "/" && entries.get(u.href + "index.html"));
  return entry ? { url: entry.url, key: entry.key, cache: CACHE } : null;
}

function download(item, cache) {
  // cache: "no-cache": the browser's HTTP cache may still hold the previous deployment's file.
  return fetch(item.url, { cache: "no-cache", credentials: "same-origin" }).then(function (response) {
    if (!response.ok || response.redirected) throw new Error(item.url + ": HTTP " + response.status);
    return cache.put(item.key, response);
  });
}

function downloadAll(items, progress) {
  // Four at a time; a failure stops the whole call (what was stored stays stored).
  var next = 0, done = 0;
  var opened = {};
  function open(name) { return opened[name] || (opened[name] = caches.open(name)); }
  function worker() {
    if (next >= items.length) return Promise.resolve();
    var item = items[next++];
    return open(item.cache).then(function (cache) { return download(item, cache); }).then(function () {
      done++;
      if (progress) progress(done, items.length);
      return worker();
    });
  }
  return Promise.all([worker(), worker(), worker(), worker()]);
}

function mathItems(names) {
  return names.map(function (name) {
    var url = SCOPE + MATH_DIR + name + ".webp";
    return { url: url, key: url, cache: FORMULAS };
  });
}

function mathNames() {
  // The formula list, stored like any other file of this deployment.
  var entry = entries.get(SCOPE + MATH_LIST);
  return caches.open(CACHE).then(function (cache) {
    return cache.match(entry.key).then(function (hit) {
      return hit || download({ url: entry.url, key: entry.key }, cache).then(function () {
        return cache.match(entry.key);
      });
    });
  }).then(function (response) { return response.json(); });
}

function keysOf(name) {
  return caches.open(name).then(function (cache) { return cache.keys(); }).then(function (requests) {
    return new Set(requests.map(function (r) { return r.url; }));
  });
}

function wholeSiteChosen() {
  return caches.open(SETTINGS).then(function (cache) { return cache.match(WHOLE); })
    .then(function (hit) { return !!hit; });
}

function missing() {
  // What is not stored yet, of the whole site.
  return Promise.all([keysOf(CACHE), keysOf(FORMULAS), mathNames()]).then(function (r) {
    var main = r[0], math = r[1];
    var todo = [];
    entries.forEach(function (e) { if (!main.has(e.key)) todo.push({ url: e.url, key: e.key, cache: CACHE }); });
    return todo.concat(mathItems(r[2]).filter(function (m) { return !math.has(m.key); }));
  });
}

// ---- install: carry the stored files over to this deployment, then wait -----------------------

self.addEventListener("install", function (event) {
  event.waitUntil(carryOver());
});

function carryOver() {
  return caches.keys().then(function (names) {
    var old = names.filter(function (n) {
      return n.indexOf(PREFIX) === 0 && n !== CACHE && n !== FORMULAS && n !== SETTINGS;
    });
    if (!old.length) return null;  // a first visit: nothing stored, nothing to download
    return Promise.all([caches.open(CACHE), wholeSiteChosen(),
                        Promise.all(old.map(function (n) { return caches.open(n); }))])
      .then(function (r) {
        var cache = r[0], whole = r[1], oldCaches = r[2];
        return Promise.all(oldCaches.map(function (c) { return c.keys(); })).then(function (lists) {
          var had = new Set();
          lists.forEach(function (l) { l.forEach(function (req) { had.add(req.url.replace(/\?__rev=.*$/, "")); }); });
          var todo = [];
          var copies = [];
          entries.forEach(function (e) {
            copies.push(caches.match(e.key).then(function (hit) {
              // caches.match looks in every cache of this origin: only an exact revision matches.
              if (hit) return cache.put(e.key, hit);
              if (whole || had.has(e.url)) todo.push({ url: e.url, key: e.key, cache: CACHE });
            }));
          });
          return Promise.all(copies).then(function () { return downloadAll(todo); });
        }).then(function () {
          if (!whole) return null;
          return missing().then(function (todo) { return downloadAll(todo); });
        });
      });
  });
}

// ---- activate: drop this version's previous deployments --------------------------------------

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (n) {
      return n.indexOf(PREFIX) === 0 && n !== CACHE && n !== FORMULAS && n !== SETTINGS;
    }).map(function (n) { return caches.delete(n); }));
  }).then(pruneFormulas).then(function () { return self.clients.claim(); }));
});

function pruneFormulas() {
  // Formulas no page of this deployment shows any more (only if the list is stored already).
  var entry = entries.get(SCOPE + MATH_LIST);
  return caches.open(CACHE).then(function (cache) { return cache.match(entry.key); }).then(function (hit) {
    if (!hit) return null;
    return Promise.all([hit.json(), caches.open(FORMULAS)]).then(function (r) {
      var keep = new Set(mathItems(r[0]).map(function (m) { return m.key; }));
      return r[1].keys().then(function (requests) {
        return Promise.all(requests.filter(function (req) { return !keep.has(req.url); })
          .map(function (req) { return r[1].delete(req); }));
      });
    });
  });
}

// ---- fetch: stored files first; the rest from the network, stored as they come ----------------

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return;
  var item = mine(request.url);
  if (!item) return;  // other versions, the large downloads, anything else: the browser as usual
  event.respondWith(caches.open(item.cache).then(function (cache) {
    return cache.match(item.key).then(function (hit) {
      if (hit) return hit;
      // A page or script is stored under this deployment's revision: revalidate it, as the HTTP
      // cache may hold the previous deployment's copy; a formula's name is its content.
      var mode = item.cache === CACHE ? "no-cache" : "default";
      return fetch(item.url, { cache: mode, credentials: "same-origin" }).then(function (response) {
        if (response.ok && !response.redirected) event.waitUntil(cache.put(item.key, response.clone()));
        return response;
      }, function (error) {
        if (request.mode === "navigate") return notStored();
        throw error;
      });
    });
  }));
});

function notStored() {
  var home = SCOPE, downloads = SCOPE + "downloads/#pwa";
  return new Response(
    '<!doctype html><html lang="zh"><meta charset="utf-8"><meta name="viewport" content="width=device-width">' +
    "<title>离线：这一页还没有存到本机</title><body style=\"font:16px/1.6 sans-serif;margin:2em\">" +
    "<h1>这一页还没有存到本机</h1><p>现在没有网络。连上网络后再打开这一页，或者在" +
    '<a href="' + downloads + '">下载页</a>选择“存储整个站点”，之后断网也能看全部页面。</p>' +
    '<p><a href="' + home + '">回到首页</a></p></body></html>',
    { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } });
}

// ---- messages from the pages (assets/javascripts/pwa.js) --------------------------------------

var storing = null;
var visiting = Promise.resolve();  // the first page's files being stored: a status waits for them

function broadcast(message) {
  return self.clients.matchAll({ type: "window", includeUncontrolled: true }).then(function (list) {
    list.forEach(function (client) { client.postMessage(message); });
  });
}

function status() {
  return Promise.all([keysOf(CACHE), keysOf(FORMULAS), wholeSiteChosen()]).then(function (r) {
    var files = 0, bytes = 0;
    entries.forEach(function (e) { if (r[0].has(e.key)) { files++; bytes += e.bytes; } });
    var formulas = r[1].size;
    return {
      type: "status", storing: !!storing, chosen: r[2],
      files: files + formulas, total: entries.size + MATH.count,
      bytes: bytes + Math.round(formulas * MATH.size / Math.max(1, MATH.count)),
      totalBytes: MAIN_BYTES + MATH.size,
      complete: files === entries.size && formulas >= MATH.count,
    };
  });
}

function storeWholeSite() {
  if (storing) return storing;
  storing = caches.open(SETTINGS)
    .then(function (cache) { return cache.put(WHOLE, new Response("1")); })
    .then(missing)
    .then(function (todo) {
      return downloadAll(todo, function (done, all) {
        if (done === all || done % 25 === 0) broadcast({ type: "progress", done: done, total: all });
      });
    })
    .then(function () { storing = null; return status(); },
          function (error) { storing = null; return status().then(function (s) { s.error = String(error); return s; }); })
    .then(broadcast);
  return storing;
}

self.addEventListener("message", function (event) {
  var data = event.data || {};
  var reply = function (p) {
    return p.then(function (message) { if (event.ports[0]) event.ports[0].postMessage(message); });
  };
  if (data.type === "skip-waiting") {
    self.skipWaiting();
  } else if (data.type === "status") {
    event.waitUntil(reply(visiting.then(status)));
  } else if (data.type === "store") {
    event.waitUntil(storeWholeSite());
  } else if (data.type === "visited") {
    // The page the worker was registered from was loaded before it existed: store what it used.
    var items = (data.urls || []).map(mine).filter(Boolean);
    visiting = Promise.all(items.map(function (item) {
      return caches.open(item.cache).then(function (cache) {
        return cache.match(item.key).then(function (hit) {
          return hit || download(item, cache).catch(function () {});
        });
      });
    }));
    event.waitUntil(visiting);
  }
});
