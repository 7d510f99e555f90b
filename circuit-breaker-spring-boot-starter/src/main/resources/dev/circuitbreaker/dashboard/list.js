/*
 * Circuit breaker dashboard: the list of cards. It places them (members of a shared group together, in a group
 * block), orders them (by state with OPEN first, by name, or by failure rate), filters them (text, states) and
 * keeps the per-state summary. With many breakers the cards start folded. It never moves a card while keyboard
 * focus is inside the list, so a user tabbing through cards does not lose their place.
 */
(function (ns) {
  'use strict';

  var FOLD_ABOVE = 12;

  function BreakerList(container, summary, shownCount, handlers) {
    this.container = container;
    this.summary = summary;
    this.shownCount = shownCount;
    this.handlers = handlers;
    this.cards = {};
    this.groups = {};
    this.text = '';
    this.states = null;
    this.sort = 'state';
    this.deferred = false;
    this.empty = ns.el('p', 'empty', 'No circuit breakers yet: they appear when configured or first used.');
    this.summaryButtons = {};
    ns.STATES.forEach(function (state) {
      var button = ns.el('button', 'state-filter');
      button.type = 'button';
      button.setAttribute('data-state', state);
      button.setAttribute('aria-pressed', 'false');
      button.addEventListener('click', function () { this.toggleState(state); }.bind(this));
      summary.appendChild(button);
      this.summaryButtons[state] = button;
    }, this);
    container.addEventListener('focusout', function () {
      setTimeout(function () { if (this.deferred) { this.arrange(); } }.bind(this), 0);
    }.bind(this));
  }

  BreakerList.prototype.card = function (name) {
    return this.cards[name] || null;
  };

  BreakerList.prototype.ensure = function (name) {
    var card = this.cards[name];
    if (!card) {
      card = this.cards[name] = new ns.Card(name, this.handlers);
      card.setExpanded(this.size() <= FOLD_ABOVE);
    }
    return card;
  };

  BreakerList.prototype.remove = function (name) {
    var card = this.cards[name];
    if (card) {
      if (card.root.parentNode) { card.root.parentNode.removeChild(card.root); }
      delete this.cards[name];
    }
  };

  BreakerList.prototype.names = function () {
    return Object.keys(this.cards);
  };

  BreakerList.prototype.size = function () {
    return Object.keys(this.cards).length;
  };

  BreakerList.prototype.setText = function (text) {
    this.text = text.trim().toLowerCase();
    this.arrange();
  };

  BreakerList.prototype.setSort = function (sort) {
    this.sort = sort;
    this.arrange();
  };

  BreakerList.prototype.toggleState = function (state) {
    var states = this.states || {};
    if (states[state]) { delete states[state]; } else { states[state] = true; }
    this.states = Object.keys(states).length ? states : null;
    this.arrange();
  };

  /** Folds or unfolds every card (or, with a predicate, the cards it accepts). */
  BreakerList.prototype.expandAll = function (expanded) {
    this.names().forEach(function (n) {
      this.cards[n].userToggled = true;
      this.cards[n].setExpanded(expanded);
    }, this);
  };

  BreakerList.prototype.compare = function (a, b) {
    if (this.sort === 'state') {
      var r = ns.rank(a.state) - ns.rank(b.state);
      if (r !== 0) { return r; }
    } else if (this.sort === 'failureRate') {
      var f = b.failureRate - a.failureRate;
      if (f !== 0) { return f; }
    }
    return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
  };

  function sortKey(card) {
    return { name: card.name, state: card.state(), failureRate: card.stats ? card.stats.failureRate : -1 };
  }

  BreakerList.prototype.groupBlock = function (group) {
    var block = this.groups[group];
    if (!block) {
      var root = ns.el('section', 'group');
      root.setAttribute('data-group', group);
      var title = root.appendChild(ns.el('h2', 'group-title', 'Group ' + group));
      title.id = 'group-' + Object.keys(this.groups).length + '-title';
      root.setAttribute('aria-labelledby', title.id);
      root.appendChild(ns.el('p', 'group-note', 'Members share one state: when one trips, all reject calls.'));
      // For a group shared across instances: the store's state and which instance took the group's decision.
      var origin = root.appendChild(ns.el('p', 'group-origin'));
      origin.hidden = true;
      var cards = root.appendChild(ns.el('div', 'group-cards'));
      block = this.groups[group] = { root: root, cards: cards, origin: origin };
    }
    return block;
  };

  /** Places, orders and filters every card, and updates the summary. */
  BreakerList.prototype.arrange = function () {
    var active = document.activeElement;
    if (active && active !== document.body && this.container.contains(active)) {
      this.deferred = true;
      this.applyVisibility();
      return;
    }
    this.deferred = false;
    var self = this, items = {}, top = [];
    this.names().forEach(function (n) {
      var card = this.cards[n];
      if (!card.userToggled) { card.setExpanded(this.size() <= FOLD_ABOVE); }
      if (card.group) {
        var item = items[card.group];
        if (!item) {
          item = items[card.group] = { block: this.groupBlock(card.group), members: [], key: null };
          top.push(item);
        }
        item.members.push(card);
      } else {
        top.push({ card: card, key: sortKey(card) });
      }
    }, this);
    top.forEach(function (item) {
      if (item.members) {
        item.members.sort(function (a, b) { return self.compare(sortKey(a), sortKey(b)); });
        var first = sortKey(item.members[0]);
        item.key = { name: item.block.root.getAttribute('data-group'), state: first.state, failureRate: first.failureRate };
      }
    });
    top.sort(function (a, b) { return self.compare(a.key, b.key); });
    var nodes = top.map(function (item) { return item.members ? item.block.root : item.card.root; });
    reorder(this.container, nodes.length ? nodes : [this.empty]);
    top.forEach(function (item) {
      if (item.members) { reorder(item.block.cards, item.members.map(function (c) { return c.root; })); }
    });
    Object.keys(this.groups).forEach(function (g) {
      if (!items[g]) { delete this.groups[g]; }
    }, this);
    this.applyVisibility();
  };

  /** Shows the cards that pass the filters (and the groups with any) and counts them. */
  BreakerList.prototype.applyVisibility = function () {
    var counts = {}, shown = 0, total = 0;
    ns.STATES.forEach(function (s) { counts[s] = 0; });
    var groupShown = {};
    this.names().forEach(function (n) {
      var card = this.cards[n], visible = card.matches(this.text, this.states);
      card.root.hidden = !visible;
      counts[card.state()] = (counts[card.state()] || 0) + 1;
      total++;
      if (visible) { shown++; }
      if (card.group) { groupShown[card.group] = groupShown[card.group] || visible; }
    }, this);
    Object.keys(this.groups).forEach(function (g) { this.groups[g].root.hidden = !groupShown[g]; }, this);
    this.renderGroupOrigins();
    ns.STATES.forEach(function (s) {
      var button = this.summaryButtons[s];
      button.textContent = ns.stateLabel(s) + ' ' + counts[s];
      button.setAttribute('aria-pressed', String(!!(this.states && this.states[s])));
      button.setAttribute('aria-label', 'show only ' + ns.stateLabel(s) + ' breakers (' + counts[s] + ')');
    }, this);
    this.shownCount.textContent = shown === total ? total + ' breaker' + (total === 1 ? '' : 's')
      : shown + ' of ' + total + ' breakers shown';
  };

  /** For each shared group: whether its store is reachable, and which instance took the decision it is in. */
  BreakerList.prototype.renderGroupOrigins = function () {
    var shared = {};
    this.names().forEach(function (n) {
      var card = this.cards[n];
      if (card.group && card.sharedGroup && !shared[card.group]) { shared[card.group] = card.sharedGroup; }
    }, this);
    Object.keys(this.groups).forEach(function (g) {
      var origin = this.groups[g].origin, s = shared[g];
      origin.hidden = !s;
      if (!s) { return; }
      var text = 'Shared across instances through ' + s.store + (s.connected ? '' : ', which is unreachable: this'
        + ' instance runs the group on its own for now') + '.';
      if (s.decidedBy) {
        text += ' ' + ns.stateLabel(s.decision || 'the current state') + ' decided by instance ' + s.decidedBy
          + (s.decidedRemotely ? ' (another instance)' : ' (this instance)') + '.';
      }
      origin.textContent = text;
      origin.setAttribute('data-decided-by', s.decidedBy || '');
    }, this);
  };

  /** Makes {@code parent}'s children exactly {@code nodes}, in order, moving only what is out of place. */
  function reorder(parent, nodes) {
    nodes.forEach(function (node, i) {
      if (parent.children[i] !== node) { parent.insertBefore(node, parent.children[i] || null); }
    });
    while (parent.children.length > nodes.length) { parent.removeChild(parent.lastElementChild); }
  }

  ns.BreakerList = BreakerList;
})(window.CircuitBreakerDashboard = window.CircuitBreakerDashboard || {});
