/*
 * Katalog SOP: Web Workers for pages opened from disk (file://).
 *
 * Browsers refuse `new Worker()` on file:// pages, which is how Material's
 * search runs. On such pages this script replaces `Worker` with a small
 * stand-in that runs the worker's script in a hidden same-origin iframe and
 * passes messages both ways, so search works with no server and no request
 * to any other host. Over http(s) it does nothing.
 */
(function () {
  "use strict";
  if (location.protocol !== "file:" || typeof window.Worker !== "function") {
    return;
  }

  function loadScript(doc, src) {
    return new Promise(function (resolve, reject) {
      var script = doc.createElement("script");
      script.src = src;
      script.onload = function () { resolve(); };
      script.onerror = function () { reject(new Error("cannot load " + src)); };
      doc.head.appendChild(script);
    });
  }

  function IframeWorker(url) {
    var target = document.createElement("div"); // event target for listeners on this worker
    var self = this;
    var ready = false;
    var queue = [];
    var frame = document.createElement("iframe");
    frame.hidden = true;
    frame.setAttribute("aria-hidden", "true");
    frame.tabIndex = -1;
    (document.body || document.documentElement).appendChild(frame);
    var scope = frame.contentWindow;
    var base = new URL(String(url), location.href);

    this.onmessage = null;
    this.onerror = null;
    this.addEventListener = target.addEventListener.bind(target);
    this.removeEventListener = target.removeEventListener.bind(target);
    this.dispatchEvent = target.dispatchEvent.bind(target);

    function toPage(data) {
      var event = new MessageEvent("message", { data: data });
      if (typeof self.onmessage === "function") self.onmessage(event);
      target.dispatchEvent(event);
    }

    function failed(error) {
      var event = new ErrorEvent("error", { message: String(error && error.message || error), error: error });
      if (typeof self.onerror === "function") self.onerror(event);
      target.dispatchEvent(event);
    }

    // What the worker's script sees as its global scope.
    scope.postMessage = function (data) {
      setTimeout(function () { toPage(data); }, 0);
    };
    scope.importScripts = function () {
      var urls = Array.prototype.slice.call(arguments);
      return urls.reduce(function (done, next) {
        return done.then(function () { return loadScript(scope.document, new URL(next, base).href); });
      }, Promise.resolve());
    };
    scope.close = function () { self.terminate(); };

    this.postMessage = function (data) {
      var copy = typeof structuredClone === "function" ? structuredClone(data) : data;
      if (!ready) {
        queue.push(copy);
        return;
      }
      setTimeout(function () {
        scope.dispatchEvent(new scope.MessageEvent("message", { data: copy }));
      }, 0);
    };

    this.terminate = function () {
      queue = [];
      if (frame.parentNode) frame.parentNode.removeChild(frame);
    };

    loadScript(scope.document, base.href).then(function () {
      ready = true;
      var waiting = queue;
      queue = [];
      waiting.forEach(function (data) { self.postMessage(data); });
    }, failed);
  }

  window.Worker = IframeWorker;
})();
