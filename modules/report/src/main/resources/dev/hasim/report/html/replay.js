/* hasim replay: the topology over time, a time control, the state of every node at the current instant, and
 * (in hasim play) live streaming and fault injection. Plain JavaScript, no library, no network; everything it
 * shows comes from the JSON in #replay-data, itself derived from the run's trace. */
(function () {
  'use strict';
  var D = JSON.parse(document.getElementById('replay-data').textContent);
  var SVGNS = 'http://www.w3.org/2000/svg';
  var N = D.nodes.length;
  var live = !!D.live;
  var CHECKPOINT_EVERY = 4000;
  var MAX_DRAWN_MESSAGES = N > 200 ? 120 : 300;
  var KEY_KINDS = {fault: 1, role: 1, state: 1, priority: 1, alarm_raised: 1, alarm_cleared: 1, decision: 1,
    warning: 1, node_error: 1, trap: 1};
  var STORY_KINDS = {fault: 1, decision: 1, warning: 1, node_error: 1, trap: 1};

  var events = [], messages = [], keyTimes = [], linkStates = [], breaches = [];
  var colors = {}, maxLatency = 1;
  var duration = D.durationMs, liveNow = 0;
  var cur = 0, playing = false, speed = 1, follow = true, collapseHeartbeats = true;
  var focusGroup = -1, selected = null, prevRendered = 0, lastDiffFrom = 0;
  var frameTimes = [];

  function el(tag, attrs, parent, text) {
    var e = tag.indexOf('svg:') === 0 ? document.createElementNS(SVGNS, tag.slice(4)) : document.createElement(tag);
    for (var k in attrs || {}) { e.setAttribute(k, attrs[k]); }
    if (text !== undefined) { e.textContent = text; }
    if (parent) { parent.appendChild(e); }
    return e;
  }
  function fmt(ms) {
    if (ms < 1000) { return ms + ' ms'; }
    var s = ms / 1000;
    if (s < 120) { return (Math.round(s * 1000) / 1000).toFixed(3) + ' s'; }
    var m = Math.floor(s / 60);
    return m + ' min ' + (s - m * 60).toFixed(3) + ' s';
  }
  function isHeartbeat(type) { return /heartbeat|keepalive/i.test(type || ''); }
  /** Number of items whose time (via key) is <= t. */
  function upper(list, t, key) {
    var lo = 0, hi = list.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (key(list[mid]) <= t) { lo = mid + 1; } else { hi = mid; } }
    return lo;
  }
  function tOf(e) { return e[0]; }

  // ---- state at an instant: replay the events, with checkpoints for fast seeking backwards --------------------
  function blank() {
    var s = [];
    for (var i = 0; i < N; i++) { s.push({role: null, state: null, priority: null, alarms: {}, views: {}}); }
    return s;
  }
  function clone(s) {
    return s.map(function (x) {
      return {role: x.role, state: x.state, priority: x.priority, alarms: Object.assign({}, x.alarms),
        views: Object.assign({}, x.views)};
    });
  }
  function apply(s, e) {
    var n = e[1];
    if (n < 0) { return; }
    var f = e[3], x = s[n];
    switch (e[2]) {
      case 'role': x.role = f.to; break;
      case 'state': x.state = f.to; break;
      case 'priority': x.priority = f.to; break;
      case 'alarm_raised': x.alarms[f.code] = 1; break;
      case 'alarm_cleared': delete x.alarms[f.code]; break;
      case 'view': if (f.value === null || f.value === undefined) { delete x.views[f.key]; } else { x.views[f.key] = f.value; } break;
      default: break;
    }
  }
  var checkpoints = [{i: 0, s: blank()}];
  var st = blank(), stIdx = 0;
  function stateAt(t) {
    var target = upper(events, t, tOf);
    if (target < stIdx) {
      var cp = checkpoints[0];
      for (var c = 0; c < checkpoints.length && checkpoints[c].i <= target; c++) { cp = checkpoints[c]; }
      st = clone(cp.s); stIdx = cp.i;
    }
    while (stIdx < target) {
      apply(st, events[stIdx++]);
      if (stIdx % CHECKPOINT_EVERY === 0 && checkpoints[checkpoints.length - 1].i < stIdx) {
        checkpoints.push({i: stIdx, s: clone(st)});
      }
    }
    return st;
  }

  // ---- data in: the whole run at once (a report), or slice by slice (hasim play) ------------------------------
  function ingest(delta) {
    (delta.events || []).forEach(function (e) {
      events.push(e);
      if (e[2] === 'message') {
        var f = e[3];
        messages.push({t: e[0], s: f.sent_ms, from: e[1], to: f.to, type: f.type, dropped: f.fate === 'dropped',
          reason: f.reason, hb: isHeartbeat(f.type)});
        maxLatency = Math.max(maxLatency, e[0] - f.sent_ms);
      } else if (KEY_KINDS[e[2]] && (keyTimes.length === 0 || keyTimes[keyTimes.length - 1] !== e[0])) {
        keyTimes.push(e[0]);
      }
      if (live && STORY_KINDS[e[2]]) { storyLine(e); }
    });
    (delta.linkStates || []).forEach(function (l) { linkStates.push(l); });
    (delta.breaches || []).forEach(function (b) { breaches.push(b); });
    Object.assign(colors, delta.colors || {});
  }
  ingest(D);

  // ---- the page's parts --------------------------------------------------------------------------------------
  var root = document.getElementById('replay');
  var caption = el('div', {'class': 'replay-caption', hidden: ''}, root);
  var grid = el('div', {'class': 'replay-grid'}, root);
  var topoBox = el('div', {'class': 'replay-topology'}, grid);
  var side = el('div', {'class': 'replay-side'}, grid);
  var nowBox = el('div', {'class': 'replay-now'}, side);
  var checksBox = el('div', {'class': 'replay-checks'}, side);
  var diffBox = el('div', {'class': 'replay-diff'}, root);
  var injectBox = live ? el('div', {'class': 'replay-inject'}, root) : null;

  // Layout: groups on a grid of clusters, each group's nodes on a circle (two side by side).
  var W = 640, H = N > 400 ? 640 : 440;
  var G = D.groups.length || 1;
  var cols = Math.ceil(Math.sqrt(G * W / H));
  var rows = Math.ceil(G / cols);
  var cw = W / cols, ch = H / rows;
  var radius = N <= 12 ? 18 : N <= 60 ? 12 : N <= 200 ? 7 : 4;
  var pos = new Array(N);
  var groupOf = new Array(N).fill(-1);
  D.groups.forEach(function (g, gi) {
    var cx = (gi % cols + 0.5) * cw, cy = (Math.floor(gi / cols) + 0.5) * ch + (G <= 40 ? 6 : 0);
    var k = g.nodes.length, r = Math.min(cw, ch) * 0.32;
    g.nodes.forEach(function (n, j) {
      groupOf[n] = gi;
      if (k === 1) { pos[n] = [cx, cy]; return; }
      var a = k === 2 ? Math.PI * j : -Math.PI / 2 + 2 * Math.PI * j / k;
      pos[n] = [cx + r * Math.cos(a), cy + r * Math.sin(a)];
    });
  });
  for (var p = 0; p < N; p++) { if (!pos[p]) { pos[p] = [W / 2, H / 2]; } }

  var svg = el('svg:svg', {'class': 'topology', viewBox: '0 0 ' + W + ' ' + H, width: W, height: H,
    'data-nodes': N}, topoBox);
  if (G <= 40) {
    D.groups.forEach(function (g, gi) {
      el('svg:text', {'class': 'group-label', x: (gi % cols + 0.5) * cw, y: Math.floor(gi / cols) * ch + 13,
        'text-anchor': 'middle'}, svg, g.name);
    });
  }
  var linkEls = D.links.map(function (l, i) {
    var a = pos[l[0]], b = pos[l[1]];
    var line = el('svg:line', {'class': 'link ok', x1: a[0], y1: a[1], x2: b[0], y2: b[1], 'data-link': i,
      'data-a': D.nodes[l[0]], 'data-b': D.nodes[l[1]]}, svg);
    el('svg:title', {}, line, D.nodes[l[0]] + ' — ' + D.nodes[l[1]]);
    line.addEventListener('click', function () { select({link: i}); });
    return line;
  });
  var msgLayer = el('svg:g', {'class': 'messages'}, svg);
  var nodeEls = D.nodes.map(function (name, i) {
    var g = el('svg:g', {'class': 'node', 'data-node': name, transform: 'translate(' + pos[i][0] + ',' + pos[i][1] + ')'}, svg);
    var c = el('svg:circle', {r: radius, 'class': 'node-dot'}, g);
    var title = el('svg:title', {}, c, name);
    if (N <= 60) { el('svg:text', {'class': 'node-label', y: radius + 12, 'text-anchor': 'middle'}, g, name); }
    g.addEventListener('click', function () { select({node: i}); });
    return {g: g, c: c, title: title, fill: null};
  });
  var clock = el('svg:text', {'class': 'clock', x: W - 6, y: H - 6, 'text-anchor': 'end'}, svg, '');
  var hbNote = el('svg:text', {'class': 'hb-note', x: 6, y: H - 6}, svg, '');
  var msgPool = [];

  // ---- the control bar, fixed at the bottom of the window -----------------------------------------------------
  var bar = el('div', {'class': 'replay-bar', role: 'toolbar', 'aria-label': 'replay'}, document.body);
  var bPrev = el('button', {type: 'button', 'data-action': 'prev', title: 'previous event (←)'}, bar, '« prev');
  var bPlay = el('button', {type: 'button', 'data-action': 'play', title: 'play / pause (space)'}, bar, '▶');
  var bNext = el('button', {type: 'button', 'data-action': 'next', title: 'next event (→)'}, bar, 'next »');
  var speedSel = el('select', {'data-action': 'speed', title: 'speed (+ / −)'}, bar);
  var SPEEDS = [0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000];
  SPEEDS.forEach(function (s) { el('option', {value: s}, speedSel, '×' + s); });
  var scrub = el('input', {type: 'range', min: 0, max: duration, step: 1, value: 0, 'class': 'scrubber',
    'aria-label': 'time'}, bar);
  var timeLabel = el('span', {'class': 'replay-time'}, bar, '0 ms');
  var hbBox = el('label', {'class': 'hb-toggle', title: 'draw every heartbeat, or only count them'}, bar);
  var hbCheck = el('input', {type: 'checkbox', checked: ''}, hbBox);
  hbBox.appendChild(document.createTextNode(' collapse heartbeats'));
  var followBox = null, followCheck = null;
  if (live) {
    followBox = el('label', {'class': 'follow-toggle'}, bar);
    followCheck = el('input', {type: 'checkbox', checked: ''}, followBox);
    followBox.appendChild(document.createTextNode(' follow live'));
    followCheck.addEventListener('change', function () { follow = followCheck.checked; });
  }
  var initialSpeed = live ? (D.speed || 1) : Math.max(1, Math.round(duration / 30000));
  speed = SPEEDS.reduce(function (best, s) { return Math.abs(s - initialSpeed) < Math.abs(best - initialSpeed) ? s : best; }, 1);
  speedSel.value = String(speed);

  bPlay.addEventListener('click', function () { setPlaying(!playing); });
  bPrev.addEventListener('click', prevEvent);
  bNext.addEventListener('click', nextEvent);
  speedSel.addEventListener('change', function () {
    speed = +speedSel.value;
    if (live) { control({op: 'speed', value: speed}); }
  });
  scrub.addEventListener('input', function () { stopFollowing(); seek(+scrub.value); });
  hbCheck.addEventListener('change', function () { collapseHeartbeats = hbCheck.checked; render(); });
  document.addEventListener('keydown', function (e) {
    var tag = (e.target.tagName || '').toLowerCase();
    if (tag === 'input' && e.target.type !== 'range' || tag === 'textarea' || tag === 'select') { return; }
    if (e.key === ' ') { e.preventDefault(); setPlaying(!playing); }
    else if (e.key === 'ArrowRight') { e.preventDefault(); nextEvent(); }
    else if (e.key === 'ArrowLeft') { e.preventDefault(); prevEvent(); }
    else if (e.key === 'Home') { e.preventDefault(); stopFollowing(); seek(0); }
    else if (e.key === 'End') { e.preventDefault(); seek(end()); }
    else if (e.key === '+' || e.key === '=') { stepSpeed(1); }
    else if (e.key === '-') { stepSpeed(-1); }
  });
  function stepSpeed(d) {
    var i = Math.max(0, Math.min(SPEEDS.length - 1, SPEEDS.indexOf(speed) + d));
    speed = SPEEDS[i]; speedSel.value = String(speed);
    if (live) { control({op: 'speed', value: speed}); }
  }
  function end() { return live ? liveNow : duration; }
  function stopFollowing() { if (live && followCheck) { follow = false; followCheck.checked = false; } }
  function setPlaying(on) {
    playing = on;
    bPlay.textContent = on ? '❚❚' : '▶';
    bPlay.setAttribute('aria-pressed', on ? 'true' : 'false');
    if (live) { control({op: on ? 'play' : 'pause'}); if (on) { follow = true; followCheck.checked = true; } }
    else if (on && cur >= duration) { seek(0); }
    lastFrame = performance.now();
  }
  function nextEvent() {
    var i = upper(keyTimes, cur, function (x) { return x; });
    stopFollowing();
    if (i < keyTimes.length) { seek(keyTimes[i]); }
    else if (live) { control({op: 'step'}); follow = true; if (followCheck) { followCheck.checked = true; } }
  }
  function prevEvent() {
    var i = upper(keyTimes, cur - 1, function (x) { return x; });
    stopFollowing();
    seek(i > 0 ? keyTimes[i - 1] : 0);
  }

  // ---- following the instant elsewhere in the page: lanes, beliefs, story ---------------------------------
  var plots = Array.prototype.slice.call(document.querySelectorAll('svg[data-plot-left]'));
  var cursors = plots.map(function (plot) {
    var line = el('svg:line', {'class': 'time-cursor', y1: 0, y2: plot.getAttribute('height') || 1000}, plot);
    plot.addEventListener('click', function (e) {
      if (e.target.closest && e.target.closest('a')) { return; }
      var box = plot.getBoundingClientRect();
      var left = +plot.dataset.plotLeft, width = +plot.dataset.plotWidth, d = +plot.dataset.durationMs;
      var scale = box.width / (+plot.getAttribute('width') || box.width);
      var x = (e.clientX - box.left) / scale;
      if (x < left) { return; }
      stopFollowing();
      seek(Math.round(Math.min(d, Math.max(0, (x - left) / width * d))));
    });
    return line;
  });
  var story = document.querySelector('ol.story');
  if (!story && live) {
    var sec = el('section', {}, document.body.querySelector('main') || document.body);
    el('h2', {}, sec, 'What happened');
    story = el('ol', {'class': 'story'}, sec);
  }
  var storyItems = story ? Array.prototype.slice.call(story.querySelectorAll('li[data-t-ms]')) : [];
  function bindStory(li) {
    li.addEventListener('click', function (e) {
      if (e.target.closest('a')) { return; }
      stopFollowing();
      setPlaying(false);
      storyPinned = li;
      seek(+li.dataset.tMs);
    });
  }
  storyItems.forEach(bindStory);
  function storyLine(e) {
    if (!story) { return; }
    var li = el('li', {'class': e[2], 'data-t-ms': e[0]}, story);
    el('span', {'class': 't'}, li, fmt(e[0]));
    var f = e[3];
    var who = e[1] < 0 ? 'injected' : D.nodes[e[1]];
    el('b', {}, li, who + ' ');
    if (f.rule) { el('span', {'class': 'rule'}, li, f.rule + ' '); }
    li.appendChild(document.createTextNode(e[2] === 'fault' ? describeFault(f) : (f.why || f.error || f.trap || '')));
    storyItems.push(li);
    bindStory(li);
  }
  function describeFault(f) {
    var parts = [f.action];
    Object.keys(f).forEach(function (k) { if (k !== 'action') { parts.push(k + '=' + JSON.stringify(f[k])); } });
    return parts.join(' ');
  }
  var storyNow = null, storyPinned = null;

  // ---- drawing the current instant ----------------------------------------------------------------------------
  function nodeColor(x) {
    if (x.role === 'DOWN') { return colors.DOWN || '#3f3f46'; }
    if (x.state && D.alarming.indexOf(x.state) >= 0) { return colors[x.state] || '#f59e0b'; }
    if (x.role) { return colors[x.role] || '#64748b'; }
    return '#e5e7eb';
  }
  function linkStateAt(t) {
    var states = new Array(D.links.length).fill('ok');
    for (var i = 0; i < linkStates.length && linkStates[i][0] <= t; i++) { states[linkStates[i][1]] = linkStates[i][2]; }
    return states;
  }
  function breachesAt(t) {
    var i = upper(breaches, t, tOf);
    return i > 0 ? breaches[i - 1][1] : [];
  }

  function render() {
    var started = performance.now();
    var s = stateAt(cur);
    for (var i = 0; i < N; i++) {
      var fill = nodeColor(s[i]);
      var ne = nodeEls[i];
      if (ne.fill !== fill) { ne.c.setAttribute('fill', fill); ne.fill = fill; }
      var alarmed = Object.keys(s[i].alarms).length > 0;
      var cls = 'node' + (alarmed ? ' alarmed' : '') + (selected && selected.node === i ? ' selected' : '');
      if (ne.cls !== cls) { ne.g.setAttribute('class', cls); ne.cls = cls; }
      var rs = (s[i].role || '') + '|' + (s[i].state || '');
      if (ne.rs !== rs) { ne.g.setAttribute('data-role', s[i].role || ''); ne.g.setAttribute('data-state', s[i].state || ''); ne.rs = rs; }
    }
    var ls = linkStateAt(cur);
    for (var l = 0; l < linkEls.length; l++) {
      var lc = 'link ' + ls[l] + (selected && selected.link === l ? ' selected' : '');
      if (linkEls[l].cls !== lc) { linkEls[l].setAttribute('class', lc); linkEls[l].cls = lc; }
    }
    drawMessages();
    clock.textContent = fmt(Math.round(cur));
    timeLabel.textContent = fmt(Math.round(cur)) + ' / ' + fmt(end());
    scrub.max = end();
    scrub.value = Math.round(cur);
    svg.setAttribute('data-t-ms', Math.round(cur));
    plots.forEach(function (plot, k) {
      var left = +plot.dataset.plotLeft, width = +plot.dataset.plotWidth, d = +plot.dataset.durationMs;
      var x = left + Math.min(cur, d) / d * width;
      cursors[k].setAttribute('x1', x); cursors[k].setAttribute('x2', x);
      cursors[k].setAttribute('y2', plot.getAttribute('height'));
      cursors[k].setAttribute('data-t-ms', Math.round(cur));
    });
    var si = upper(storyItems, cur, function (li) { return +li.dataset.tMs; });
    var now = si > 0 ? storyItems[si - 1] : null;
    if (storyPinned && +storyPinned.dataset.tMs === Math.round(cur)) { now = storyPinned; } else { storyPinned = null; }
    if (now !== storyNow) {
      if (storyNow) { storyNow.classList.remove('now'); }
      if (now) { now.classList.add('now'); }
      storyNow = now;
    }
    panel(s);
    captionAt();
    if (Math.round(cur) !== Math.round(prevRendered)) { diff(prevRendered, cur); prevRendered = cur; }
    frameTimes.push(performance.now() - started);
    if (frameTimes.length > 600) { frameTimes.shift(); }
  }

  function drawMessages() {
    var visMs = Math.max(60, Math.min(700 * speed, 1500));
    var from = upper(messages, cur - visMs - 1, function (m) { return m.t; });
    var drawn = 0, heartbeats = 0, labelled = 0, stacked = {};
    for (var j = from; j < messages.length && messages[j].t <= cur + maxLatency + visMs; j++) {
      var m = messages[j];
      if (m.s > cur) { continue; }
      var span = Math.max(m.t - m.s, visMs);
      if (cur > m.s + span) { continue; }
      if (m.hb) { heartbeats++; if (collapseHeartbeats) { continue; } }
      if (drawn >= MAX_DRAWN_MESSAGES || m.to < 0) { continue; }
      var frac = Math.min(1, (cur - m.s) / Math.max(1, span));
      if (m.dropped) { frac = Math.min(frac, 0.5); }
      var a = pos[m.from], b = pos[m.to];
      var x = a[0] + (b[0] - a[0]) * frac, y = a[1] + (b[1] - a[1]) * frac;
      var item = msgPool[drawn] || (msgPool[drawn] = makeMessage());
      item.g.setAttribute('transform', 'translate(' + x.toFixed(1) + ',' + y.toFixed(1) + ')');
      item.g.setAttribute('class', 'msg' + (m.dropped ? ' dropped' : '') + (m.hb ? ' heartbeat' : ''));
      item.g.setAttribute('data-type', m.type);
      var showLabel = !m.hb && labelled < 40;
      if (showLabel) { labelled++; }
      item.text.textContent = showLabel ? m.type + (m.dropped ? ' ✕' : '') : '';
      if (showLabel) {
        // Messages leaving or reaching a node together: stack their names instead of printing them over each other.
        var spot = Math.round(x / 24) + ',' + Math.round(y / 24);
        var k = stacked[spot] = (stacked[spot] || 0) + 1;
        item.text.setAttribute('y', -5 + (k - 1) * 11);
      }
      item.g.style.display = '';
      drawn++;
    }
    for (var k = drawn; k < msgPool.length; k++) { msgPool[k].g.style.display = 'none'; }
    hbNote.textContent = heartbeats ? heartbeats + ' heartbeat' + (heartbeats > 1 ? 's' : '') + ' in flight'
      + (collapseHeartbeats ? ' (collapsed)' : '') : '';
    svg.setAttribute('data-messages-drawn', drawn);
  }
  function makeMessage() {
    var g = el('svg:g', {'class': 'msg'}, msgLayer);
    el('svg:circle', {r: 4}, g);
    var text = el('svg:text', {x: radius + 4, y: -5}, g, '');
    return {g: g, text: text};
  }

  function panel(s) {
    var shown = [];
    if (N <= 40) { for (var i = 0; i < N; i++) { shown.push(i); } }
    else {
      var g = selected && selected.node !== undefined ? groupOf[selected.node] : focusGroup;
      if (g < 0) { g = 0; }
      (D.groups[g] ? D.groups[g].nodes : []).forEach(function (n) { shown.push(n); });
    }
    var html = '<h3>At ' + esc(fmt(Math.round(cur))) + (N > 40 ? ' <small>(' + esc(D.groups[groupOf[shown[0]]] ?
      D.groups[groupOf[shown[0]]].name : '') + '; click a node for its group)</small>' : '') + '</h3>'
      + '<table class="replay-nodes"><tr><th>node</th><th>role</th><th>state</th><th>priority</th><th>alarms</th>'
      + '<th>beliefs</th></tr>';
    shown.forEach(function (n) {
      var x = s[n];
      var views = Object.keys(x.views).map(function (k) { return k + '=' + short(x.views[k]); }).join('; ');
      html += '<tr data-node="' + esc(D.nodes[n]) + '"><td><i style="background:' + nodeColor(x) + '"></i>'
        + esc(D.nodes[n]) + '</td><td>' + esc(x.role || '—') + '</td><td>' + esc(x.state || '—') + '</td><td>'
        + esc(x.priority === null || x.priority === undefined ? '—' : String(x.priority)) + '</td><td>'
        + esc(Object.keys(x.alarms).join(', ') || '—') + '</td><td>' + esc(views || '—') + '</td></tr>';
    });
    html += '</table><p class="hint">Timers are not in the trace, so none are shown; a node\'s next move is in '
      + 'its rule (see the story).</p>';
    nowBox.innerHTML = html;
    var b = breachesAt(cur), checks = '<h3>Invariants now</h3><ul class="replay-invariants">';
    D.invariants.forEach(function (name) {
      var mine = b.filter(function (x) { return x[0] === name; });
      checks += '<li class="' + (mine.length ? 'breached' : 'holds') + '" data-invariant="' + esc(name) + '">'
        + (mine.length ? '✘ ' : '✔ ') + esc(name) + (mine.length ? ': ' + esc(mine.map(function (x) {
          return x[1] + ' — ' + x[2]; }).join('; ')) : '') + '</li>';
    });
    checks += '</ul>';
    if (D.expectations && D.expectations.length) {
      checks += '<h3>Expectations</h3><ul class="replay-expectations">';
      D.expectations.forEach(function (x) {
        var due = x.at === null || x.at === undefined ? null : x.at;
        var state = due === null ? (x.ok ? 'holds' : 'breached') : due > cur ? 'pending' : x.ok ? 'holds' : 'breached';
        checks += '<li class="' + state + '">' + (state === 'pending' ? '… ' : state === 'holds' ? '✔ ' : '✘ ')
          + '<code>' + esc(x.text) + '</code>' + (due === null ? ' <small>(whole run)</small>'
          : state === 'pending' ? ' <small>(judged at ' + esc(fmt(due)) + ')</small>' : '') + '</li>';
      });
      checks += '</ul>';
    }
    checksBox.innerHTML = checks;
  }
  function short(v) { var s = typeof v === 'string' ? v : JSON.stringify(v); return s.length > 60 ? s.slice(0, 57) + '…' : s; }
  function esc(s) { return String(s).replace(/[&<>"]/g, function (c) { return {'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;'}[c]; }); }

  /** What changed in which node between the previous instant drawn and this one. */
  function diff(from, to) {
    var lo = Math.min(from, to), hi = Math.max(from, to), back = to < from;
    var a = upper(events, lo, tOf), b = upper(events, hi, tOf);
    var changes = {}, order = [], count = 0;
    for (var i = a; i < b; i++) {
      var e = events[i];
      if (e[2] === 'message' || e[2] === 'log') { continue; }
      var who = e[1] < 0 ? 'network' : D.nodes[e[1]];
      var f = e[3], key, was, now;
      switch (e[2]) {
        case 'role': case 'state': case 'priority': key = e[2]; was = f.from; now = f.to; break;
        case 'view': key = 'belief ' + f.key; was = undefined; now = f.value; break;
        case 'alarm_raised': key = 'alarm ' + f.code; was = 'clear'; now = 'raised'; break;
        case 'alarm_cleared': key = 'alarm ' + f.code; was = 'raised'; now = 'clear'; break;
        case 'fault': key = 'injected'; was = undefined; now = describeFault(f); break;
        default: continue;
      }
      var id = who + '\u0000' + key;
      if (!changes[id]) { changes[id] = {who: who, key: key, was: was, now: now}; order.push(id); }
      else { changes[id].now = now; }
      count++;
    }
    var html = '<h3>Changes ' + (back ? 'undone stepping back ' : '') + 'from ' + esc(fmt(Math.round(lo))) + ' to '
      + esc(fmt(Math.round(hi))) + '</h3>';
    if (!order.length) { html += '<p class="hint">No node changed.</p>'; }
    else {
      html += '<ul>';
      order.slice(0, 40).forEach(function (id) {
        var c = changes[id];
        var x = back ? {was: c.now, now: c.was} : c;
        html += '<li><b>' + esc(c.who) + '</b> ' + esc(c.key) + ': ' + (x.was === undefined ? '' : esc(short(x.was === null ? '—' : x.was)) + ' → ')
          + esc(short(x.now === null || x.now === undefined ? '—' : x.now)) + '</li>';
      });
      if (order.length > 40) { html += '<li>… ' + (order.length - 40) + ' more</li>'; }
      html += '</ul>';
    }
    diffBox.innerHTML = html;
    diffBox.setAttribute('data-changes', order.length);
  }

  function captionAt() {
    var notes = D.notes || [];
    var i = upper(notes, cur, function (n) { return n[0]; });
    // A caption stays until the next one, for at most a third of the run (ten seconds at least).
    var showFor = Math.max(10000, duration / 3);
    if (i > 0 && cur - notes[i - 1][0] <= showFor) {
      caption.hidden = false;
      caption.textContent = notes[i - 1][1];
      caption.setAttribute('data-t-ms', notes[i - 1][0]);
    } else {
      caption.hidden = true;
    }
  }

  function seek(t) {
    cur = Math.max(0, Math.min(end(), t));
    render();
  }

  // ---- selection: a node or a link; in hasim play it offers the faults to inject -----------------------------
  function select(what) {
    selected = what;
    if (what.node !== undefined) { focusGroup = groupOf[what.node]; }
    render();
    if (live) { offerActions(); }
  }

  // ---- the animation loop ----------------------------------------------------------------------------------
  var lastFrame = performance.now();
  function frame(now) {
    var dt = now - lastFrame;
    lastFrame = now;
    if (live) {
      if (follow) { cur = liveNow; render(); }
    } else if (playing) {
      cur = Math.min(duration, cur + dt * speed);
      render();
      if (cur >= duration) { setPlaying(false); }
    }
    requestAnimationFrame(frame);
  }

  // ---- hasim play: the stream in, the controls out -----------------------------------------------------------
  var status = null, actionsBox = null, eventInput = null, noteInput = null;
  function control(body) {
    if (!live) { return Promise.resolve(null); }
    return fetch('control', {method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify(body)})
      .then(function (r) { return r.json(); })
      .then(function (answer) { if (answer && answer.message) { status.textContent = answer.message; } return answer; })
      .catch(function (err) { status.textContent = 'server: ' + err; });
  }
  function inject(text) {
    return control({op: 'inject', event: text, note: noteInput.value || null}).then(function (a) {
      if (a && a.ok) { noteInput.value = ''; }
      return a;
    });
  }
  function offerActions() {
    actionsBox.innerHTML = '';
    var options = [];
    if (selected && selected.node !== undefined) {
      var n = D.nodes[selected.node];
      el('b', {}, actionsBox, n + ': ');
      ['crash', 'restart', 'shutdown', 'start', 'isolate'].forEach(function (k) { options.push([k, '{' + k + ': ' + n + '}']); });
      (D.actions || []).forEach(function (a) { options.push([a.label, a.template.split('$NODE').join(n)]); });
    } else if (selected && selected.link !== undefined) {
      var a = D.nodes[D.links[selected.link][0]], b = D.nodes[D.links[selected.link][1]];
      el('b', {}, actionsBox, a + ' — ' + b + ': ');
      options.push(['cut', '{cut: [' + a + ', ' + b + ']}']);
      options.push(['cut ' + a + ' → ' + b, '{cut: {from: ' + a + ', to: ' + b + '}}']);
      options.push(['cut ' + b + ' → ' + a, '{cut: {from: ' + b + ', to: ' + a + '}}']);
      options.push(['heal', '{heal: [' + a + ', ' + b + ']}']);
      options.push(['degrade (30 % loss)', '{degrade: {link: [' + a + ', ' + b + '], loss: 0.3}}']);
    }
    options.forEach(function (o) {
      var btn = el('button', {type: 'button', 'data-inject': o[1], title: o[1]}, actionsBox, o[0]);
      btn.addEventListener('click', function () { inject(o[1]); });
      var edit = el('button', {type: 'button', 'class': 'edit', title: 'edit before injecting'}, actionsBox, '✎');
      edit.addEventListener('click', function () { eventInput.value = o[1]; eventInput.focus(); });
    });
  }
  if (live) {
    el('h2', {}, injectBox, 'Inject');
    el('p', {'class': 'hint'}, injectBox, 'Click a node or a link in the topology for its faults and operator '
      + 'actions, or type any scenario event (without at:). It happens at the next free instant of virtual time, '
      + 'exactly as the same line in a scenario file would.');
    actionsBox = el('div', {'class': 'actions'}, injectBox);
    var form = el('div', {'class': 'free'}, injectBox);
    eventInput = el('input', {type: 'text', size: 60, placeholder: '{partition: [[a], [b, c]]}', 'aria-label': 'event'}, form);
    noteInput = el('input', {type: 'text', size: 40, placeholder: 'note (a caption for the class)', 'aria-label': 'note'}, form);
    var go = el('button', {type: 'button', 'data-action': 'inject'}, form, 'Inject');
    go.addEventListener('click', function () { inject(eventInput.value); });
    var saveRow = el('div', {'class': 'save'}, injectBox);
    var withExpect = el('input', {type: 'checkbox', id: 'save-expect', checked: ''}, saveRow);
    el('label', {'for': 'save-expect'}, saveRow, ' with expectations from the current state ');
    var save = el('a', {href: 'save.yaml?expect=1', download: D.name + '-live.yaml', 'data-action': 'save',
      'class': 'button'}, saveRow, 'Save as scenario');
    withExpect.addEventListener('change', function () { save.href = 'save.yaml?expect=' + (withExpect.checked ? 1 : 0); });
    status = el('p', {'class': 'status', role: 'status'}, injectBox, '');
    var source = new EventSource('stream');
    source.onmessage = function (msg) {
      var update = JSON.parse(msg.data);
      (update.batches || []).forEach(function (delta) {
        ingest(delta);
        if (delta.notes) { D.notes = D.notes.concat(delta.notes); }
      });
      liveNow = update.now;
      if (update.playing !== playing) {
        playing = update.playing; bPlay.textContent = playing ? '❚❚' : '▶';
      }
      if (update.speed && +speedSel.value !== update.speed && SPEEDS.indexOf(update.speed) >= 0) {
        speed = update.speed; speedSel.value = String(speed);
      }
      if (update.message) { status.textContent = update.message; }
      document.body.setAttribute('data-live-now', liveNow);
      if (!follow) { render(); }
    };
  }

  window.hasimReplay = {
    seek: seek,
    time: function () { return cur; },
    play: function () { setPlaying(true); },
    pause: function () { setPlaying(false); },
    next: nextEvent,
    prev: prevEvent,
    nodeState: function (name) { return stateAt(cur)[D.nodes.indexOf(name)]; },
    frameStats: function () {
      var sorted = frameTimes.slice().sort(function (x, y) { return x - y; });
      var sum = sorted.reduce(function (x, y) { return x + y; }, 0);
      return {frames: sorted.length, meanMs: sorted.length ? sum / sorted.length : 0,
        p95Ms: sorted.length ? sorted[Math.floor(sorted.length * 0.95)] : 0, maxMs: sorted.length ? sorted[sorted.length - 1] : 0};
    }
  };
  render();
  requestAnimationFrame(frame);
})();
