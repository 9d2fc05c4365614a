/* The live practice room: news over a WebSocket (htmx ws extension), or polling with ETag
   every 2 s when WebSockets are blocked. Both swap the same panel the same way, keeping what
   a member is typing (hx-preserve). With the socket open, actions go over it; otherwise the
   forms post over HTTP (hx-post), and without JavaScript they still post as plain forms. */
(function () {
  "use strict";
  var POLL_MS = 2000;

  function init() {
    var host = document.getElementById("room-socket");
    if (!host) { return; }
    var targetId = host.dataset.liveTarget || "room-live";
    var url = host.dataset.liveUrl;
    var socket = null;   // the ws extension's socket wrapper while open
    var etag = null;
    var timer = null;

    function swap(html) {
      var target = document.getElementById(targetId);
      if (!target) { return; }
      // The trainer's half-typed coaching note survives the news (not with hx-preserve:
      // news and a form's own answer can swap at once, and a preserved box then ends up
      // in the panel that was just replaced).
      var box = document.getElementById("coach-note");
      var typed = box ? box.value : "";
      htmx.swap(target, html, { swapStyle: "outerHTML" });
      var fresh = document.getElementById("coach-note");
      var notes = document.getElementById("notes");
      // A note that is now in the list was added: the box starts afresh.
      var added = typed.trim() && notes && notes.textContent.indexOf(typed.trim()) !== -1;
      if (fresh && typed && !fresh.value && !added) { fresh.value = typed; }
    }

    function poll() {
      if (socket) { timer = null; return; }
      var headers = { "HX-Request": "true" };
      if (etag) { headers["If-None-Match"] = etag; }
      fetch(url, { headers: headers, cache: "no-store", credentials: "same-origin" })
        .then(function (response) {
          if (response.status === 200) {
            etag = response.headers.get("ETag");
            return response.text().then(swap);
          }
        })
        .catch(function () { /* offline for a moment: the next poll tries again */ })
        .then(function () { timer = window.setTimeout(poll, POLL_MS); });
    }

    function startPolling() {
      if (!timer) { timer = window.setTimeout(poll, POLL_MS); }
    }

    if (host.dataset.pollOnly || !("WebSocket" in window)) {
      startPolling();
      return;
    }

    host.addEventListener("htmx:wsOpen", function (event) {
      socket = event.detail.socketWrapper;
      host.dataset.transport = "websocket";
    });
    host.addEventListener("htmx:wsClose", function () {
      socket = null;
      host.dataset.transport = "polling";
      startPolling();   // until the extension reconnects
    });
    host.addEventListener("htmx:wsError", function () {
      socket = null;
      host.dataset.transport = "polling";
      startPolling();
    });
    host.addEventListener("htmx:wsBeforeMessage", function (event) {
      event.preventDefault();   // we swap ourselves, like a poll, so typed text is kept
      swap(event.detail.message);
    });
    // Without an open socket within a few seconds (blocked by a proxy), poll.
    window.setTimeout(function () { if (!socket) { startPolling(); } }, 3000);

    document.body.addEventListener("htmx:beforeRequest", function (event) {
      var form = event.detail.elt;
      if (!socket || !form.dataset || !form.dataset.action) { return; }
      event.preventDefault();
      var data = {};
      new FormData(form).forEach(function (value, key) {
        if (key !== "csrfmiddlewaretoken") { data[key] = value; }
      });
      socket.send(JSON.stringify(data), form);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
