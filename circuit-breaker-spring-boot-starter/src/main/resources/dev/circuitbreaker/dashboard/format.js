/*
 * Circuit breaker dashboard: shared helpers (DOM building, formatting, state order). Plain browser JavaScript,
 * no dependencies, no build step; every file adds to the one namespace CircuitBreakerDashboard.
 */
(function (ns) {
  'use strict';

  /** Sort rank of each state: the ones that reject calls first. */
  ns.STATE_RANK = { OPEN: 0, FORCED_OPEN: 1, HALF_OPEN: 2, DISABLED: 3, CLOSED: 4 };
  ns.STATES = ['OPEN', 'FORCED_OPEN', 'HALF_OPEN', 'DISABLED', 'CLOSED'];
  ns.SVG = 'http://www.w3.org/2000/svg';

  ns.rank = function (state) {
    return state in ns.STATE_RANK ? ns.STATE_RANK[state] : 5;
  };

  ns.el = function (tag, className, text) {
    var e = document.createElement(tag);
    if (className) { e.className = className; }
    if (text !== undefined && text !== null) { e.textContent = text; }
    return e;
  };

  ns.svg = function (tag, attributes) {
    var e = document.createElementNS(ns.SVG, tag);
    Object.keys(attributes || {}).forEach(function (k) { e.setAttribute(k, attributes[k]); });
    return e;
  };

  ns.stateLabel = function (state) {
    return String(state).replace(/_/g, ' ');
  };

  ns.formatDuration = function (ms) {
    if (ms < 1000) { return Math.max(0, Math.round(ms)) + ' ms'; }
    var s = ms / 1000;
    if (s < 60) { return (s % 1 === 0 ? s : s.toFixed(1)) + ' s'; }
    var m = Math.floor(s / 60);
    if (m < 60) { return m + ' min ' + Math.round(s - m * 60) + ' s'; }
    var h = Math.floor(m / 60);
    return h + ' h ' + (m - h * 60) + ' min';
  };

  ns.formatRate = function (rate) {
    return rate < 0 ? '—' : (Math.round(rate * 10) / 10) + ' %';
  };

  /** Local wall-clock time of an ISO-8601 instant, to the millisecond. */
  ns.formatTime = function (iso) {
    var d = new Date(iso);
    if (isNaN(d.getTime())) { return String(iso); }
    function pad(n, w) { return String(n).padStart(w || 2, '0'); }
    return pad(d.getHours()) + ':' + pad(d.getMinutes()) + ':' + pad(d.getSeconds()) + '.' + pad(d.getMilliseconds(), 3);
  };

  /** The effective config in one sentence: what opens the breaker, how long it waits, what closes it. */
  ns.rulesText = function (c) {
    if (!c) { return ''; }
    var rules = [];
    if (c.failureThreshold > 0) { rules.push(c.failureThreshold + ' failures'); }
    if (c.failureRateThreshold > 0) { rules.push(c.failureRateThreshold + ' % failures'); }
    if (c.slowCallDurationThresholdMs != null) {
      rules.push(c.slowCallRateThreshold + ' % slower than ' + ns.formatDuration(c.slowCallDurationThresholdMs));
    }
    var window = c.slidingWindowType === 'TIME_BASED'
      ? 'the last ' + c.slidingWindowSize + ' s' : 'the last ' + c.slidingWindowSize + ' calls';
    var rates = c.failureRateThreshold > 0 || c.slowCallDurationThresholdMs != null
      ? ' (rates once ' + c.minimumNumberOfCalls + ' calls)' : '';
    var backoff = c.backoffMultiplier > 1
      ? ', ×' + c.backoffMultiplier + ' after each failed recovery up to ' + ns.formatDuration(c.maxWaitDurationInOpenStateMs) : '';
    var bulkhead = c.maxConcurrentCalls > 0 ? ' At most ' + c.maxConcurrentCalls + ' calls at once.' : '';
    return 'Opens at ' + rules.join(' or ') + ' in ' + window + rates + '; waits '
      + ns.formatDuration(c.waitDurationInOpenStateMs) + backoff + '; ' + c.successThreshold
      + ' trial successes close it.' + bulkhead + (c.group ? ' Group: ' + c.group + '.' : '');
  };

  /** What the card's timer line says, from stats and how long ago they were read. */
  ns.timerText = function (stats, elapsedMs) {
    var inState = 'for ' + ns.formatDuration(stats.timeInStateMs + elapsedMs);
    if (stats.state === 'OPEN') {
      var remaining = stats.remainingWaitMs - elapsedMs;
      return remaining > 0
        ? 'Next trial call in ' + ns.formatDuration(remaining) + ' (open ' + inState + ')'
        : 'Wait over: the next call is a trial (open ' + inState + ')';
    }
    return 'In ' + ns.stateLabel(stats.state) + ' ' + inState;
  };
})(window.CircuitBreakerDashboard = window.CircuitBreakerDashboard || {});
