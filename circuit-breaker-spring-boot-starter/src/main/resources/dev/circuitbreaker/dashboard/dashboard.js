/*
 * Circuit breaker dashboard: the page itself. Wires the feed (stream or polling) to the list of cards, fetches a
 * card's details (config and call history) from the circuitbreakers endpoint while the card is open, drives the
 * write buttons (shown only after a harmless probe: an unknown action, which the endpoint answers 400 when writes
 * are allowed and 405 when they are not), and keeps the status line and the screen-reader announcements.
 */
(function (ns) {
  'use strict';

  function meta(name) {
    var el = document.querySelector('meta[name="' + name + '"]');
    return el ? el.getAttribute('content') : '';
  }

  var dashboardPath = meta('cb-dashboard-path');
  var refreshMs = Math.max(100, parseInt(meta('cb-refresh-ms'), 10) || 1000);
  var at = location.pathname.lastIndexOf(dashboardPath + '/');
  var prefix = at > 0 ? location.pathname.substring(0, at) : '';
  var endpoint = prefix + meta('cb-endpoint-path');
  var eventsEndpoint = prefix + meta('cb-events-endpoint-path');

  var eventsEndpointMissing = false;   // the circuitbreakerevents endpoint is optional: after a 404, stop asking
  var writable = null;           // null: not probed yet; then true or false
  var snapshotting = false;
  var dirty = {}, arrangeNeeded = false, renderTimer = null, lastAnnouncement = 0;
  var status = document.getElementById('status');

  var list = new ns.BreakerList(document.getElementById('breakers'), document.getElementById('summary'),
    document.getElementById('shown'), {
      toggled: function (card) {
        card.userToggled = true;
        card.setExpanded(!card.expanded);
        if (card.expanded) { fetchDetails(card, true); }
        markDirty(card);
      },
      action: runAction
    });

  function markDirty(card, arrange) {
    dirty[card.name] = card;
    arrangeNeeded = arrangeNeeded || !!arrange;
    if (!renderTimer) { renderTimer = setTimeout(render, 16); }
  }

  function render() {
    renderTimer = null;
    var cards = dirty;
    dirty = {};
    Object.keys(cards).forEach(function (n) { if (list.card(n) === cards[n]) { cards[n].render(); } });
    if (arrangeNeeded) {
      arrangeNeeded = false;
      list.arrange();
    } else {
      list.applyVisibility();
    }
  }

  function setStatus(text, error) {
    status.textContent = text;
    status.classList.toggle('error', !!error);
  }

  function announce(text) {
    var now = Date.now();
    if (now - lastAnnouncement < 1000) { return; }
    lastAnnouncement = now;
    document.getElementById('announcer').textContent = text;
  }

  /** Stats of one breaker, from the stream or a poll. */
  function stats(name, s, group, maxConcurrentCalls, sharedGroup) {
    var card = list.ensure(name), before = card.stats;
    card.fresh = true;
    if (group !== undefined) {
      card.group = group || null;
      card.sharedGroup = sharedGroup || null;
    }
    if (maxConcurrentCalls !== undefined) { card.maxConcurrentCalls = maxConcurrentCalls || 0; }
    card.setStats(s, Date.now());
    card.setWritable(writable);
    markDirty(card, !before || before.state !== s.state || card.root.parentNode === null);
    fetchDetails(card, false);
    if (writable === null) { probeWrites(name); }
    return card;
  }

  function message(msg) {
    var card = list.card(msg.name);
    switch (msg.type) {
      case 'STATS':
        stats(msg.name, msg, msg.group || null, msg.maxConcurrentCalls || 0, msg.sharedGroup || null);
        return;
      case 'REMOVED':
        list.remove(msg.name);
        arrangeNeeded = true;
        if (!renderTimer) { renderTimer = setTimeout(render, 16); }
        return;
      case 'STATE_TRANSITION':
        if (!card) { return; }
        card.addTransition(msg);
        if (!snapshotting) { announce(msg.name + ': ' + ns.stateLabel(msg.from) + ' to ' + ns.stateLabel(msg.to)); }
        markDirty(card);
        return;
      default:
        if (!card) { return; }
        card.addEvent(msg);
        markDirty(card);
    }
  }

  /** The card's config and history from the endpoint, at most once per refresh interval, only while it is open. */
  function fetchDetails(card, now) {
    if (!card.expanded) { return; }
    var wait = card.detailsAt ? card.detailsAt + refreshMs - Date.now() : 0;
    if (!now && wait > 0) {
      if (!card.detailsTimer) {
        card.detailsTimer = setTimeout(function () { card.detailsTimer = null; fetchDetails(card, true); }, wait);
      }
      return;
    }
    card.detailsAt = Date.now();
    var url = endpoint + '/' + encodeURIComponent(card.name);
    ns.getJson(url).then(function (details) {
      card.details = details;
      if (details.sharedGroup !== undefined) { card.sharedGroup = details.sharedGroup; }
      if (details.config) {
        card.group = details.config.group || null;
        card.maxConcurrentCalls = details.config.maxConcurrentCalls || 0;
      }
      markDirty(card, true);
    }, function () { /* removed meanwhile, or not reachable: the status line reports the feed's errors */ });
    if (!feed.isLive() || !card.eventsFetched) { fetchEvents(card); }
  }

  /**
   * The card's buffered events from the circuitbreakerevents endpoint, if it is exposed: once for an open card
   * (the stream then brings each new one), and on every refresh while polling.
   */
  function fetchEvents(card) {
    card.eventsFetched = true;
    if (eventsEndpointMissing) { return; }
    ns.getJson(eventsEndpoint + '/' + encodeURIComponent(card.name)).then(function (body) {
      var live = feed.isLive();
      if (!live) { card.transitions = []; }
      card.events = [];
      body.events.forEach(function (e) {
        if (e.type !== 'STATE_TRANSITION') { card.addEvent(e); } else if (!live) { card.addTransition(e); }
      });
      markDirty(card);
    }, function (e) {
      eventsEndpointMissing = e.status === 404;
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
    writable = 'probing';
    post(name, 'dashboard-probe-not-an-action').then(function (res) { return res.status === 400; },
      function () { return false; }).then(function (allowed) {
      writable = allowed;
      document.getElementById('writes').textContent = allowed
        ? 'Write access granted: the buttons change breaker state.'
        : 'Read-only: grant management.endpoint.circuitbreakers.access=unrestricted for the buttons.';
      list.names().forEach(function (n) { list.card(n).setWritable(allowed); });
    });
  }

  function runAction(card, action, button) {
    button.disabled = true;
    post(card.name, action).then(function (res) {
      if (!res.ok) { setStatus(action + ' on ' + card.name + ' answered ' + res.status, true); }
    }, function (e) {
      setStatus(action + ' on ' + card.name + ' failed: ' + e.message, true);
    }).then(function () {
      button.disabled = false;
      fetchDetails(card, true);
      if (!feed.isLive()) { feed.poll(); }
    });
  }

  var feed = new ns.Feed({ stream: 'events', endpoint: endpoint }, refreshMs, {
    snapshotStart: function () {
      snapshotting = true;
      list.names().forEach(function (n) {
        var card = list.card(n);
        card.fresh = false;
        card.transitions = [];
      });
    },
    message: message,
    snapshotEnd: function () {
      snapshotting = false;
      list.names().forEach(function (n) { if (!list.card(n).fresh) { list.remove(n); } });
      arrangeNeeded = true;
      render();
    },
    polled: function (all) {
      list.names().forEach(function (n) { if (!(n in all)) { list.remove(n); arrangeNeeded = true; } });
      Object.keys(all).forEach(function (n) { stats(n, all[n]); });
      if (!Object.keys(all).length) { arrangeNeeded = true; render(); }
      mode(feed.mode, feed.detail);
    },
    mode: mode
  });

  function mode(current, detail, error) {
    feed.detail = detail;
    var time = new Date().toLocaleTimeString();
    if (error) {
      setStatus(detail, true);
    } else if (current === 'stream') {
      setStatus('Live: server-sent events from ' + location.pathname + 'events (since ' + time + ')');
    } else if (current === 'connecting') {
      setStatus('Connecting…');
    } else {
      setStatus('Polling ' + endpoint + ' every ' + ns.formatDuration(refreshMs) + ' (' + detail + '), updated ' + time);
    }
  }

  document.getElementById('endpoint').textContent = endpoint;
  ['input', 'change', 'search'].forEach(function (type) {
    document.getElementById('filter').addEventListener(type, function (e) { list.setText(e.target.value); });
  });
  document.getElementById('sort').addEventListener('change', function (e) { list.setSort(e.target.value); });
  document.getElementById('expand-all').addEventListener('click', function () {
    list.expandAll(true);
    list.names().forEach(function (n) { fetchDetails(list.card(n), false); markDirty(list.card(n)); });
  });
  document.getElementById('collapse-all').addEventListener('click', function () { list.expandAll(false); });
  setInterval(function () {
    var now = Date.now();
    list.names().forEach(function (n) {
      var card = list.card(n);
      if (card.expanded && !card.root.hidden) { card.renderTimer(now); }
    });
  }, 500);
  list.arrange();
  feed.start();
})(window.CircuitBreakerDashboard = window.CircuitBreakerDashboard || {});
