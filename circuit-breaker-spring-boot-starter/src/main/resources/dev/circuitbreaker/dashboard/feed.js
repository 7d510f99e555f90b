/*
 * Circuit breaker dashboard: where the data comes from. The server-sent event stream ({dashboard path}/events) when
 * it works: a snapshot of every breaker's stats and buffered transitions, then each event and each change of stats
 * as it happens. While the stream is down (reconnecting) or missing, the page polls the circuitbreakers endpoint
 * every refresh interval instead, and goes back to the stream as soon as it is up again.
 */
(function (ns) {
  'use strict';

  var STREAM_RETRY_MS = 15000;

  /**
   * @param urls {stream, endpoint}
   * @param handlers {snapshotStart(), message(msg), snapshotEnd(), polled(statsByName), mode(mode, detail)}
   */
  function Feed(urls, refreshMs, handlers) {
    this.urls = urls;
    this.refreshMs = refreshMs;
    this.handlers = handlers;
    this.mode = 'connecting';
    this.source = null;
    this.polling = false;
  }

  Feed.prototype.start = function () {
    if (window.EventSource) { this.connect(); } else { this.setMode('polling', 'this browser has no EventSource'); }
    var self = this;
    (function loop() {
      var wait = self.mode === 'stream' ? Promise.resolve() : self.poll();
      wait.then(function () { setTimeout(loop, self.refreshMs); });
    })();
  };

  Feed.prototype.isLive = function () {
    return this.mode === 'stream';
  };

  Feed.prototype.setMode = function (mode, detail) {
    this.mode = mode;
    this.handlers.mode(mode, detail);
  };

  Feed.prototype.connect = function () {
    var self = this, source = this.source = new EventSource(this.urls.stream);
    source.onopen = function () {
      self.setMode('stream');
      self.handlers.snapshotStart();
    };
    source.onmessage = function (e) {
      var msg;
      try { msg = JSON.parse(e.data); } catch (ignored) { return; }
      if (msg.type === 'SNAPSHOT_END') { self.handlers.snapshotEnd(); } else { self.handlers.message(msg); }
    };
    source.onerror = function () {
      if (source.readyState === EventSource.CLOSED) {
        self.setMode('polling', 'the event stream is unavailable');
        setTimeout(function () { if (self.source === source) { self.connect(); } }, STREAM_RETRY_MS);
      } else {
        self.setMode('reconnecting', 'the event stream was interrupted; reconnecting');
      }
    };
  };

  /** One poll of the endpoint: every breaker's stats. */
  Feed.prototype.poll = function () {
    var self = this;
    return ns.getJson(this.urls.endpoint).then(function (body) {
      if (self.mode !== 'stream') { self.handlers.polled(body.circuitBreakers || {}); }
    }, function (e) {
      self.handlers.mode(self.mode, e.message, true);
    });
  };

  ns.getJson = function (url) {
    return fetch(url, { headers: { Accept: 'application/json' }, cache: 'no-store' }).then(function (res) {
      if (!res.ok) {
        var hint = res.status === 404 ? ' (is the endpoint exposed? management.endpoints.web.exposure.include)' : '';
        var error = new Error('GET ' + url + ' answered ' + res.status + hint);
        error.status = res.status;
        throw error;
      }
      return res.json();
    });
  };

  ns.Feed = Feed;
})(window.CircuitBreakerDashboard = window.CircuitBreakerDashboard || {});
