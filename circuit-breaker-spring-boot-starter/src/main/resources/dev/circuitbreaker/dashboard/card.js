/*
 * Circuit breaker dashboard: one breaker's card. It keeps what the page knows of the breaker (stats, details from
 * the endpoint, transitions, recent events) and draws it; the list decides where the card goes and whether it shows.
 */
(function (ns) {
  'use strict';

  var ACTIONS = ['force-open', 'open', 'half-open', 'close', 'disable', 'reset'];
  var MAX_TRANSITIONS = 50, SHOWN_TRANSITIONS = 12, MAX_EVENTS = 8;
  var nextId = 0;

  function metric(grid, key, label) {
    var box = ns.el('div', 'metric');
    box.appendChild(ns.el('span', 'label', label));
    var value = ns.el('span', 'value', '0');
    value.setAttribute('data-metric', key);
    box.appendChild(value);
    grid.appendChild(box);
    return value;
  }

  /**
   * @param name the breaker's name
   * @param handlers {toggled(card), action(card, action, button)}
   */
  function Card(name, handlers) {
    var id = 'cb-' + (++nextId);
    this.name = name;
    this.group = null;
    this.maxConcurrentCalls = 0;
    this.stats = null;
    this.statsAt = 0;
    this.details = null;
    this.transitions = [];
    this.events = [];
    this.expanded = true;

    var root = this.root = ns.el('section', 'card');
    root.setAttribute('data-name', name);
    root.setAttribute('aria-labelledby', id + '-title');
    var head = ns.el('div', 'card-head');
    var title = this.title = ns.el('h2', 'card-title');
    title.id = id + '-title';
    var toggle = this.toggle = ns.el('button', 'toggle', name);
    toggle.type = 'button';
    toggle.setAttribute('aria-controls', id + '-body');
    toggle.setAttribute('aria-expanded', 'true');
    toggle.addEventListener('click', function () { handlers.toggled(this); }.bind(this));
    title.appendChild(toggle);
    head.appendChild(title);
    this.stateBadge = ns.el('span', 'cb-state', '…');
    head.appendChild(this.stateBadge);
    root.appendChild(head);
    this.summary = root.appendChild(ns.el('p', 'summary-line'));

    var body = this.body = ns.el('div', 'card-body');
    body.id = id + '-body';
    this.timer = body.appendChild(ns.el('p', 'timer'));
    this.rules = body.appendChild(ns.el('p', 'rules'));
    var grid = ns.el('div', 'grid');
    this.values = {
      totalCalls: metric(grid, 'totalCalls', 'calls'),
      successfulCalls: metric(grid, 'successfulCalls', 'successful'),
      failedCalls: metric(grid, 'failedCalls', 'failed'),
      notPermittedCalls: metric(grid, 'notPermittedCalls', 'not permitted'),
      ignoredCalls: metric(grid, 'ignoredCalls', 'ignored'),
      slowCalls: metric(grid, 'slowCalls', 'slow'),
      failureRate: metric(grid, 'failureRate', 'failure rate'),
      slowCallRate: metric(grid, 'slowCallRate', 'slow-call rate')
    };
    this.bulkheadFull = metric(grid, 'bulkheadFullCalls', 'bulkhead full');
    this.bulkheadFull.parentNode.hidden = true;
    var concurrency = this.concurrency = ns.el('div', 'metric concurrency');
    concurrency.hidden = true;
    concurrency.appendChild(ns.el('span', 'label', 'running / limit'));
    this.concurrencyValue = concurrency.appendChild(ns.el('span', 'value'));
    this.concurrencyValue.setAttribute('data-metric', 'concurrentCalls');
    this.concurrencyMeter = concurrency.appendChild(ns.el('meter'));
    this.concurrencyMeter.setAttribute('aria-label', 'calls running of the limit, ' + name);
    grid.appendChild(concurrency);
    body.appendChild(grid);

    this.chart = ns.svg('svg', { 'class': 'chart', viewBox: '0 0 400 90', preserveAspectRatio: 'none', role: 'img',
      'aria-label': 'recent calls of ' + name });
    body.appendChild(this.chart);
    this.caption = body.appendChild(ns.el('p', 'chart-caption'));
    this.lastError = body.appendChild(ns.el('p', 'last-error'));

    var timeline = ns.el('div', 'timeline-block');
    timeline.appendChild(ns.el('h3', 'block-title', 'State transitions'));
    this.strip = timeline.appendChild(ns.el('div', 'strip'));
    this.strip.setAttribute('aria-hidden', 'true');
    this.timeline = timeline.appendChild(ns.el('ol', 'timeline'));
    this.timeline.setAttribute('aria-label', 'state transitions of ' + name + ', oldest first');
    this.noTransitions = timeline.appendChild(ns.el('p', 'empty', 'No transitions yet.'));
    body.appendChild(timeline);

    var events = ns.el('div', 'events-block');
    events.appendChild(ns.el('h3', 'block-title', 'Recent events'));
    this.eventList = events.appendChild(ns.el('ol', 'events'));
    this.eventList.setAttribute('aria-label', 'recent events of ' + name + ', newest first');
    this.noEvents = events.appendChild(ns.el('p', 'empty', 'No errors, slow calls or rejections seen yet.'));
    body.appendChild(events);

    var actions = this.actions = ns.el('div', 'actions');
    actions.hidden = true;
    ACTIONS.forEach(function (action) {
      var button = ns.el('button', null, action);
      button.type = 'button';
      button.setAttribute('data-action', action);
      button.setAttribute('aria-label', action + ' ' + name);
      button.addEventListener('click', function () { handlers.action(this, action, button); }.bind(this));
      actions.appendChild(button);
    }, this);
    body.appendChild(actions);
    root.appendChild(body);
  }

  Card.prototype.state = function () {
    return this.stats ? this.stats.state : 'CLOSED';
  };

  Card.prototype.setStats = function (stats, receivedAt) {
    this.stats = stats;
    this.statsAt = receivedAt;
  };

  Card.prototype.setExpanded = function (expanded) {
    this.expanded = expanded;
    this.toggle.setAttribute('aria-expanded', String(expanded));
    this.body.hidden = !expanded;
  };

  Card.prototype.setWritable = function (writable) {
    this.actions.hidden = writable !== true;
  };

  /** A transition (live, replayed or from the events endpoint); one already known is ignored. */
  Card.prototype.addTransition = function (e) {
    var last = this.transitions[this.transitions.length - 1];
    if (last && last.timestamp === e.timestamp && last.from === e.from && last.to === e.to) { return; }
    this.transitions.push({ from: e.from, to: e.to, timestamp: e.timestamp });
    if (this.transitions.length > MAX_TRANSITIONS) { this.transitions.shift(); }
  };

  /** Adds an event; one already shown (same type, time and message) only takes a larger count: a run that grew. */
  Card.prototype.addEvent = function (e) {
    var same = this.events.filter(function (known) {
      return known.type === e.type && known.timestamp === e.timestamp && known.errorMessage === e.errorMessage;
    })[0];
    if (same) {
      if ((e.count || 1) > (same.count || 1)) { same.count = e.count; }
      return;
    }
    this.events.unshift(e);
    if (this.events.length > MAX_EVENTS) { this.events.pop(); }
  };

  Card.prototype.clearEvents = function () {
    this.transitions = [];
    this.events = [];
  };

  Card.prototype.matches = function (text, states) {
    var matchesText = !text || this.name.toLowerCase().indexOf(text) >= 0
      || (this.group && this.group.toLowerCase().indexOf(text) >= 0);
    return matchesText && (!states || states[this.state()]);
  };

  /** Redraws the card from what it knows. */
  Card.prototype.render = function () {
    var s = this.stats;
    if (!s) { return; }
    this.root.setAttribute('data-state', s.state);
    if (this.group) { this.root.setAttribute('data-group', this.group); }
    this.stateBadge.setAttribute('data-state', s.state);
    this.stateBadge.textContent = s.state;
    this.summary.textContent = s.totalCalls + ' calls · ' + s.failedCalls + ' failed · ' + s.notPermittedCalls
      + ' not permitted · failure rate ' + ns.formatRate(s.failureRate)
      + (s.concurrentCalls !== undefined && this.limit() > 0 ? ' · ' + s.concurrentCalls + ' of ' + this.limit() + ' running' : '');
    Object.keys(this.values).forEach(function (key) {
      var v = s[key], node = this.values[key];
      var isRate = key.indexOf('Rate') > 0;
      node.textContent = isRate ? ns.formatRate(v) : String(v);
      if (isRate) {
        node.title = v < 0 ? 'below the minimum number of calls' : 'of ' + s.bufferedCalls + ' calls in the window';
      }
    }, this);
    this.bulkheadFull.parentNode.hidden = s.bulkheadFullCalls === undefined || !(this.limit() > 0);
    this.bulkheadFull.textContent = String(s.bulkheadFullCalls);
    this.renderConcurrency();
    this.renderTimer(Date.now());
    if (!this.expanded) { return; }
    var details = this.details;
    this.rules.textContent = ns.rulesText(details && details.config);
    this.renderHistory((details && details.history) || []);
    this.renderTransitions();
    this.renderEvents();
  };

  Card.prototype.limit = function () {
    var config = this.details && this.details.config;
    return this.maxConcurrentCalls || (config && config.maxConcurrentCalls) || 0;
  };

  Card.prototype.renderConcurrency = function () {
    var s = this.stats, limit = this.limit();
    var shown = s.concurrentCalls !== undefined && limit > 0;
    this.concurrency.hidden = !shown;
    if (shown) {
      this.concurrencyValue.textContent = s.concurrentCalls + ' / ' + limit;
      this.concurrencyMeter.max = limit;
      this.concurrencyMeter.high = limit * 0.8;
      this.concurrencyMeter.value = s.concurrentCalls;
    }
  };

  Card.prototype.renderTimer = function (now) {
    if (this.stats) { this.timer.textContent = ns.timerText(this.stats, Math.max(0, now - this.statsAt)); }
  };

  Card.prototype.renderHistory = function (history) {
    var svg = this.chart;
    while (svg.firstChild) { svg.removeChild(svg.firstChild); }
    var width = 400, height = 90, slots = Math.max(history.length, 20), barWidth = width / slots;
    var scale = Math.log(1 + history.reduce(function (m, h) { return Math.max(m, h.responseTimeMs); }, 1));
    history.forEach(function (h, i) {
      var barHeight = Math.max(3, (Math.log(1 + h.responseTimeMs) / scale) * (height - 6));
      var rect = ns.svg('rect', { x: (i * barWidth + 0.5).toFixed(2), y: (height - barHeight).toFixed(2),
        width: Math.max(1, barWidth - 1).toFixed(2), height: barHeight.toFixed(2), 'data-outcome': h.outcome,
        fill: h.outcome === 'FAILURE' ? '#d64545' : h.outcome === 'IGNORED' ? '#7b8794' : '#1f9d55' });
      if (h.slow) { rect.setAttribute('stroke', '#e0a100'); rect.setAttribute('stroke-width', '2'); }
      var title = ns.svg('title');
      title.textContent = h.timestamp + ' ' + h.outcome + ' ' + h.responseTimeMs.toFixed(1) + ' ms'
        + (h.slow ? ' (slow)' : '') + (h.errorMessage ? ' — ' + h.errorMessage : '');
      rect.appendChild(title);
      svg.appendChild(rect);
    });
    var failures = history.filter(function (h) { return h.outcome === 'FAILURE'; }).length;
    var mean = history.length ? history.reduce(function (t, h) { return t + h.responseTimeMs; }, 0) / history.length : 0;
    this.caption.textContent = history.length
      ? 'Last ' + history.length + ' calls: ' + failures + ' failed, mean ' + ns.formatDuration(mean)
        + '; window holds ' + this.stats.bufferedCalls + ' calls'
      : 'No calls recorded yet';
    var lastError = history.slice().reverse().find(function (h) { return h.errorMessage; });
    this.lastError.textContent = lastError ? 'Last error: ' + lastError.errorMessage : '';
  };

  /** The transitions as a list (the accessible record) and as a strip of state periods, widths by duration. */
  Card.prototype.renderTransitions = function () {
    var shown = this.transitions.slice(-SHOWN_TRANSITIONS);
    this.noTransitions.hidden = shown.length > 0;
    this.timeline.textContent = '';
    this.strip.textContent = '';
    shown.forEach(function (t, i) {
      var item = ns.el('li');
      item.setAttribute('data-from', t.from);
      item.setAttribute('data-to', t.to);
      var time = item.appendChild(ns.el('time', null, ns.formatTime(t.timestamp)));
      time.setAttribute('datetime', t.timestamp);
      item.appendChild(document.createTextNode(' ' + ns.stateLabel(t.from) + ' → '));
      item.appendChild(ns.el('span', 'to', ns.stateLabel(t.to))).setAttribute('data-state', t.to);
      this.timeline.appendChild(item);
      var next = shown[i + 1];
      var ms = next ? Date.parse(next.timestamp) - Date.parse(t.timestamp)
        : (this.stats && this.stats.state === t.to ? this.stats.timeInStateMs + (Date.now() - this.statsAt) : 0);
      var period = ns.el('span', 'period');
      period.setAttribute('data-state', t.to);
      period.style.flexGrow = String(Math.max(ms, 1));
      period.title = ns.stateLabel(t.to) + ' from ' + ns.formatTime(t.timestamp) + ' for ' + ns.formatDuration(ms);
      this.strip.appendChild(period);
    }, this);
    this.timeline.scrollTop = this.timeline.scrollHeight;   // the newest transition in view
  };

  Card.prototype.renderEvents = function () {
    this.eventList.textContent = '';
    this.noEvents.hidden = this.events.length > 0;
    this.events.forEach(function (e) {
      var item = ns.el('li');
      item.setAttribute('data-type', e.type);
      if (e.timestamp) {
        item.appendChild(ns.el('time', null, ns.formatTime(e.timestamp))).setAttribute('datetime', e.timestamp);
        item.appendChild(document.createTextNode(' '));
      }
      var text = e.type === 'EVENTS_SKIPPED' ? e.count + ' events not shown (the stream fell behind)'
        : e.type + (e.count > 1 ? ' ×' + e.count : '') + (e.durationMs !== undefined ? ' ' + ns.formatDuration(e.durationMs) : '')
          + (e.errorMessage ? ' — ' + e.errorMessage : '');
      item.appendChild(ns.el('span', 'event-text', text));
      this.eventList.appendChild(item);
    }, this);
  };

  ns.Card = Card;
})(window.CircuitBreakerDashboard = window.CircuitBreakerDashboard || {});
