// The netagraph explorer: a network view of the graph built only on the
// public GraphQL API (the same queries a dashboard would send), drawn with
// Cytoscape.js. Its whole state is in the URL's fragment, so a view can be
// bookmarked and shared.
(function () {
  'use strict';

  var endpoint = document.body.getAttribute('data-endpoint') || '/graphql';
  // Cytoscape takes family names unquoted.
  var FONT = 'Noto Sans Devanagari, system-ui, sans-serif';

  // Ontology relation types (schema.graphqls: RelationType), how each is
  // drawn, and which are shown when the URL names none.
  var REL = {
    ALLIED_WITH: { color: '#2e9e4f', style: 'solid', sym: true, label: 'allied with' },
    OPPOSES: { color: '#d23c3c', style: 'dashed', label: 'opposes' },
    EQUIDISTANT_FROM: { color: '#e08a1e', style: 'dashed', label: 'equidistant from' },
    CRITICIZED: { color: '#c2185b', style: 'dotted', label: 'criticized' },
    PRAISED: { color: '#12a3a3', style: 'dotted', label: 'praised' },
    MET: { color: '#3a6fd8', style: 'dashed', sym: true, label: 'met' },
    LEADS: { color: '#23324d', style: 'solid', label: 'leads' },
    MEMBER_OF: { color: '#7d8799', style: 'solid', label: 'member of' },
    JOINED: { color: '#6a9e2e', style: 'solid', label: 'joined' },
    LEFT: { color: '#9e6a2e', style: 'dashed', label: 'left' },
    DEFEATED: { color: '#111111', style: 'solid', label: 'defeated' },
    HOLDS_OFFICE: { color: '#8e5cc4', style: 'solid', label: 'holds office' },
    PARTICIPATED_IN: { color: '#b5a48c', style: 'dotted', label: 'took part in' },
    HELD_IN: { color: '#b5a48c', style: 'dotted', label: 'held in' },
    LOCATED_IN: { color: '#a9b3a0', style: 'dotted', label: 'located in' }
  };
  var REL_TYPES = Object.keys(REL);
  // Events are in the timeline; their edges, shown, crowd the network.
  var DEFAULT_TYPES = REL_TYPES.filter(function (t) {
    return t !== 'LOCATED_IN' && t !== 'HELD_IN' && t !== 'PARTICIPATED_IN';
  });
  var NODE_COLOR = {
    Person: '#4e79a7', Party: '#e15759', Coalition: '#f28e2b',
    Place: '#59a14f', Organization: '#b07aa1', Event: '#9c755f'
  };

  // ---- state, kept in location.hash ----

  var state = {
    focus: '', depth: 1, labels: 'both', types: DEFAULT_TYPES.slice(), conf: 0,
    since: '', asof: '', expand: [], sel: '', from: '', to: ''
  };

  function readHash() {
    var p = new URLSearchParams(location.hash.replace(/^#/, ''));
    state.focus = p.get('focus') || '';
    state.depth = p.get('depth') === '2' ? 2 : 1;
    state.labels = ['both', 'en', 'hi'].indexOf(p.get('labels')) >= 0 ? p.get('labels') : 'both';
    state.types = p.has('types') ? p.get('types').split(',').filter(function (t) { return REL[t]; }) : DEFAULT_TYPES.slice();
    state.conf = Math.min(1, Math.max(0, parseFloat(p.get('conf')) || 0));
    state.asof = /^\d{4}-\d{2}-\d{2}$/.test(p.get('asof') || '') ? p.get('asof') : '';
    state.since = /^\d{4}-\d{2}-\d{2}$/.test(p.get('since') || '') ? p.get('since') : '';
    state.expand = p.get('expand') ? p.get('expand').split(',') : [];
    state.sel = p.get('sel') || '';
    state.from = p.get('from') || '';
    state.to = p.get('to') || '';
  }

  function writeHash() {
    var p = new URLSearchParams();
    if (state.focus) p.set('focus', state.focus);
    if (state.depth !== 1) p.set('depth', String(state.depth));
    if (state.labels !== 'both') p.set('labels', state.labels);
    if (state.types.join(',') !== DEFAULT_TYPES.join(',')) p.set('types', state.types.join(','));
    if (state.conf > 0) p.set('conf', state.conf.toFixed(2));
    if (state.since) p.set('since', state.since);
    if (state.asof) p.set('asof', state.asof);
    if (state.expand.length) p.set('expand', state.expand.join(','));
    if (state.from && state.to) { p.set('from', state.from); p.set('to', state.to); }
    if (state.sel) p.set('sel', state.sel);
    var h = '#' + p.toString();
    if (location.hash !== h) history.replaceState(null, '', h);
  }

  // ---- GraphQL ----

  function gql(query, variables) {
    return fetch(endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/graphql-response+json, application/json' },
      body: JSON.stringify({ query: query, variables: variables || {} })
    }).then(function (resp) {
      return resp.json().catch(function () {
        throw new Error('the server answered ' + resp.status + ' without JSON');
      });
    }).then(function (body) {
      if (body.errors && body.errors.length) {
        var e = body.errors[0];
        var code = e.extensions && e.extensions.code ? ' (' + e.extensions.code + ')' : '';
        throw new Error(e.message + code);
      }
      return body.data;
    });
  }

  var statusEl = document.getElementById('status');
  var statusTimer;
  function status(msg, isError) {
    clearTimeout(statusTimer);
    statusEl.textContent = msg;
    statusEl.className = 'show' + (isError ? ' error' : '');
    statusTimer = setTimeout(function () { statusEl.className = isError ? 'error' : ''; }, isError ? 6000 : 1800);
  }
  function failed(err) { status(err.message || String(err), true); }

  // ---- small DOM helpers ----

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') e.textContent = attrs[k];
      else if (k === 'onclick') e.addEventListener('click', attrs[k]);
      else e.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
    return e;
  }
  function day(t) { return t ? String(t).slice(0, 10) : ''; }
  function nameOf(e) { return e.nameHi && e.nameHi !== e.name ? e.name + ' · ' + e.nameHi : e.name; }

  // ---- search with suggestions (either script) ----

  var SEARCH = 'query Suggest($text: String!) { search(text: $text, first: 8) { id name nameHi type mentionCount } }';

  // combo wires an input to a suggestion list; pick(entity) is called with
  // the chosen entity.
  function combo(input, list, pick) {
    var items = [], active = -1, timer, seq = 0;
    function close() { list.hidden = true; active = -1; input.setAttribute('aria-expanded', 'false'); }
    function show() {
      list.textContent = '';
      items.forEach(function (it, i) {
        var li = el('li', { role: 'option', 'aria-selected': String(i === active), 'data-id': it.id }, [
          el('span', { text: it.name }),
          it.nameHi && it.nameHi !== it.name ? el('span', { class: 'hi', text: it.nameHi }) : null,
          el('span', { class: 'type', text: it.type })
        ]);
        li.addEventListener('mousedown', function (ev) { ev.preventDefault(); choose(i); });
        list.appendChild(li);
      });
      list.hidden = items.length === 0;
      input.setAttribute('aria-expanded', String(!list.hidden));
    }
    function choose(i) {
      var it = items[i];
      if (!it) return;
      input.value = it.name;
      input.setAttribute('data-id', it.id);
      close();
      pick(it);
    }
    input.addEventListener('input', function () {
      input.removeAttribute('data-id');
      clearTimeout(timer);
      var text = input.value.trim();
      if (!text) { items = []; close(); return; }
      timer = setTimeout(function () {
        var mine = ++seq;
        gql(SEARCH, { text: text }).then(function (d) {
          if (mine !== seq) return;
          items = d.search; active = items.length ? 0 : -1; show();
        }, failed);
      }, 150);
    });
    input.addEventListener('keydown', function (ev) {
      if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
        if (!items.length) return;
        ev.preventDefault();
        active = (active + (ev.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length;
        show();
      } else if (ev.key === 'Enter') {
        ev.preventDefault();
        choose(active < 0 ? 0 : active);
      } else if (ev.key === 'Escape') {
        close();
      }
    });
    input.addEventListener('blur', function () { setTimeout(close, 100); });
  }

  // ---- the network ----

  var cy = cytoscape({
    container: document.getElementById('cy'),
    minZoom: 0.15,
    maxZoom: 4,
    style: [
      {
        selector: 'node',
        style: {
          'background-color': function (n) { return NODE_COLOR[n.data('type')] || '#888'; },
          width: 'data(size)', height: 'data(size)',
          label: 'data(display)', 'font-family': FONT, 'font-size': 11, 'min-zoomed-font-size': 6,
          'text-wrap': 'wrap', 'text-valign': 'bottom', 'text-margin-y': 3,
          'text-background-color': '#fff', 'text-background-opacity': 0.75, 'text-background-padding': 1,
          'border-width': 1, 'border-color': '#fff'
        }
      },
      { selector: 'node[?focus]', style: { 'border-width': 4, 'border-color': '#1d2330' } },
      { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#2f5bd3' } },
      {
        selector: 'edge',
        style: {
          width: 'data(width)', 'line-color': 'data(color)', 'line-style': 'data(style)',
          'target-arrow-color': 'data(color)', 'target-arrow-shape': 'data(arrow)', 'arrow-scale': 0.8,
          'curve-style': 'bezier', opacity: 0.85
        }
      },
      { selector: 'edge:selected', style: { 'line-color': '#2f5bd3', 'target-arrow-color': '#2f5bd3', opacity: 1, 'z-index': 10 } },
      { selector: '.path', style: { 'line-color': '#f0b400', 'target-arrow-color': '#f0b400', 'border-color': '#f0b400', 'border-width': 4, opacity: 1, 'z-index': 9 } },
      { selector: '.faded', style: { opacity: 0.12 } }
    ]
  });

  function nodeSize(mentions) { return Math.round(12 + 6 * Math.log2(1 + (mentions || 0))); }
  function edgeWidth(sources) { return 1 + 1.6 * Math.log2(1 + (sources || 1)); }
  function display(n) {
    if (state.labels === 'en' || !n.labelHi) return n.label;
    if (state.labels === 'hi') return n.labelHi;
    return n.label + '\n' + n.labelHi;
  }

  var GRAPH_FIELDS = 'nodes { id label labelHi type weight depth } edges { id source target type weight confidence }';

  // load fetches what the state asks for: the focus's neighbourhood, each
  // expanded node's, the paths, and (with a date or confidence filter) the
  // relations among those nodes that pass it.
  var pathResult = [];
  function load() {
    if (!state.focus) return Promise.resolve(null);
    var vars = { focus: state.focus, depth: state.depth, types: state.types };
    var parts = ['focus: neighborhood(id: $focus, depth: $depth, types: $types, limit: 60, edgeLimit: 400) { ' + GRAPH_FIELDS + ' }'];
    var decl = ['$focus: String!', '$depth: Int!', '$types: [RelationType!]'];
    state.expand.forEach(function (id, i) {
      decl.push('$x' + i + ': String!');
      vars['x' + i] = id;
      parts.push('x' + i + ': neighborhood(id: $x' + i + ', depth: 1, types: $types, limit: 25, edgeLimit: 200) { ' + GRAPH_FIELDS + ' }');
    });
    var q = 'query Explore(' + decl.join(', ') + ') { ' + parts.join(' ') + ' }';
    return gql(q, vars).then(function (d) {
      var nodes = {}, edges = {};
      Object.keys(d).forEach(function (k) {
        d[k].nodes.forEach(function (n) { if (!nodes[n.id]) nodes[n.id] = n; });
        d[k].edges.forEach(function (e) { edges[e.id] = e; });
      });
      return loadPaths(nodes, edges).then(function () { return filterByDate(nodes, edges); });
    });
  }

  var PATHS = 'query Paths($from: String!, $to: String!) { path(from: $from, to: $to, maxHops: 4, first: 3) { id length ' +
    'nodes { id name nameHi type mentionCount } hops { type reversed from { id } to { id } relation { id confidence sourceCount } } } }';

  function loadPaths(nodes, edges) {
    pathResult = [];
    if (!state.from || !state.to) return Promise.resolve();
    return gql(PATHS, { from: state.from, to: state.to }).then(function (d) {
      pathResult = d.path;
      d.path.forEach(function (p) {
        p.nodes.forEach(function (n) {
          if (!nodes[n.id]) nodes[n.id] = { id: n.id, label: n.name, labelHi: n.nameHi, type: n.type, weight: n.mentionCount };
        });
        p.hops.forEach(function (h) {
          var r = h.relation;
          if (!edges[r.id]) {
            var s = h.reversed ? h.to.id : h.from.id, t = h.reversed ? h.from.id : h.to.id;
            edges[r.id] = { id: r.id, source: s, target: t, type: h.type, weight: r.sourceCount, confidence: r.confidence };
          }
        });
      });
      if (!d.path.length) status('no path of at most 4 hops between them');
    });
  }

  // filterByDate keeps the relations stated between state.since and
  // state.asof: the graph query over the shown entities answers which.
  function filterByDate(nodes, edges) {
    if (!state.asof && !state.since) return { nodes: nodes, edges: edges };
    var ids = Object.keys(nodes);
    var q = 'query AsOf($ids: [String!], $types: [RelationType!], $since: Date, $until: Date) { graph(filter: {entities: $ids, types: $types, since: $since, until: $until, limit: 1000}) { edges { id } } }';
    return gql(q, { ids: ids, types: state.types.concat(['PARTICIPATED_IN', 'HELD_IN']), since: state.since || null, until: state.asof || null }).then(function (d) {
      var keep = {};
      d.graph.edges.forEach(function (e) { keep[e.id] = true; });
      // the paths asked for stay whole
      pathResult.forEach(function (p) { p.hops.forEach(function (h) { keep[h.relation.id] = true; }); });
      var out = {};
      Object.keys(edges).forEach(function (id) { if (keep[id]) out[id] = edges[id]; });
      return { nodes: nodes, edges: out };
    });
  }

  // draw puts the loaded graph on the canvas, keeping the positions of the
  // nodes already there (an expanded node grows in place).
  function draw(g) {
    var conf = state.conf;
    var edges = Object.keys(g.edges).map(function (k) { return g.edges[k]; }).filter(function (e) {
      return e.confidence >= conf - 1e-9 && g.nodes[e.source] && g.nodes[e.target];
    });
    var linked = {};
    edges.forEach(function (e) { linked[e.source] = linked[e.target] = true; });
    var pathNodes = {};
    pathResult.forEach(function (p) { p.nodes.forEach(function (n) { pathNodes[n.id] = true; }); });
    var focusId = null;
    var nodes = Object.keys(g.nodes).map(function (k) { return g.nodes[k]; }).filter(function (n) {
      if (n.depth === 0 && focusId === null) focusId = n.id;
      return n.depth === 0 || linked[n.id] || pathNodes[n.id] || state.expand.indexOf(n.id) >= 0;
    });
    var before = {};
    cy.nodes().forEach(function (n) { before[n.id()] = n.position(); });
    var fresh = nodes.some(function (n) { return !before[n.id]; });
    cy.batch(function () {
      cy.elements().remove();
      cy.add(nodes.map(function (n) {
        var d = { id: n.id, label: n.label, labelHi: n.labelHi || '', type: n.type, weight: n.weight, depth: n.depth, size: nodeSize(n.weight), display: display(n), focus: n.id === focusId };
        return before[n.id] ? { group: 'nodes', data: d, position: before[n.id] } : { group: 'nodes', data: d };
      }));
      cy.add(edges.map(function (e) {
        var r = REL[e.type] || { color: '#999', style: 'solid' };
        return {
          group: 'edges',
          data: {
            id: e.id, source: e.source, target: e.target, type: e.type, weight: e.weight, confidence: e.confidence,
            width: edgeWidth(e.weight), color: r.color, style: r.style, arrow: r.sym ? 'none' : 'triangle'
          }
        };
      }));
    });
    highlightPaths();
    if (fresh && Object.keys(before).length === 0) {
      // A new view: the focus in the middle, each hop a ring around it,
      // the most mentioned first.
      cy.layout({
        name: 'concentric', animate: false, padding: 30, minNodeSpacing: 80, spacingFactor: 1.2, avoidOverlap: true, startAngle: 3 / 2 * Math.PI,
        concentric: function (n) { return n.data('focus') ? 100 : 50 - 10 * (n.data('depth') == null ? 3 : n.data('depth')) + Math.min(9, Math.log2(1 + n.data('weight'))); },
        levelWidth: function () { return 10; }
      }).run();
    } else if (fresh) {
      // Grown in place: the nodes already there stay; each new one goes on
      // a ring around a placed neighbour (the node expanded, when it is one).
      var placed = {};
      Object.keys(before).forEach(function (id) { placed[id] = true; });
      var ring = {};
      cy.nodes().forEach(function (n) {
        if (placed[n.id()]) return;
        var anchor = n.neighborhood('node').filter(function (m) { return placed[m.id()]; })
          .sort(function (a, b) { return (state.expand.indexOf(b.id()) >= 0) - (state.expand.indexOf(a.id()) >= 0); })[0];
        var c = anchor ? anchor.position() : { x: 0, y: 0 };
        var k = anchor ? anchor.id() : '';
        var i = ring[k] = (ring[k] || 0) + 1;
        var angle = i * 2.4; // the golden angle spreads them
        var r = 110 + 18 * Math.floor(i / 6);
        n.position({ x: c.x + r * Math.cos(angle), y: c.y + r * Math.sin(angle) });
      });
    }
    reselect();
  }

  function highlightPaths() {
    cy.elements().removeClass('path');
    pathResult.forEach(function (p) {
      p.nodes.forEach(function (n) { cy.getElementById(n.id).addClass('path'); });
      p.hops.forEach(function (h) { cy.getElementById(h.relation.id).addClass('path'); });
    });
  }

  var loading = 0;
  function refresh() {
    writeHash();
    var mine = ++loading;
    return load().then(function (g) {
      if (mine !== loading) return;
      if (!g) { cy.elements().remove(); return; }
      draw(g);
      var focusName = cy.nodes('[?focus]').data('label');
      document.title = 'netagraph · ' + (focusName || 'explorer');
      if (focusName && !searchEl.value) searchEl.value = focusName;
    }).catch(failed);
  }

  // ---- details: a node ----

  var NODE_DETAILS = 'query Node($id: ID!, $key: String!) { entity(id: $id) { id name nameHi type mentionCount aliases ' +
    'relations(first: 100) { id type from { id name } to { id name } sourceCount confidence firstSeen lastSeen } ' +
    '... on Person { offices { title place { name } current firstSeen } parties { id name } } ' +
    '... on Party { leaders { id name } coalitions { id name } } ' +
    '... on Coalition { members { id name } leader { id name } } ' +
    '... on Place { within { id name } } ' +
    '... on Event { kind date place { id name } participants { id name } } } ' +
    'timeline(id: $key, first: 50) { id name kind date place { name } participants(first: 6) { id name } } }';

  var details = document.getElementById('details');

  function chips(list) {
    return el('div', { class: 'chips' }, list.map(function (e) {
      return el('button', { type: 'button', class: 'chip', text: e.name, 'data-id': e.id, onclick: function () { focusOn(e.id); } });
    }));
  }

  function showNode(id) {
    details.textContent = '';
    details.appendChild(el('p', { class: 'sub', text: 'loading…' }));
    return gql(NODE_DETAILS, { id: id, key: id }).then(function (d) {
      var e = d.entity;
      details.textContent = '';
      if (!e) { details.appendChild(el('p', { text: 'No entity ' + id })); return; }
      details.appendChild(el('h3', { text: e.name }));
      if (e.nameHi) details.appendChild(el('p', { class: 'hindi', lang: 'hi', text: e.nameHi }));
      details.appendChild(el('p', { class: 'sub' }, [el('span', { class: 'badge', text: e.type }), ' ' + e.mentionCount + ' mentions · ' + e.id]));
      details.appendChild(el('p', { class: 'buttons' }, [
        el('button', { type: 'button', text: 'Centre here', onclick: function () { focusOn(e.id); } }),
        el('button', { type: 'button', text: 'Expand', onclick: function () { expand(e.id); } })
      ]));
      if (e.offices && e.offices.length) {
        details.appendChild(el('h2', { text: 'Offices' }));
        details.appendChild(el('ul', { class: 'plain' }, e.offices.map(function (o) {
          return el('li', { text: (o.current === false ? 'former ' : '') + (o.title || 'office') + (o.place ? ', ' + o.place.name : '') + (o.firstSeen ? ' (since ' + day(o.firstSeen) + ')' : '') });
        })));
      }
      if (e.parties && e.parties.length) { details.appendChild(el('h2', { text: 'Parties' })); details.appendChild(chips(e.parties)); }
      if (e.leaders && e.leaders.length) { details.appendChild(el('h2', { text: 'Leaders' })); details.appendChild(chips(e.leaders)); }
      if (e.coalitions && e.coalitions.length) { details.appendChild(el('h2', { text: 'Coalitions' })); details.appendChild(chips(e.coalitions)); }
      if (e.members && e.members.length) { details.appendChild(el('h2', { text: 'Members' })); details.appendChild(chips(e.members)); }
      if (e.participants && e.participants.length) {
        details.appendChild(el('h2', { text: 'Event' }));
        details.appendChild(el('p', { text: e.kind + (e.date ? ', ' + e.date : '') + (e.place ? ', ' + e.place.name : '') }));
        details.appendChild(chips(e.participants));
      }
      if (e.type === 'Party') allianceSection(e);
      timelineSection(d.timeline);
      relationSection(e);
    }).catch(failed);
  }

  function relationSection(e) {
    var groups = {};
    e.relations.forEach(function (r) { (groups[r.type] = groups[r.type] || []).push(r); });
    var types = Object.keys(groups);
    details.appendChild(el('h2', { text: 'Relations (' + e.relations.length + ')' }));
    if (!types.length) details.appendChild(el('p', { class: 'sub', text: 'none' }));
    types.forEach(function (t) {
      details.appendChild(el('p', { class: 'meta', text: (REL[t] ? REL[t].label : t) + ' · ' + groups[t].length }));
      details.appendChild(el('ul', { class: 'plain' }, groups[t].map(function (r) {
        var other = r.from.id === e.id ? r.to : r.from;
        var dir = r.from.id === e.id || (REL[t] && REL[t].sym) ? '→ ' : '← ';
        return el('li', {}, [
          dir,
          el('button', { type: 'button', class: 'link', text: other.name, onclick: function () { selectEdgeOrShow(r); } }),
          el('span', { class: 'meta', text: ' ' + r.sourceCount + ' source' + (r.sourceCount === 1 ? '' : 's') + ', ' + r.confidence.toFixed(2) + (r.firstSeen ? ', ' + day(r.firstSeen) : '') })
        ]);
      })));
    });
  }

  function allianceSection(e) {
    var q = 'query Allies($party: String!, $asOf: Date) { alliances(party: $party, asOf: $asOf) { ally { id name } direct coalitions { name } firstSeen } }';
    var box = el('div');
    details.appendChild(el('h2', { text: 'Allies' + (state.asof ? ' as of ' + state.asof : '') }));
    details.appendChild(box);
    gql(q, { party: e.id, asOf: state.asof || null }).then(function (d) {
      if (!d.alliances.length) { box.appendChild(el('p', { class: 'sub', text: 'none stated' + (state.asof ? ' by then' : '') })); return; }
      box.appendChild(el('ul', { class: 'plain' }, d.alliances.map(function (a) {
        return el('li', {}, [
          el('button', { type: 'button', class: 'link', text: a.ally.name, onclick: function () { focusOn(a.ally.id); } }),
          el('span', { class: 'meta', text: ' ' + (a.direct ? 'direct' : 'via ' + a.coalitions.map(function (c) { return c.name; }).join(', ')) + (a.firstSeen ? ', since ' + day(a.firstSeen) : '') })
        ]);
      })));
    }).catch(failed);
  }

  // timelineSection draws an entity's dated events on a scale, then lists
  // them all (undated ones last).
  function timelineSection(events) {
    details.appendChild(el('h2', { text: 'Timeline (' + events.length + ' events)' }));
    if (!events.length) { details.appendChild(el('p', { class: 'sub', text: 'no events' })); return; }
    var dated = events.filter(function (ev) { return ev.date; });
    if (dated.length) {
      var t = function (ev) { return Date.parse(ev.date.length === 4 ? ev.date + '-07-01' : ev.date); };
      var lo = Math.min.apply(null, dated.map(t)), hi = Math.max.apply(null, dated.map(t));
      var y0 = new Date(lo).getUTCFullYear(), y1 = new Date(hi).getUTCFullYear() + 1;
      var a = Date.UTC(y0, 0, 1), b = Date.UTC(y1, 0, 1);
      var bar = el('div', { class: 'timeline', role: 'img', 'aria-label': 'events from ' + y0 + ' to ' + (y1 - 1) });
      var step = Math.max(1, Math.ceil((y1 - y0) / 5));
      for (var y = y0; y <= y1; y += step) {
        bar.appendChild(el('span', { class: 'tick', style: 'left:' + (100 * (Date.UTC(y, 0, 1) - a) / (b - a)) + '%', text: String(y) }));
      }
      dated.forEach(function (ev) {
        var dot = el('span', { class: 'dot', title: ev.date + ' · ' + ev.name, style: 'left:' + (100 * (t(ev) - a) / (b - a)) + '%;background:' + (NODE_COLOR.Event) });
        dot.addEventListener('click', function () { focusOn(ev.id); });
        bar.appendChild(dot);
      });
      details.appendChild(bar);
    }
    details.appendChild(el('ul', { class: 'plain timeline-list' }, events.map(function (ev) {
      return el('li', {}, [
        el('span', { class: 'badge', text: ev.date || 'undated' }), ' ',
        el('button', { type: 'button', class: 'link', text: ev.name, onclick: function () { focusOn(ev.id); } }),
        el('span', { class: 'meta', text: ' ' + ev.kind.toLowerCase().replace('_', ' ') + (ev.participants.length ? ' · ' + ev.participants.map(function (p) { return p.name; }).join(', ') : '') })
      ]);
    })));
  }

  // ---- details: an edge ----

  var EDGE_DETAILS = 'query Edge($from: String!, $to: String!, $types: [RelationType!]) { ' +
    'relations(filter: {from: $from, to: $to, types: $types}, first: 10) { edges { node { id type from { id name } to { id name } ' +
    'confidence sourceCount firstSeen lastSeen office current ' +
    'evidence(first: 20) { id sentence confidence article { id title publishedAt url source lang } } } } } }';

  function showEdge(data) {
    details.textContent = '';
    details.appendChild(el('p', { class: 'sub', text: 'loading…' }));
    return gql(EDGE_DETAILS, { from: data.source, to: data.target, types: [data.type] }).then(function (d) {
      var rel = null;
      d.relations.edges.forEach(function (x) { if (x.node.id === data.id) rel = x.node; });
      if (!rel && d.relations.edges.length) rel = d.relations.edges[0].node;
      details.textContent = '';
      if (!rel) { details.appendChild(el('p', { text: 'This relation is no longer in the graph.' })); return; }
      details.appendChild(el('h3', {}, [
        el('button', { type: 'button', class: 'link', text: rel.from.name, onclick: function () { selectNode(rel.from.id); } }),
        ' ' + (REL[rel.type] ? REL[rel.type].label : rel.type) + ' ',
        el('button', { type: 'button', class: 'link', text: rel.to.name, onclick: function () { selectNode(rel.to.id); } })
      ]));
      details.appendChild(el('p', { class: 'sub' }, [
        el('span', { class: 'badge', text: rel.type }),
        ' confidence ' + rel.confidence.toFixed(2) + ' · ' + rel.sourceCount + ' source' + (rel.sourceCount === 1 ? '' : 's') +
        (rel.firstSeen ? ' · first ' + day(rel.firstSeen) : '') + (rel.lastSeen && day(rel.lastSeen) !== day(rel.firstSeen) ? ', last ' + day(rel.lastSeen) : '') +
        (rel.office ? ' · ' + rel.office + (rel.current === false ? ' (former)' : '') : '')
      ]));
      details.appendChild(el('h2', { text: 'Evidence' }));
      details.appendChild(el('ul', { class: 'plain evidence' }, rel.evidence.map(function (ev) {
        var a = ev.article;
        var title = a.url ? el('a', { href: a.url, target: '_blank', rel: 'noopener noreferrer', text: a.title }) : el('span', { text: a.title });
        return el('li', {}, [
          el('blockquote', { lang: a.lang || 'hi', text: ev.sentence }),
          el('div', { class: 'meta' }, [title, ' · ' + (day(a.publishedAt) || 'undated') + (a.source ? ' · ' + a.source : '') + ' · ' + ev.confidence.toFixed(2)])
        ]);
      })));
    }).catch(failed);
  }

  // ---- selection ----

  function reselect() {
    var sel = state.sel;
    cy.elements().unselect();
    if (!sel) return;
    var ele = cy.getElementById(sel.slice(2));
    if (ele.nonempty()) ele.select();
  }
  function selectNode(id) {
    state.sel = 'n:' + id;
    writeHash();
    reselect();
    showNode(id);
  }
  function selectEdge(data) {
    state.sel = 'e:' + data.id;
    writeHash();
    reselect();
    showEdge(data);
  }
  function selectEdgeOrShow(r) {
    var data = { id: r.id, source: r.from.id, target: r.to.id, type: r.type };
    selectEdge(data);
  }

  cy.on('tap', 'node', function (ev) { selectNode(ev.target.id()); });
  cy.on('tap', 'edge', function (ev) { selectEdge(ev.target.data()); });
  cy.on('dbltap', 'node', function (ev) { expand(ev.target.id()); });

  function focusOn(id) {
    state.focus = id;
    state.expand = [];
    state.sel = 'n:' + id;
    cy.elements().remove();
    refresh().then(function () { showNode(id); });
    loadDateRange();
  }
  function expand(id) {
    if (id === state.focus || state.expand.indexOf(id) >= 0) { status('already expanded'); return; }
    state.expand.push(id);
    refresh();
  }

  // ---- controls ----

  var depthEl = document.getElementById('depth');
  var labelsEl = document.getElementById('labels');
  var confEl = document.getElementById('conf'), confOut = document.getElementById('conf-out');
  var asofEl = document.getElementById('asof'), asofOut = document.getElementById('asof-out');
  var sinceEl = document.getElementById('since'), sinceOut = document.getElementById('since-out');
  var typesEl = document.getElementById('types');

  REL_TYPES.forEach(function (t) {
    var box = el('input', { type: 'checkbox', value: t });
    box.addEventListener('change', function () {
      state.types = REL_TYPES.filter(function (x) { return typesEl.querySelector('input[value=' + x + ']').checked; });
      refresh();
    });
    typesEl.appendChild(el('label', {}, [box, el('span', { class: 'stroke', style: 'border-top-style:' + REL[t].style + ';border-top-color:' + REL[t].color }), REL[t].label]));
  });
  function setTypes(list) { state.types = list; syncControls(); refresh(); }
  document.getElementById('types-all').addEventListener('click', function () { setTypes(REL_TYPES.slice()); });
  document.getElementById('types-none').addEventListener('click', function () { setTypes([]); });

  var legend = document.getElementById('legend');
  Object.keys(NODE_COLOR).forEach(function (t) {
    legend.appendChild(el('div', {}, [el('span', { class: 'swatch', style: 'background:' + NODE_COLOR[t] }), t]));
  });
  legend.appendChild(el('p', { class: 'hint', text: 'Node size: mentions. Edge width: sources. Edge colour and dashes: relation type (left).' }));

  depthEl.addEventListener('change', function () { state.depth = parseInt(depthEl.value, 10); refresh(); });
  labelsEl.addEventListener('change', function () {
    state.labels = labelsEl.value;
    writeHash();
    cy.nodes().forEach(function (n) { n.data('display', display({ label: n.data('label'), labelHi: n.data('labelHi') })); });
  });
  confEl.addEventListener('input', function () { confOut.textContent = parseFloat(confEl.value).toFixed(2); });
  confEl.addEventListener('change', function () { state.conf = parseFloat(confEl.value); refresh(); });

  // The time slider runs by month over the dates of the focus's relations;
  // its last step means every date.
  var months = [];
  function monthLabel(i) { return i >= months.length - 1 ? 'all dates' : months[i]; }
  function loadDateRange() {
    if (!state.focus) return;
    var q = 'query Range($id: String!) { out: relations(filter: {from: $id}, first: 100) { edges { node { firstSeen lastSeen } } } ' +
      'in: relations(filter: {to: $id}, first: 100) { edges { node { firstSeen lastSeen } } } }';
    gql(q, { id: state.focus }).then(function (d) {
      var dates = [];
      d.out.edges.concat(d.in.edges).forEach(function (x) { if (x.node.firstSeen) dates.push(day(x.node.firstSeen)); if (x.node.lastSeen) dates.push(day(x.node.lastSeen)); });
      dates.sort();
      months = [];
      if (dates.length) {
        var y = +dates[0].slice(0, 4), m = +dates[0].slice(5, 7);
        var end = dates[dates.length - 1];
        for (;;) {
          var last = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10); // the month's last day
          months.push(last);
          if (last >= end) break;
          m++; if (m > 12) { m = 1; y++; }
        }
      }
      months.push('');
      asofEl.max = sinceEl.max = String(months.length - 1);
      asofEl.disabled = sinceEl.disabled = months.length < 2;
      syncAsOf();
    }).catch(failed);
  }
  function syncAsOf() {
    var i = state.asof ? months.indexOf(state.asof) : months.length - 1;
    if (i < 0) {
      // a date from the URL between steps: the first step on or after it
      i = months.findIndex(function (m) { return m === '' || m >= state.asof; });
    }
    asofEl.value = String(Math.max(0, i));
    asofOut.textContent = state.asof || 'all dates';
    var j = state.since ? months.findIndex(function (m) { return m === '' || m >= state.since; }) : 0;
    sinceEl.value = String(Math.max(0, j));
    sinceOut.textContent = state.since || 'the start';
  }
  // since: the first day of the step's month; the first step means no bound.
  function sinceAt(i) { return i <= 0 || i >= months.length - 1 ? '' : months[i].slice(0, 8) + '01'; }
  sinceEl.addEventListener('input', function () { sinceOut.textContent = sinceAt(parseInt(sinceEl.value, 10)) || 'the start'; });
  sinceEl.addEventListener('change', function () {
    state.since = sinceAt(parseInt(sinceEl.value, 10));
    refresh();
  });
  asofEl.addEventListener('input', function () { asofOut.textContent = monthLabel(parseInt(asofEl.value, 10)); });
  asofEl.addEventListener('change', function () {
    var i = parseInt(asofEl.value, 10);
    state.asof = i >= months.length - 1 ? '' : months[i];
    refresh().then(function () { if (state.sel.indexOf('n:') === 0) showNode(state.sel.slice(2)); });
  });

  function syncControls() {
    depthEl.value = String(state.depth);
    labelsEl.value = state.labels;
    confEl.value = String(state.conf);
    confOut.textContent = state.conf.toFixed(2);
    REL_TYPES.forEach(function (t) { typesEl.querySelector('input[value=' + t + ']').checked = state.types.indexOf(t) >= 0; });
  }

  var searchEl = document.getElementById('search');
  combo(searchEl, document.getElementById('search-list'), function (e) { focusOn(e.id); });

  var fromEl = document.getElementById('path-from'), toEl = document.getElementById('path-to');
  combo(fromEl, fromEl.nextElementSibling, function () {});
  combo(toEl, toEl.nextElementSibling, function () {});
  document.getElementById('path-go').addEventListener('click', function () {
    var from = fromEl.getAttribute('data-id') || fromEl.value.trim();
    var to = toEl.getAttribute('data-id') || toEl.value.trim();
    if (!from || !to) { status('name both ends of the path', true); return; }
    state.from = from; state.to = to;
    if (!state.focus) state.focus = from;
    refresh().then(showPaths);
  });
  document.getElementById('path-clear').addEventListener('click', function () {
    state.from = state.to = ''; fromEl.value = toEl.value = '';
    refresh();
  });

  function showPaths() {
    if (!pathResult.length) return;
    details.textContent = '';
    details.appendChild(el('h3', { text: 'Paths' }));
    pathResult.forEach(function (p) {
      var names = {};
      p.nodes.forEach(function (n) { names[n.id] = n.name; });
      details.appendChild(el('p', { class: 'meta', text: p.length + ' hop' + (p.length === 1 ? '' : 's') }));
      details.appendChild(el('ul', { class: 'plain' }, p.hops.map(function (h) {
        // each hop told the way its relation is stated
        var src = h.reversed ? h.to.id : h.from.id, dst = h.reversed ? h.from.id : h.to.id;
        return el('li', {}, [
          names[src] + ' ',
          el('button', { type: 'button', class: 'link', text: REL[h.type] ? REL[h.type].label : h.type, onclick: function () {
            selectEdge({ id: h.relation.id, source: src, target: dst, type: h.type });
          } }),
          ' ' + names[dst]
        ]);
      })));
    });
  }

  // ---- export ----

  function download(name, blob) {
    var a = el('a', { href: URL.createObjectURL(blob), download: name });
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }
  function baseName() { return 'netagraph-' + (state.focus || 'view').replace(/[^A-Za-z0-9-]+/g, '-'); }
  document.getElementById('export-png').addEventListener('click', function () {
    download(baseName() + '.png', cy.png({ output: 'blob', full: true, scale: 2, bg: '#ffffff' }));
  });
  document.getElementById('export-json').addEventListener('click', function () {
    var out = {
      view: location.href,
      nodes: cy.nodes().map(function (n) { return { id: n.id(), label: n.data('label'), labelHi: n.data('labelHi') || null, type: n.data('type'), mentions: n.data('weight'), position: n.position() }; }),
      edges: cy.edges().map(function (e) { return { id: e.id(), source: e.data('source'), target: e.data('target'), type: e.data('type'), sources: e.data('weight'), confidence: e.data('confidence') }; })
    };
    download(baseName() + '.json', new Blob([JSON.stringify(out, null, 2)], { type: 'application/json' }));
  });
  document.getElementById('fit').addEventListener('click', function () { cy.fit(undefined, 30); });

  // For the browser test and the curious: the graph and the state.
  window.explorer = { cy: cy, state: state };

  // ---- start ----

  function start() {
    readHash();
    syncControls();
    if (state.from && state.to) { fromEl.value = state.from; toEl.value = state.to; }
    if (!state.focus) return;
    loadDateRange();
    refresh().then(function () {
      var sel = state.sel;
      if (sel.indexOf('n:') === 0) showNode(sel.slice(2));
      else if (sel.indexOf('e:') === 0) {
        var e = cy.getElementById(sel.slice(2));
        if (e.nonempty()) showEdge(e.data());
      } else if (pathResult.length) showPaths();
    });
  }
  window.addEventListener('hashchange', function () {
    var h = location.hash;
    // only a hash someone typed or pasted: ours are written with replaceState
    if (h) start();
  });

  // Canvas labels are drawn once: wait for the Devanagari font first.
  var ready = document.fonts && document.fonts.load ? document.fonts.load('11px "Noto Sans Devanagari"', 'अ') : Promise.resolve();
  ready.then(start, start);
})();
