/*
 * Circuit breaker dashboard: polls the circuitbreakers Actuator endpoint and draws one card per breaker.
 * Plain browser JavaScript, no dependencies, no build step. Write buttons appear only after a harmless probe
 * (an unknown action, which the endpoint answers 400 when writes are allowed and 405 when they are not).
 */
(function () {
  'use strict';

  var ACTIONS = ['force-open', 'open', 'half-open', 'close', 'disable', 'reset'];
  var SVG = 'http://www.w3.org/2000/svg';

  function meta(name) {
    var el = document.querySelector('meta[name="' + name + '"]');
    return el ? el.getAttribute('content') : '';
  }

  var dashboardPath = meta('cb-dashboard-path');
  var refreshMs = Math.max(100, parseInt(meta('cb-refresh-ms'), 10) || 1000);
  var at = location.pathname.lastIndexOf(dashboardPath + '/');
  var endpoint = (at > 0 ? location.pathname.substring(0, at) : '') + meta('cb-endpoint-path');

  var writable = null;           // null: not probed yet; then true or false
  var seen = {};                 // name -> { state, since (ms), sawChange }
  var cards = {};                // name -> card elements
  var container = document.getElementById('breakers');

  document.getElementById('endpoint').textContent = endpoint;

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) { e.className = className; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  function setStatus(text, error) {
    var s = document.getElementById('status');
    s.textContent = text;
    s.classList.toggle('error', !!error);
  }

  function getJson(url) {
    return fetch(url, { headers: { Accept: 'application/json' }, cache: 'no-store' }).then(function (res) {
      if (!res.ok) {
        var hint = res.status === 404 ? ' (is the circuitbreakers endpoint exposed? management.endpoints.web.exposure.include)' : '';
        throw new Error('GET ' + url + ' answered ' + res.status + hint);
      }
      return res.json();
    });
  }

  function post(name, action) {
    return fetch(endpoint + '/' + encodeURIComponent(name), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ action: action })
    });
  }

  function probeWrites(name) {
    return post(name, 'dashboard-probe-not-an-action').then(function (res) {
      return res.status === 400;
    }, function () { return false; });
  }

  function formatDuration(ms) {
    if (ms < 1000) { return Math.round(ms) + ' ms'; }
    var s = ms / 1000;
    if (s < 60) { return (s % 1 === 0 ? s : s.toFixed(1)) + ' s'; }
    var m = Math.floor(s / 60);
    return m + ' min ' + Math.round(s - m * 60) + ' s';
  }

  function formatRate(rate) {
    return rate < 0 ? '—' : (Math.round(rate * 10) / 10) + ' %';
  }

  function rulesText(c) {
    if (!c) { return ''; }
    var rules = [];
    if (c.failureThreshold > 0) { rules.push(c.failureThreshold + ' failures'); }
    if (c.failureRateThreshold > 0) { rules.push(c.failureRateThreshold + ' % failures'); }
    if (c.slowCallDurationThresholdMs != null) {
      rules.push(c.slowCallRateThreshold + ' % slower than ' + formatDuration(c.slowCallDurationThresholdMs));
    }
    var window = c.slidingWindowType === 'TIME_BASED'
      ? 'the last ' + c.slidingWindowSize + ' s' : 'the last ' + c.slidingWindowSize + ' calls';
    var rates = c.failureRateThreshold > 0 || c.slowCallDurationThresholdMs != null
      ? ' (rates once ' + c.minimumNumberOfCalls + ' calls)' : '';
    var backoff = c.backoffMultiplier > 1
      ? ', ×' + c.backoffMultiplier + ' after each failed recovery up to ' + formatDuration(c.maxWaitDurationInOpenStateMs) : '';
    return 'Opens at ' + rules.join(' or ') + ' in ' + window + rates + '; waits '
      + formatDuration(c.waitDurationInOpenStateMs) + backoff + '; ' + c.successThreshold
      + ' trial successes close it.' + (c.group ? ' Group: ' + c.group + '.' : '');
  }

  function metric(grid, key, label) {
    var box = el('div', 'metric');
    box.appendChild(el('span', 'label', label));
    var value = el('span', 'value', '0');
    value.setAttribute('data-metric', key);
    box.appendChild(value);
    grid.appendChild(box);
    return value;
  }

  function createCard(name) {
    var card = el('section', 'card');
    card.setAttribute('data-name', name);
    var head = el('div', 'card-head');
    head.appendChild(el('h2', null, name));
    var state = el('span', 'cb-state', '…');
    head.appendChild(state);
    card.appendChild(head);
    var timer = el('p', 'timer');
    card.appendChild(timer);
    var rules = el('p', 'rules');
    card.appendChild(rules);
    var grid = el('div', 'grid');
    var values = {
      totalCalls: metric(grid, 'totalCalls', 'calls'),
      successfulCalls: metric(grid, 'successfulCalls', 'successful'),
      failedCalls: metric(grid, 'failedCalls', 'failed'),
      notPermittedCalls: metric(grid, 'notPermittedCalls', 'not permitted'),
      ignoredCalls: metric(grid, 'ignoredCalls', 'ignored'),
      slowCalls: metric(grid, 'slowCalls', 'slow'),
      failureRate: metric(grid, 'failureRate', 'failure rate'),
      slowCallRate: metric(grid, 'slowCallRate', 'slow-call rate')
    };
    card.appendChild(grid);
    var chart = document.createElementNS(SVG, 'svg');
    chart.setAttribute('class', 'chart');
    chart.setAttribute('viewBox', '0 0 400 90');
    chart.setAttribute('preserveAspectRatio', 'none');
    chart.setAttribute('role', 'img');
    card.appendChild(chart);
    var caption = el('p', 'chart-caption');
    card.appendChild(caption);
    var lastError = el('p', 'last-error');
    card.appendChild(lastError);
    var actions = el('div', 'actions');
    actions.hidden = true;
    ACTIONS.forEach(function (action) {
      var button = el('button', null, action);
      button.type = 'button';
      button.setAttribute('data-action', action);
      button.addEventListener('click', function () {
        button.disabled = true;
        post(name, action).then(function (res) {
          if (!res.ok) { setStatus(action + ' on ' + name + ' answered ' + res.status, true); }
        }, function (e) {
          setStatus(action + ' on ' + name + ' failed: ' + e.message, true);
        }).then(function () {
          button.disabled = false;
          return refresh();
        });
      });
      actions.appendChild(button);
    });
    card.appendChild(actions);
    container.appendChild(card);
    return { card: card, state: state, timer: timer, rules: rules, values: values, chart: chart, caption: caption,
      lastError: lastError, actions: actions };
  }

  function timerText(name, stats, now) {
    var s = seen[name];
    if (!s || s.state !== stats.state) {
      seen[name] = s = { state: stats.state, since: now, sawChange: !!s };
    }
    var inState = (s.sawChange ? 'for ' : 'for at least ') + formatDuration(now - s.since);
    if (stats.state === 'OPEN') {
      return stats.remainingWaitMs > 0
        ? 'Next trial call in ' + formatDuration(stats.remainingWaitMs) + ' (open ' + inState + ')'
        : 'Wait over: the next call is a trial (open ' + inState + ')';
    }
    return 'In ' + stats.state.replace('_', ' ') + ' ' + inState;
  }

  function drawChart(svg, history) {
    while (svg.firstChild) { svg.removeChild(svg.firstChild); }
    var width = 400, height = 90, slots = Math.max(history.length, 20);
    var barWidth = width / slots;
    var maxMs = history.reduce(function (m, h) { return Math.max(m, h.responseTimeMs); }, 1);
    var scale = Math.log(1 + maxMs);
    history.forEach(function (h, i) {
      var barHeight = Math.max(3, (Math.log(1 + h.responseTimeMs) / scale) * (height - 6));
      var rect = document.createElementNS(SVG, 'rect');
      rect.setAttribute('x', (i * barWidth + 0.5).toFixed(2));
      rect.setAttribute('y', (height - barHeight).toFixed(2));
      rect.setAttribute('width', Math.max(1, barWidth - 1).toFixed(2));
      rect.setAttribute('height', barHeight.toFixed(2));
      var colour = h.outcome === 'FAILURE' ? '#d64545' : h.outcome === 'IGNORED' ? '#7b8794' : '#1f9d55';
      rect.setAttribute('fill', colour);
      rect.setAttribute('data-outcome', h.outcome);
      if (h.slow) {
        rect.setAttribute('stroke', '#e0a100');
        rect.setAttribute('stroke-width', '2');
      }
      var title = document.createElementNS(SVG, 'title');
      title.textContent = h.timestamp + ' ' + h.outcome + ' ' + h.responseTimeMs.toFixed(1) + ' ms'
        + (h.slow ? ' (slow)' : '') + (h.errorMessage ? ' — ' + h.errorMessage : '');
      rect.appendChild(title);
      svg.appendChild(rect);
    });
  }

  function update(name, stats, details, now) {
    var c = cards[name] || (cards[name] = createCard(name));
    c.card.setAttribute('data-state', stats.state);
    c.state.setAttribute('data-state', stats.state);
    c.state.textContent = stats.state;
    c.timer.textContent = timerText(name, stats, now);
    Object.keys(c.values).forEach(function (key) {
      var v = stats[key];
      c.values[key].textContent = key.indexOf('Rate') > 0 ? formatRate(v) : String(v);
      if (key.indexOf('Rate') > 0) {
        c.values[key].title = v < 0 ? 'below the minimum number of calls' : 'of ' + stats.bufferedCalls + ' calls in the window';
      }
    });
    c.rules.textContent = rulesText(details && details.config);
    var history = (details && details.history) || [];
    drawChart(c.chart, history);
    var failures = history.filter(function (h) { return h.outcome === 'FAILURE'; }).length;
    var avg = history.length ? history.reduce(function (s, h) { return s + h.responseTimeMs; }, 0) / history.length : 0;
    c.caption.textContent = history.length
      ? 'Last ' + history.length + ' calls: ' + failures + ' failed, mean ' + formatDuration(avg)
        + '; window holds ' + stats.bufferedCalls + ' calls'
      : 'No calls recorded yet';
    var lastError = history.slice().reverse().find(function (h) { return h.errorMessage; });
    c.lastError.textContent = lastError ? 'Last error: ' + lastError.errorMessage : '';
    c.actions.hidden = writable !== true;
  }

  function refresh() {
    return getJson(endpoint).then(function (body) {
      var all = body.circuitBreakers || {};
      var names = Object.keys(all).sort();
      var details = Promise.all(names.map(function (n) {
        return getJson(endpoint + '/' + encodeURIComponent(n)).catch(function () { return null; });
      }));
      var probe = writable === null && names.length ? probeWrites(names[0]) : Promise.resolve(writable);
      return Promise.all([details, probe]).then(function (results) {
        writable = results[1];
        var now = Date.now();
        names.forEach(function (n, i) { update(n, all[n], results[0][i], now); });
        Object.keys(cards).forEach(function (n) {
          if (!(n in all)) { container.removeChild(cards[n].card); delete cards[n]; delete seen[n]; }
        });
        if (!names.length && !container.querySelector('.empty')) {
          container.appendChild(el('p', 'empty', 'No circuit breakers yet: they appear when configured or first used.'));
        } else if (names.length) {
          var empty = container.querySelector('.empty');
          if (empty) { container.removeChild(empty); }
        }
        document.getElementById('writes').textContent = writable === true
          ? 'Write access granted: the buttons change breaker state.'
          : writable === false
            ? 'Read-only: grant management.endpoint.circuitbreakers.access=unrestricted for the buttons.'
            : '';
        setStatus(names.length + ' breaker' + (names.length === 1 ? '' : 's') + ', updated '
          + new Date(now).toLocaleTimeString());
      });
    }).catch(function (e) {
      setStatus(e.message, true);
    });
  }

  (function loop() {
    refresh().then(function () { setTimeout(loop, refreshMs); });
  })();
})();
