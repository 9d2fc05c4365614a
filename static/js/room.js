/* The live practice room: news over a WebSocket (htmx ws extension), or polling with ETag
   every 2 s when WebSockets are blocked (and every 20 s while the socket is open, so news the
   channel layer lost heals itself). Both swap the same panel the same way, never back to an
   older revision, keeping what a member is typing (hx-preserve; the coaching note here). With the socket open, actions go over it; otherwise the
   forms post over HTTP (hx-post), and without JavaScript they still post as plain forms. */
(function () {
  "use strict";
  var POLL_MS = 2000;
  // With the socket open, a slow poll (a 304 as a rule) heals news the channel layer lost.
  var SLOW_POLL_MS = 20000;

  function revisionOf(html) {
    var found = /data-revision="(\d+)"/.exec(html);
    return found ? parseInt(found[1], 10) : null;
  }

  function init() {
    var host = document.getElementById("room-socket");
    if (!host) { return; }
    var targetId = host.dataset.liveTarget || "room-live";
    var url = host.dataset.liveUrl;
    var socket = null;   // the ws extension's socket wrapper while open
    var etag = null;
    var timer = null;

    function swap(html, fromPoll) {
      var target = document.getElementById(targetId);
      if (!target) { return; }
      // Never back to an older state (a poll and the socket can cross); a poll of the
      // state already shown changes nothing.
      var shown = target.dataset.revision ? parseInt(target.dataset.revision, 10) : null;
      var incoming = revisionOf(html);
      if (shown !== null && incoming !== null && (incoming < shown || (fromPoll && incoming === shown))) {
        return;
      }
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
      var headers = { "HX-Request": "true" };
      if (etag) { headers["If-None-Match"] = etag; }
      fetch(url, { headers: headers, cache: "no-store", credentials: "same-origin" })
        .then(function (response) {
          if (response.status === 200) {
            etag = response.headers.get("ETag");
            return response.text().then(function (html) { swap(html, true); });
          }
        })
        .catch(function () { /* offline for a moment: the next poll tries again */ })
        .then(function () { timer = window.setTimeout(poll, socket ? SLOW_POLL_MS : POLL_MS); });
    }

    function startPolling() {
      // Every 2 s from now on (also when a slow poll was waiting).
      if (timer) { window.clearTimeout(timer); }
      timer = window.setTimeout(poll, POLL_MS);
    }

    if (host.dataset.pollOnly || !("WebSocket" in window)) {
      startPolling();
      return;
    }

    host.addEventListener("htmx:wsOpen", function (event) {
      socket = event.detail.socketWrapper;
      host.dataset.transport = "websocket";
      if (!timer) { timer = window.setTimeout(poll, SLOW_POLL_MS); }
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
    window.setTimeout(function () { if (!socket && !timer) { startPolling(); } }, 3000);

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
