/* partnet explorer: search, selection panel, filters, ties, chains between organisations, pan and zoom.
 *
 * Reads the graph from the JSON block #partnet-data and the diagram's SVG from #diagram, where
 * node k is the group with id "nk" and edge k the group with id "ek" (when the SVG has ids; a
 * pair tied both ways also "ek-back", its second arrow).
 * Names are data: everything from the data reaches the page through textContent or setAttribute,
 * never innerHTML. */
'use strict';
(() => {
  const $ = (id) => document.getElementById(id);
  /** "1 link", "2 links": a count and its noun, as partnet's `text::plural` words it. */
  const plural = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
  const data = JSON.parse($('partnet-data').textContent);
  const nodes = data.nodes;
  const sources = data.sources;
  const node = new Map();
  for (const n of nodes) {
    n.links = [];
    n.ties = [];
    n.tied = [];
    n.on = true;
    node.set(n.k, n);
  }
  const links = data.links.filter((l) => node.has(l.entity) && node.has(l.project));
  for (const l of links) {
    l.on = true;
    l.ends = [l.entity, l.project];
    node.get(l.entity).links.push(l);
    node.get(l.project).links.push(l);
  }
  /* A tie in the data is one kind in one direction ("from is KIND of to"); the diagram draws one
   * line per tied pair, so the ties of a pair share a tie edge, which chains walk as one step. */
  const ties = (data.ties || []).filter((t) => node.has(t.from_k) && node.has(t.to_k));
  const tieEdges = new Map();
  for (const t of ties) {
    t.on = true;
    t.records = t.records || [];
    if (!tieEdges.has(t.k)) {
      const edge = { k: t.k, tie: true, ends: [t.from_k, t.to_k], ties: [], on: true };
      tieEdges.set(t.k, edge);
      node.get(t.from_k).tied.push(edge);
      node.get(t.to_k).tied.push(edge);
    }
    t.edge = tieEdges.get(t.k);
    t.edge.ties.push(t);
    node.get(t.from_k).ties.push(t);
    node.get(t.to_k).ties.push(t);
  }
  /* The date control's rules are --as-of's: a record is known from its date (undated: always),
   * a project from its own date (else from its first record), an organisation from its first
   * record; a link's status as of a date is, per role, its latest record's, the most definite of
   * the roles (facts::status_as_of). A tie is known from its date (else its earliest source's) and
   * shown until its `until` (filter::tie_ok); ties make their ends known as records do.
   * Dates compare as text: "2025-11" sorts before "2025-11-05". */
  const rank = new Map((data.statuses || []).map((s, i) => [s, i + 1]));
  const rankOf = (s) => rank.get(s) || 0;
  const knownAt = (date, d) => !date || date <= d;
  for (const l of links) l.records = l.records || [];
  const recordDates = [...links, ...ties].flatMap((x) => x.records.map((r) => r.date));
  const dates = [...new Set([...recordDates, ...nodes.map((n) => n.reported)].filter(Boolean))].sort();
  /** The link's status as of date d, or null when none of its records is known by then. */
  function statusAt(l, d) {
    if (d === null) return l.status;
    const byRole = new Map();
    for (const r of l.records) {
      if (!knownAt(r.date, d)) continue;
      const when = r.date || '';
      const last = byRole.get(r.role);
      if (!last || when > last.when || (when === last.when && rankOf(r.status) > rankOf(last.status))) {
        byRole.set(r.role, { when, status: r.status });
      }
    }
    let best = null;
    for (const { status } of byRole.values()) if (best === null || rankOf(status) > rankOf(best)) best = status;
    return best;
  }
  /** Whether link l has a record of status s known by date d (null: all dates): what `--status s`
   *  keeps of it (filter::record_ok), whatever status a later record moved it to. */
  const hasStatusAt = (l, s, d) => l.records.some((r) => r.status === s && (d === null || knownAt(r.date, d)));
  /** The sources of a link's records known by date d, each once. */
  function sourcesAt(l, d) {
    if (d === null) return l.sources;
    return [...new Set(l.records.filter((r) => knownAt(r.date, d)).flatMap((r) => r.sources))];
  }
  /** Whether a tie still holds at date d by its `until` (Tie::holds_on): a month or a year ends
   *  on its last day, so "2025-06" holds on "2025-06-30" though it sorts before it. */
  const holdsAt = (until, d) => !until || d.slice(0, until.length) <= until;
  /** Whether a tie record stands at date d: reported by then and not ended before. */
  const standsAt = (r, d) => knownAt(r.date, d) && holdsAt(r.until, d);
  /** The tie's status as of date d (null: all dates) among its records of status `only` (if
   *  given): the most definite of those that stand then (as facts::TieLink), or null if none does. */
  function tieStatusAt(t, d, only) {
    let best = null;
    for (const r of t.records) {
      if ((d === null || standsAt(r, d)) && (!only || r.status === only) && (best === null || rankOf(r.status) > rankOf(best))) {
        best = r.status;
      }
    }
    return best;
  }
  /** The sources of a tie's records that stand at date d, each once. */
  function tieSourcesAt(t, d) {
    if (d === null) return t.cited;
    return [...new Set(t.records.filter((r) => standsAt(r, d)).flatMap((r) => r.sources))];
  }
  /** A node is known by d from its own date, else from its first record, a tie's counting too. */
  function knownNode(n, d) {
    if (d === null) return true;
    if (n.reported) return n.reported <= d;
    const records = [...n.links, ...n.ties].flatMap((x) => x.records);
    return !records.length || records.some((r) => knownAt(r.date, d));
  }
  const isProject = (n) => n.kind === 'project';
  /** The node at the other end of a link or a tie edge. */
  const other = (l, k) => (l.ends[0] === k ? l.ends[1] : l.ends[0]);
  /** How the panel of node k lists tie t: its heading and what the other end is to k. */
  const seenFrom = (t, k) => (t.from_k === k ? t.at_from : t.at_to);
  /** "Cameco owner 49% of" … : how the one that is KIND of the other stands to it, with a title. */
  const tieWords = (t) => t.at_to.other_is + (t.title ? ` (${t.title})` : '');
  const byName = (a, b) => a.name.localeCompare(b.name);

  /* sel: the selected node; edge: the selected link or tie edge (one of the two at a time). */
  const state = { sel: null, edge: null, from: null, to: null, chain: null };

  /* ---------- DOM helpers: text only ---------- */

  /** An element with attributes (constants or checked URLs) and children (nodes or text). */
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (name === 'class') e.className = value;
      else if (name === 'onclick') e.addEventListener('click', value);
      else e.setAttribute(name, value);
    }
    for (const c of children) if (c !== null && c !== undefined && c !== false) e.append(c);
    return e;
  }

  /** A button that selects node k. */
  function nameButton(n, cls) {
    return el('button', { type: 'button', class: cls || 'name', onclick: () => select(n.k, true) }, n.name);
  }

  /** Only http(s) addresses become links; anything else stays text. */
  function safeUrl(text) {
    try {
      const url = new URL(text);
      return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
    } catch (_) {
      return null;
    }
  }

  function sourceList(indices) {
    const ul = el('ul', { class: 'sources' });
    for (const i of indices || []) {
      const s = sources[i];
      if (!s) continue;
      const label = s.title || s.id;
      const href = s.url ? safeUrl(s.url) : null;
      const li = el('li', { title: s.id });
      li.append(href ? el('a', { href, target: '_blank', rel: 'noopener noreferrer' }, label) : label);
      const tail = [s.publisher, s.date].filter(Boolean).join(', ');
      if (tail) li.append(' — ' + tail);
      if (s.url && !href) li.append(' (' + s.url + ')');
      ul.append(li);
    }
    return ul.childElementCount ? ul : null;
  }

  function tags(list, cls) {
    return list.filter(Boolean).map((t) => el('span', { class: cls || 'tag' }, t));
  }

  /* ---------- diagram elements ---------- */

  const diagram = $('diagram');
  const svg = diagram.querySelector('svg');
  for (const n of nodes) n.el = svg ? document.getElementById('n' + n.k) : null;
  for (const l of [...links, ...tieEdges.values()]) l.el = svg ? document.getElementById('e' + l.k) : null;
  /* A pair tied both ways (a cross-holding) is drawn as two arrows: the second, `e<k>-back`, is
   * the same tie edge's and follows it everywhere the first goes (filters, selection, steps). */
  for (const e of tieEdges.values()) e.back = svg ? document.getElementById('e' + e.k + '-back') : null;
  /** The diagram's elements of a node, link or tie edge. */
  const elsOf = (item) => [item.el, item.back].filter(Boolean);
  const hasIds = nodes.some((n) => n.el);
  /* Other edges the diagram draws (a project that is part of a programme): hidden with a hidden end
   * when Graphviz's title names the ends ("n3--n7"), else whenever a filter is on. */
  const extraEdges = svg
    ? [...svg.querySelectorAll('g.edge')]
        .filter((g) => !/^e\d+(-back)?$/.test(g.id))
        .map((g) => {
          const ends = /^n(\d+)-[->]n(\d+)$/.exec((g.querySelector('title') || {}).textContent || '');
          return { el: g, ends: ends ? [Number(ends[1]), Number(ends[2])] : null };
        })
    : [];

  /** Links and tie edges by their index, for clicks on the diagram's lines. */
  const edgeByK = new Map([...links.map((l) => [l.k, l]), ...tieEdges]);
  /** The shown link or tie edge whose line (or label) holds `target`, if any. */
  function clickedEdge(target) {
    const g = target.closest('g.edge');
    const edge = g && /^e\d+(-back)?$/.test(g.id) ? edgeByK.get(parseInt(g.id.slice(1), 10)) : null;
    return edge && edge.on ? edge : null;
  }

  let lit = [];
  /** Marks the selection's neighbourhood and the chain in the diagram; dims the rest. */
  function highlight() {
    for (const e of lit) e.classList.remove('hl', 'sel', 'path');
    lit = [];
    const mark = (item, cls) => {
      for (const e of item ? elsOf(item) : []) {
        e.classList.add(cls);
        lit.push(e);
      }
    };
    let focus = false;
    if (state.edge) {
      focus = true;
      mark(state.edge, 'hl');
      mark(state.edge, 'sel');
      for (const k of state.edge.ends) mark(node.get(k), 'hl');
    }
    if (state.sel !== null) {
      focus = true;
      const n = node.get(state.sel);
      mark(n, 'hl');
      mark(n, 'sel');
      for (const e of n.tied) {
        if (!e.on) continue;
        mark(e, 'hl');
        mark(node.get(other(e, n.k)), 'hl');
      }
      for (const l of n.links) {
        if (!l.on) continue;
        const p = node.get(other(l, n.k));
        mark(l, 'hl');
        mark(p, 'hl');
        if (isProject(n)) continue;
        for (const l2 of p.links) {
          if (!l2.on) continue;
          mark(l2, 'hl');
          mark(node.get(other(l2, p.k)), 'hl');
        }
      }
    }
    if (state.chain) {
      focus = true;
      for (const k of state.chain.nodes) mark(node.get(k), 'path');
      for (const l of state.chain.links) mark(l, 'path');
    }
    if (svg) svg.classList.toggle('focus', focus);
  }

  /* ---------- selection and panel ---------- */

  function select(k, reveal) {
    // A result or panel button that is about to vanish hands the keyboard focus to the new panel.
    const from = document.activeElement;
    const moveFocus = from && from.closest && from.closest('#results, #side');
    state.sel = k;
    state.edge = null;
    hideResults();
    renderPanel();
    highlight();
    if (reveal) revealNode(node.get(k));
    if (moveFocus) $('panel').querySelector('h2').focus();
  }

  /** Selects a line of the diagram: a participation link or a tie edge. */
  function selectEdge(edge) {
    state.sel = null;
    state.edge = edge;
    hideResults();
    renderPanel();
    highlight();
  }

  function clearSelection() {
    state.sel = null;
    state.edge = null;
    renderPanel();
    highlight();
  }

  function renderPanel() {
    const panel = $('panel');
    panel.replaceChildren();
    if (state.edge) renderEdge(panel, state.edge);
    else if (state.sel !== null) renderNode(panel, node.get(state.sel));
    else {
      panel.append(
        el('p', { class: 'hint' }, 'Search or click an organisation in the diagram to see its partners, projects and ties.'),
        el('p', { class: 'hint' }, 'Click a line to see the participation or tie it stands for, with its sources.'),
        el('p', { class: 'hint' }, 'To see how two organisations are linked, pick one with “Chain from here” and the other with “Chain to here”.'),
      );
      if (svg && !hasIds) {
        panel.append(el('p', { class: 'hint' }, 'This diagram has no node ids: selections show here, not in it.'));
      }
    }
  }

  function renderNode(panel, n) {
    const own = n.links.filter((l) => l.on);
    own.sort((a, b) => byName(node.get(other(a, n.k)), node.get(other(b, n.k))));
    panel.append(el('h2', { tabindex: '-1' }, n.name));
    if (isProject(n)) {
      panel.append(el('p', { class: 'meta' }, ['project', n.sector, n.location, n.date].filter(Boolean).join(' · ')));
      const line = el('div', { class: 'line' });
      if (n.value) line.append(el('span', { class: 'value' }, n.value));
      if (n.status) line.append(el('span', { class: 'tag status', title: 'project status' }, n.status));
      if (line.childElementCount) panel.append(line);
    } else {
      const where = [n.kind, n.country, (n.sectors || []).join(', ')].filter(Boolean).join(' · ');
      panel.append(el('p', { class: 'meta' }, where));
      if (n.aliases && n.aliases.length) panel.append(el('p', { class: 'meta' }, 'Also known as ' + n.aliases.join(', ')));
    }
    if (n.note) panel.append(el('p', { class: 'note' }, n.note));
    const home = n.url ? safeUrl(n.url) : null;
    if (home) panel.append(el('p', { class: 'meta' }, el('a', { href: home, target: '_blank', rel: 'noopener noreferrer' }, home)));
    panel.append(
      el(
        'div',
        { class: 'actions' },
        el('button', { type: 'button', onclick: () => setEnd('from', n.k) }, 'Chain from here'),
        el('button', { type: 'button', onclick: () => setEnd('to', n.k) }, 'Chain to here'),
      ),
    );
    if (isProject(n)) {
      const cited = sourceList(n.sources);
      if (cited) panel.append(el('h3', null, 'Sources'), cited);
      panel.append(el('h3', null, `Participants (${own.length})`));
      panel.append(cards(own, (l) => node.get(l.entity), false));
      return;
    }
    const list = partnersOf(n, own);
    panel.append(el('h3', null, `Partners (${list.length})`));
    const ul = el('ul', { class: 'partners' });
    for (const p of list) ul.append(el('li', null, nameButton(p)));
    panel.append(list.length ? ul : el('p', { class: 'hint' }, 'None under the current filters.'));
    panel.append(el('h3', null, `Projects (${own.length})`));
    panel.append(cards(own, (l) => node.get(l.project), true));
    panel.append(...tieSections(n));
  }

  /** An organisation's partners, as `partners` counts them at depth 1: those sharing a shown
   *  project with it, and those tied to it by a shown tie. */
  function partnersOf(n, own) {
    const partners = new Map();
    for (const l of own) {
      for (const l2 of node.get(l.project).links) {
        if (l2.on && l2.entity !== n.k) partners.set(l2.entity, node.get(l2.entity));
      }
    }
    for (const e of n.tied) if (e.on) partners.set(other(e, n.k), node.get(other(e, n.k)));
    return [...partners.values()].sort(byName);
  }

  const capital = (text) => text.charAt(0).toUpperCase() + text.slice(1);

  /** The organisation's shown ties under `show`'s headings (owners, parent, owns, subsidiaries,
   *  joint ventures, people, ties), each card worded as `show` words it. */
  function tieSections(n) {
    const own = n.ties.filter((t) => t.on);
    const out = [];
    for (const group of data.tie_groups || []) {
      const members = own.filter((t) => seenFrom(t, n.k).group === group);
      if (!members.length) continue;
      members.sort((a, b) => byName(node.get(other(a.edge, n.k)), node.get(other(b.edge, n.k))) || a.kind.localeCompare(b.kind));
      const ul = el('ul', { class: 'cards ties', 'data-group': group });
      for (const t of members) ul.append(tieCard(t, n));
      out.push(el('h3', null, `${capital(group)} (${members.length})`), ul);
    }
    return out;
  }

  /** A tie in node n's panel: "Cameco: owner 49% of Westinghouse Electric Company", then its
   *  status, dates, evidence and sources. */
  function tieCard(t, n) {
    const says = `: ${seenFrom(t, n.k).other_is} ${n.name}` + (t.title ? ` (${t.title})` : '');
    return el('li', null, nameButton(node.get(other(t.edge, n.k))), el('span', { class: 'says' }, says), ...tieDetails(t, false));
  }

  /** What a tie card shows under its sentence: status (as of the date control), share and kind
   *  when asked, dates, value, evidence and the sources known by then. */
  function tieDetails(t, full) {
    const line = el('div', { class: 'line' });
    if (full) line.append(el('span', { class: 'tag' }, t.kind));
    if (full && t.share !== undefined) line.append(el('span', { class: 'tag' }, `share ${t.share}%`));
    line.append(el('span', { class: 'tag status', title: 'status of this tie' }, t.now || t.status));
    if (t.date) line.append(el('span', { class: 'meta' }, 'since ' + t.date));
    if (t.until) line.append(el('span', { class: 'meta' }, 'until ' + t.until));
    if (t.value) line.append(el('span', { class: 'value' }, t.value));
    const out = [line];
    for (const e of t.evidence || []) out.push(el('blockquote', null, e));
    const cited = sourceList(t.src || t.cited);
    if (cited) out.push(cited);
    return out;
  }

  /** The panel for a clicked line: the participation it draws, or the ties between two organisations. */
  function renderEdge(panel, edge) {
    const [a, b] = edge.ends.map((k) => node.get(k));
    panel.append(el('h2', { tabindex: '-1' }, `${a.name} — ${b.name}`));
    panel.append(el('p', { class: 'meta' }, edge.tie ? 'tie between organisations' : 'participation in a project'));
    if (!edge.tie) {
      panel.append(cards([edge], () => b, true));
      panel.append(el('h3', null, 'Organisation'), el('p', null, nameButton(a)));
      return;
    }
    const shown = edge.ties.filter((t) => t.on);
    panel.append(el('h3', null, `Ties (${shown.length})`));
    const ul = el('ul', { class: 'cards ties' });
    for (const t of shown) {
      const [from, to] = [node.get(t.from_k), node.get(t.to_k)];
      const title = t.title ? ` (${t.title})` : '';
      ul.append(el('li', null, nameButton(from), ` ${t.at_to.other_is} `, nameButton(to), title, ...tieDetails(t, true)));
    }
    panel.append(ul);
  }

  /** One card per link: the node at the other end, the roles, status, value, evidence, sources. */
  function cards(own, end, withValue) {
    const ul = el('ul', { class: 'cards' });
    for (const l of own) {
      const o = end(l);
      const line = el('div', { class: 'line' }, ...tags(l.roles));
      line.append(el('span', { class: 'tag status', title: 'status of this participation' }, l.now || l.status));
      if (withValue && o.value) line.append(el('span', { class: 'value' }, o.value));
      if (!withValue && o.country) line.append(el('span', { class: 'meta' }, o.country));
      if (l.date) line.append(el('span', { class: 'meta' }, l.date));
      const li = el('li', null, nameButton(o), line);
      for (const e of l.evidence || []) li.append(el('blockquote', null, e));
      li.append(sourceList(l.src || l.sources) || '');
      ul.append(li);
    }
    return ul;
  }

  /* ---------- chains ---------- */

  function setEnd(which, k) {
    state[which] = k;
    updateChain(k !== null);
  }

  /** Breadth-first search over the visible links and ties: the fewest hops between two nodes, a
   *  tie one hop as in `partnet path`. */
  function shortest(a, b) {
    const prev = new Map([[a, null]]);
    const queue = [a];
    for (let i = 0; i < queue.length && !prev.has(b); i++) {
      const k = queue[i];
      for (const l of [...node.get(k).links, ...node.get(k).tied]) {
        const o = other(l, k);
        if (!l.on || prev.has(o) || !node.get(o).on) continue;
        prev.set(o, l);
        queue.push(o);
      }
    }
    if (!prev.has(b)) return null;
    const chain = { nodes: [b], links: [] };
    for (let k = b; prev.get(k); ) {
      const l = prev.get(k);
      k = other(l, k);
      chain.links.unshift(l);
      chain.nodes.unshift(k);
    }
    return chain;
  }

  function updateChain(reveal) {
    const ok = (k) => k !== null && node.get(k).on;
    if (!ok(state.from)) state.from = null;
    if (!ok(state.to)) state.to = null;
    state.chain = state.from !== null && state.to !== null ? shortest(state.from, state.to) : null;
    renderChain();
    highlight();
    if (state.chain && reveal) frame(lit.filter((e) => e.classList.contains('path')), node.get(state.from).el);
  }

  function renderChain() {
    const ends = $('chain-ends');
    const body = $('chain-body');
    ends.replaceChildren();
    body.replaceChildren();
    $('chain').hidden = state.from === null && state.to === null;
    const chip = (label, which) => {
      const n = node.get(state[which]);
      return el(
        'span',
        { class: 'chip' },
        label + ' ' + n.name,
        el('button', { type: 'button', 'aria-label': 'Remove ' + label.toLowerCase(), onclick: () => setEnd(which, null) }, '×'),
      );
    };
    if (state.from !== null) ends.append(chip('From', 'from'));
    if (state.to !== null) ends.append(chip('To', 'to'));
    if (state.from === null || state.to === null) {
      const next = state.from === null ? 'Chain from here' : 'Chain to here';
      body.append(el('p', { class: 'hint' }, `Now select another organisation and choose “${next}”.`));
      return;
    }
    ends.append(el('button', { type: 'button', onclick: () => { state.from = state.to = null; updateChain(); } }, 'Clear'));
    const c = state.chain;
    if (!c) {
      body.append(el('p', { class: 'hint' }, 'No chain links them under the current filters.'));
      return;
    }
    const partners = c.nodes.filter((k) => !isProject(node.get(k))).length - 1;
    const tied = c.links.filter((l) => l.tie).length;
    const byTies = tied ? `, ${tied} by ${tied === 1 ? 'a tie' : 'ties'}` : '';
    body.append(el('p', { class: 'meta' }, `${plural(c.links.length, 'link')}, ${plural(Math.max(partners, 0), 'step')} between organisations${byTies}`));
    const ol = el('ol', { class: 'steps' });
    c.nodes.forEach((k, i) => {
      ol.append(el('li', { class: 'node' }, nameButton(node.get(k))));
      const l = c.links[i];
      if (l) ol.append(l.tie ? tieHop(l) : linkHop(l));
    });
    body.append(ol);
  }

  /** A participation in a chain: who, in which roles, with what status. */
  function linkHop(l) {
    const who = node.get(l.entity).name;
    const hop = el('li', { class: 'hop' }, `${who}: ${l.roles.join(', ')} (${l.now || l.status})`);
    for (const e of l.evidence || []) hop.append(el('blockquote', null, e));
    hop.append(sourceList(l.src || l.sources) || '');
    return hop;
  }

  /** A tie edge in a chain, read "from is KIND of to" whichever way the chain runs, its kinds
   *  joined as `partnet path` joins them: "Masayoshi Son founder of, executive of (Chief
   *  executive) SoftBank Group (reported)". */
  function tieHop(edge) {
    const shown = edge.ties.filter((t) => t.on);
    const hop = el('li', { class: 'hop tie' }, el('span', { class: 'tag' }, 'tie'), ' ');
    const sentences = [];
    for (const from of new Set(shown.map((t) => t.from_k))) {
      const these = shown.filter((t) => t.from_k === from);
      const to = node.get(other(edge, from)).name;
      sentences.push(`${node.get(from).name} ${these.map(tieWords).join(', ')} ${to}`);
    }
    const status = shown.map((t) => t.now || t.status).reduce((a, b) => (rankOf(b) > rankOf(a) ? b : a));
    hop.append(`${sentences.join('; ')} (${status})`);
    for (const e of shown.flatMap((t) => t.evidence || [])) hop.append(el('blockquote', null, e));
    hop.append(sourceList([...new Set(shown.flatMap((t) => t.src || t.cited))]) || '');
    return hop;
  }

  /* ---------- search ---------- */

  const input = $('search');
  const results = $('results');
  const fold = (s) =>
    s
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[\s\-_.·‐–—]+/g, ' ')
      .trim();
  for (const n of nodes) n.keys = [n.name, ...(n.aliases || []), n.id].map(fold);

  /** Visible nodes whose name, alias or id contains the query: exact, prefix, word start, anywhere. */
  function search(text) {
    const q = fold(text);
    if (!q) return [];
    const hits = [];
    for (const n of nodes) {
      if (!n.on) continue;
      let best = 9;
      for (const key of n.keys) {
        const at = key.indexOf(q);
        if (at < 0) continue;
        best = Math.min(best, key === q ? 0 : at === 0 ? 1 : key[at - 1] === ' ' ? 2 : 3);
      }
      if (best < 9) hits.push({ score: best + (isProject(n) ? 0.5 : 0), n });
    }
    hits.sort((a, b) => a.score - b.score || byName(a.n, b.n));
    return hits.map((h) => h.n);
  }

  function showResults() {
    const found = search(input.value);
    results.replaceChildren();
    if (!fold(input.value)) {
      hideResults();
      return;
    }
    for (const n of found.slice(0, 50)) {
      const detail = isProject(n) ? ['project', n.sector] : [n.kind, n.country];
      const b = el(
        'button',
        { type: 'button', onclick: () => select(n.k, true) },
        el('span', null, n.name),
        el('span', { class: 'meta' }, detail.filter(Boolean).join(' · ')),
      );
      results.append(el('li', null, b));
    }
    if (!found.length) results.append(el('li', { class: 'none' }, 'No match'));
    if (found.length > 50) results.append(el('li', { class: 'none' }, `… and ${found.length - 50} more`));
    $('result-count').textContent = plural(found.length, 'match', 'matches');
    results.hidden = false;
  }

  function hideResults() {
    results.hidden = true;
  }

  input.addEventListener('input', showResults);
  input.addEventListener('focus', () => {
    if (fold(input.value)) showResults();
  });
  input.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter') {
      const first = search(input.value)[0];
      if (first) select(first.k, true);
    } else if (ev.key === 'ArrowDown') {
      const b = results.querySelector('button');
      if (b) {
        ev.preventDefault();
        b.focus();
      }
    }
  });
  results.addEventListener('keydown', (ev) => {
    const all = [...results.querySelectorAll('button')];
    const i = all.indexOf(document.activeElement);
    if (ev.key === 'ArrowDown' && i + 1 < all.length) all[i + 1].focus();
    else if (ev.key === 'ArrowUp') (i > 0 ? all[i - 1] : input).focus();
    else return;
    ev.preventDefault();
  });
  document.addEventListener('click', (ev) => {
    if (!ev.target.closest('.search')) hideResults();
  });
  document.addEventListener('keydown', (ev) => {
    if (ev.key !== 'Escape') return;
    if (!results.hidden) {
      hideResults();
      input.focus();
    } else if (state.sel !== null || state.edge || input.value) {
      input.value = '';
      clearSelection();
    } else if (state.from !== null || state.to !== null) {
      state.from = state.to = null;
      updateChain();
    }
  });

  /* ---------- filters ---------- */

  const filters = { sector: $('f-sector'), country: $('f-country'), status: $('f-status') };

  function fillSelect(select, counts, order = (a, b) => a.localeCompare(b)) {
    for (const [value, count] of [...counts].sort((a, b) => order(a[0], b[0]))) {
      select.append(el('option', { value }, `${value} (${count})`));
    }
  }
  const count = (map, key) => map.set(key, (map.get(key) || 0) + 1);
  const sectors = new Map();
  const countries = new Map();
  const statuses = new Map();
  for (const n of nodes) {
    if (isProject(n) && n.sector) {
      const parts = n.sector.split('/');
      for (let i = 1; i <= parts.length; i++) count(sectors, parts.slice(0, i).join('/'));
    } else if (!isProject(n) && n.country) count(countries, n.country);
  }
  for (const l of links) count(statuses, l.status);
  // A tie passes `--status S` when one of its records has status S; a project whose own status
  // is S stays too, so a status only projects have is offered as well.
  for (const t of ties) for (const s of new Set(t.records.map((r) => r.status))) count(statuses, s);
  for (const n of nodes) if (isProject(n) && n.status) count(statuses, n.status);
  fillSelect(filters.sector, sectors);
  fillSelect(filters.country, countries);
  // In the vocabulary's order, least definite first (as `--help` lists them); others after, by name.
  const byRank = (a, b) => (rank.get(a) || Infinity) - (rank.get(b) || Infinity) || a.localeCompare(b);
  fillSelect(filters.status, statuses, byRank);

  /** The date the control stands at, or null for all dates. */
  const when = { at: dates.length, timer: null };
  const asOf = () => (when.at < dates.length ? dates[when.at] : null);

  /** What the filters show as of date d (null: all dates), with the same rules as the command line:
   *  sector picks projects, country organisations, status links; a node that passes its own filter
   *  is hidden when a filter on the other side leaves it no link; the date hides what was not yet
   *  reported, and ties that ended before. A tie keeps an organisation only under the status
   *  filter (the sector filter asks for a participation), and goes with either end (View::new).
   *  Returns the nodes shown, each shown link's status and each shown tie's. */
  function visibility(d) {
    const sector = filters.sector.value;
    const country = filters.country.value;
    const status = filters.status.value;
    const ownOk = (n) =>
      knownNode(n, d) &&
      (isProject(n)
        ? !sector || (!!n.sector && (n.sector === sector || n.sector.startsWith(sector + '/')))
        : !country || n.country === country);
    const own = new Map(nodes.map((n) => [n.k, ownOk(n)]));
    const degree = new Map();
    const shown = new Map();
    for (const l of links) {
      // As `--status S`, a link with a record of status S known by then shows, as of that status.
      const now = status ? (hasStatusAt(l, status, d) ? status : null) : statusAt(l, d);
      if (now !== null && own.get(l.entity) && own.get(l.project)) {
        shown.set(l.k, now);
        count(degree, l.entity);
        count(degree, l.project);
      }
    }
    const tieShown = new Map();
    const tied = new Set();
    for (const t of ties) {
      const now = tieStatusAt(t, d, status);
      if (now !== null && own.get(t.from_k) && own.get(t.to_k)) {
        tieShown.set(t, now);
        tied.add(t.from_k).add(t.to_k);
      }
    }
    const on = new Set();
    for (const n of nodes) {
      // As `--status S` (filter.rs): a project whose own status is S stays without a link of
      // status S, unless the country filter asks it for a link.
      const ownStatus = isProject(n) && !!status && n.status === status;
      const needsLink = isProject(n) ? !!country || (!!status && !ownStatus) : !!(sector || status);
      const linked = degree.has(n.k) || (!isProject(n) && !sector && tied.has(n.k));
      if (own.get(n.k) && (!needsLink || linked)) on.add(n.k);
    }
    for (const t of tieShown.keys()) if (!on.has(t.from_k) || !on.has(t.to_k)) tieShown.delete(t);
    return { on, shown, ties: tieShown };
  }

  function applyFilters() {
    const d = asOf();
    const v = visibility(d);
    for (const l of links) {
      l.on = v.shown.has(l.k);
      l.now = l.on ? v.shown.get(l.k) : statusAt(l, d);
      l.src = sourcesAt(l, d);
    }
    for (const t of ties) {
      t.on = v.ties.has(t);
      t.now = t.on ? v.ties.get(t) : tieStatusAt(t, d);
      t.src = tieSourcesAt(t, d);
    }
    for (const e of tieEdges.values()) e.on = e.ties.some((t) => t.on);
    for (const n of nodes) n.on = v.on.has(n.k);
    for (const item of [...nodes, ...links, ...tieEdges.values()]) for (const e of elsOf(item)) e.classList.toggle('off', !item.on);
    const filtered = !!(filters.sector.value || filters.country.value || filters.status.value || d !== null);
    for (const x of extraEdges) {
      const on = x.ends ? x.ends.every((k) => node.has(k) && node.get(k).on) : !filtered;
      x.el.classList.toggle('off', !on);
    }
    if (state.sel !== null && !node.get(state.sel).on) state.sel = null;
    if (state.edge && !state.edge.on) state.edge = null;
    renderStep(v);
    renderPanel();
    updateChain();
    renderCounts();
    if (!results.hidden) showResults();
  }

  /* ---------- the date control ---------- */

  let stepped = [];
  /** The panel's list of what changed at the control's date, against the date before it (the first
   *  date against what is undated): added organisations, projects, links and ties, links whose
   *  status moved and ties that ended, each with the sources of its records of that day; marked in
   *  the diagram too. */
  function renderStep(now) {
    for (const e of stepped) e.classList.remove('step');
    stepped = [];
    const section = $('step');
    section.replaceChildren();
    const d = asOf();
    $('f-date-label').textContent = d === null ? 'all dates' : d;
    section.hidden = d === null;
    if (d === null) return;
    const before = visibility(when.at > 0 ? dates[when.at - 1] : '');
    const mark = (item) => {
      for (const e of elsOf(item)) {
        e.classList.add('step');
        stepped.push(e);
      }
    };
    const added = nodes.filter((n) => now.on.has(n.k) && !before.on.has(n.k));
    const newLinks = links.filter((l) => now.shown.has(l.k) && !before.shown.has(l.k));
    const moved = links.filter((l) => now.shown.has(l.k) && before.shown.has(l.k) && now.shown.get(l.k) !== before.shown.get(l.k));
    const newTies = ties.filter((t) => now.ties.has(t) && !before.ties.has(t));
    const ended = ties.filter((t) => before.ties.has(t) && !now.ties.has(t) && t.records.some((r) => !holdsAt(r.until, d)));
    const ofDay = (l) => [...new Set(l.records.filter((r) => r.date === d).flatMap((r) => r.sources))];
    section.append(el('h2', null, `What changed on ${d}`));
    if (!added.length && !newLinks.length && !moved.length && !newTies.length && !ended.length) {
      section.append(el('p', { class: 'hint' }, 'Nothing new on this date under the current filters.'));
    }
    const list = (title, items, line) => {
      if (!items.length) return;
      section.append(el('h3', null, `${title} (${items.length})`));
      const ul = el('ul', { class: 'cards' });
      for (const item of items) {
        mark(item);
        ul.append(line(item));
      }
      section.append(ul);
    };
    list('New organisations', added.filter((n) => !isProject(n)), (n) => el('li', null, nameButton(n)));
    list('New projects', added.filter(isProject), (n) =>
      el('li', null, nameButton(n), n.value ? el('span', { class: 'meta' }, ' ' + n.value) : '', n.reported === d ? sourceList(n.sources) || '' : ''),
    );
    const linkLine = (l, what) =>
      el(
        'li',
        null,
        nameButton(node.get(l.entity)),
        ' — ',
        nameButton(node.get(l.project)),
        el('div', { class: 'line' }, el('span', { class: 'tag status' }, what)),
        sourceList(ofDay(l)) || '',
      );
    list('New links', newLinks, (l) => linkLine(l, `${l.roles.join(', ')} · ${now.shown.get(l.k)}`));
    list('Status changes', moved, (l) => linkLine(l, `${before.shown.get(l.k)} → ${now.shown.get(l.k)}`));
    const tieLine = (t, what, cited) => {
      mark(t.edge);
      const title = t.title ? ` (${t.title})` : '';
      const says = el('span', { class: 'says' }, ` ${t.at_to.other_is} `);
      const line = el('div', { class: 'line' }, el('span', { class: 'tag status' }, what));
      return el('li', null, nameButton(node.get(t.from_k)), says, nameButton(node.get(t.to_k)), title, line, sourceList(cited) || '');
    };
    list('New ties', newTies, (t) => tieLine(t, `${t.kind} · ${now.ties.get(t)}`, ofDay(t)));
    list('Ended ties', ended, (t) => tieLine(t, `ended ${t.records.map((r) => r.until).filter(Boolean).sort().pop()}`, []));
  }

  const slider = $('f-date');
  if (dates.length) {
    $('when').hidden = false;
    slider.max = String(dates.length);
    slider.value = String(dates.length);
    slider.setAttribute('aria-valuetext', 'all dates');
  }
  function setDate(at) {
    when.at = Math.max(0, Math.min(at, dates.length));
    slider.value = String(when.at);
    slider.setAttribute('aria-valuetext', asOf() || 'all dates');
    applyFilters();
  }
  function stop() {
    clearInterval(when.timer);
    when.timer = null;
    $('play').textContent = '▶ Play';
  }
  slider.addEventListener('input', () => {
    stop();
    setDate(Number(slider.value));
  });
  /** Play steps through the dates, one now and one every 1.5 s, from the first when at the end;
   *  it stops at "all dates", or when pressed again. */
  $('play').addEventListener('click', () => {
    if (when.timer) return stop();
    const step = () => {
      setDate(when.at + 1);
      if (when.at >= dates.length) stop();
    };
    $('play').textContent = '❚❚ Pause';
    if (when.at >= dates.length) setDate(0);
    else step();
    if (when.at < dates.length) when.timer = setInterval(step, 1500);
    else stop();
  });

  for (const f of Object.values(filters)) f.addEventListener('change', applyFilters);

  function renderCounts() {
    const on = nodes.filter((n) => n.on);
    const projects = on.filter(isProject).length;
    const linksOn = links.filter((l) => l.on).length;
    const d = asOf();
    // Tied pairs count as links, as in the diagram's headline and `stats`.
    const tiesOn = [...tieEdges.values()].filter((e) => e.on).length;
    $('counts').textContent =
      `${plural(on.length - projects, 'organisation')} · ${plural(projects, 'project')} · ${plural(linksOn + tiesOn, 'link')}` + (d === null ? '' : ` · known by ${d}`);
  }

  /* ---------- pan and zoom ---------- */

  let home = null;
  let view = null;
  function setView(v) {
    view = v;
    svg.setAttribute('viewBox', `${v.x} ${v.y} ${v.w} ${v.h}`);
  }
  function toSvg(cx, cy) {
    const m = svg.getScreenCTM();
    if (!m) return { x: view.x + view.w / 2, y: view.y + view.h / 2 };
    return new DOMPoint(cx, cy).matrixTransform(m.inverse());
  }
  function zoomAt(factor, p) {
    const w = Math.min(Math.max(view.w * factor, home.w / 60), home.w * 4);
    const r = w / view.w;
    setView({ x: p.x - (p.x - view.x) * r, y: p.y - (p.y - view.y) * r, w, h: view.h * r });
  }
  const middle = () => ({ x: view.x + view.w / 2, y: view.y + view.h / 2 });

  /** The box around diagram elements, in SVG units, and the height of the smallest node among them. */
  function bounds(elements) {
    const b = { x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity, unit: Infinity };
    for (const e of elements) {
      const r = e.getBoundingClientRect();
      if (!r.width && !r.height) continue;
      const p = toSvg(r.left, r.top);
      const q = toSvg(r.right, r.bottom);
      b.x0 = Math.min(b.x0, p.x);
      b.y0 = Math.min(b.y0, p.y);
      b.x1 = Math.max(b.x1, q.x);
      b.y1 = Math.max(b.y1, q.y);
      if (e.classList.contains('node')) b.unit = Math.min(b.unit, q.y - p.y);
    }
    return b.x1 > b.x0 ? b : null;
  }

  /** Labels are 11 points in the diagram; below this many screen pixels nobody reads them. */
  const LEGIBLE = 9;
  const LABEL_POINTS = 11;

  /** Frames diagram elements: the smallest view that shows them all, never closer than about thirty
   *  node heights. When they are spread so far that their labels would be illegible, frames `anchor`
   *  (the selected node, the start of a chain) instead, and never so far out that labels are. */
  function frame(elements, anchor) {
    if (!view) return;
    let b = bounds(elements);
    const area = diagram.getBoundingClientRect();
    const fits = (b) => {
      const w = Math.max((b.x1 - b.x0) * 1.15, Number.isFinite(b.unit) ? b.unit * 30 : 0);
      const h = Math.max((b.y1 - b.y0) * 1.15, (w * area.height) / area.width);
      const scale = Math.min(area.width / w, area.height / h);
      return { w: Math.max(w, (h * area.width) / area.height), h, readable: LABEL_POINTS * scale >= LEGIBLE };
    };
    if (!b) return;
    let f = fits(b);
    if (!f.readable && anchor) {
      b = bounds([anchor]) || b;
      f = fits(b);
    }
    if (!f.readable) {
      const scale = LEGIBLE / LABEL_POINTS;
      f = { w: area.width / scale, h: area.height / scale };
    }
    setView({ x: (b.x0 + b.x1 - f.w) / 2, y: (b.y0 + b.y1 - f.h) / 2, w: f.w, h: f.h });
  }

  /** Brings the selection and its neighbourhood into view. */
  function revealNode(n) {
    if (n && n.el) frame(lit, n.el);
  }

  /* ---------- the first view ---------- */

  /** The view the page opens with: the whole diagram when its labels are legible so; else the
   *  diagram fitted to its width, from the top (the title, then the first rows), when that is
   *  legible; else legible labels around the nodes in focus, or from the top left. */
  function startView() {
    const area = diagram.getBoundingClientRect();
    if (!area.width || !area.height) return { ...home };
    const whole = Math.min(area.width / home.w, area.height / home.h);
    if (whole * LABEL_POINTS >= LEGIBLE) return { ...home };
    const across = area.width / home.w;
    const scale = across * LABEL_POINTS >= LEGIBLE ? across : LEGIBLE / LABEL_POINTS;
    const w = area.width / scale;
    const h = area.height / scale;
    const focus = svg.querySelectorAll('g.node.focus');
    if (scale !== across && focus.length) {
      setView({ ...home });
      const b = bounds([...focus]);
      if (b) {
        const cx = (b.x0 + b.x1) / 2;
        const cy = (b.y0 + b.y1) / 2;
        return { x: cx - w / 2, y: cy - h / 2, w, h };
      }
    }
    return { x: home.x, y: home.y, w, h };
  }

  /* ---------- download this view ---------- */

  const SVG_NS = 'http://www.w3.org/2000/svg';

  /** The page's rules for the diagram (highlighting, dimming, hidden by a filter), rewritten for
   *  a standalone SVG, so that a download looks as the view does. */
  function diagramRules() {
    const root = getComputedStyle(document.documentElement);
    const resolve = (css) => css.replace(/var\((--[\w-]+)\)/g, (m, name) => root.getPropertyValue(name).trim() || m);
    const rules = [];
    for (const sheet of document.styleSheets) {
      for (const rule of sheet.cssRules) {
        if (!rule.selectorText || !rule.selectorText.includes('#diagram ')) continue;
        const selectors = rule.selectorText
          .split(/,(?![^(]*\))/)
          .map((sel) => sel.trim())
          .filter((sel) => sel.startsWith('#diagram ') && /\bg\./.test(sel))
          .map((sel) => sel.replace(/^#diagram (svg)?/, (m, s) => (s ? 'svg' : '')).trim());
        if (selectors.length) rules.push(`${selectors.join(', ')} { ${resolve(rule.style.cssText)} }`);
      }
    }
    return rules.join('\n');
  }

  /** The current view as a standalone SVG document, the size of the diagram pane. */
  function viewSvg() {
    const copy = svg.cloneNode(true);
    const area = diagram.getBoundingClientRect();
    copy.setAttribute('xmlns', SVG_NS);
    copy.setAttribute('xmlns:xlink', 'http://www.w3.org/1999/xlink');
    copy.setAttribute('viewBox', `${view.x} ${view.y} ${view.w} ${view.h}`);
    copy.setAttribute('width', String(Math.round(area.width)));
    copy.setAttribute('height', String(Math.round(area.height)));
    const style = document.createElementNS(SVG_NS, 'style');
    style.textContent = diagramRules();
    copy.insertBefore(style, copy.firstChild);
    return new XMLSerializer().serializeToString(copy);
  }

  /** Hands a file to the browser's downloads: partnet-view.svg or .png. */
  function download(blob, ext) {
    const a = el('a', { href: URL.createObjectURL(blob), download: 'partnet-view.' + ext, hidden: '' });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 60000);
  }

  /** The current view as a PNG at twice the pane's size (or the screen's pixel ratio, if more),
   *  drawn from the SVG through an image: the page's policy allows data: images only. */
  function savePng() {
    const text = viewSvg();
    const area = diagram.getBoundingClientRect();
    const ratio = Math.max(2, window.devicePixelRatio || 1);
    const img = new Image();
    img.onload = () => {
      const canvas = document.createElement('canvas');
      canvas.width = Math.round(area.width * ratio);
      canvas.height = Math.round(area.height * ratio);
      const ctx = canvas.getContext('2d');
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
      canvas.toBlob((blob) => blob && download(blob, 'png'), 'image/png');
    };
    img.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(text);
  }

  // The counts share the header with the controls: written before the first view is measured,
  // a line they wrap onto is already there.
  renderCounts();
  if (svg) {
    // The attribute's own numbers: baseVal holds single-precision floats.
    const vb = (svg.getAttribute('viewBox') || '').trim().split(/[\s,]+/).map(Number);
    if (vb.length === 4 && vb.every(Number.isFinite) && vb[2] > 0 && vb[3] > 0) home = { x: vb[0], y: vb[1], w: vb[2], h: vb[3] };
    else {
      const b = svg.getBBox();
      home = { x: b.x - 4, y: b.y - 4, w: b.width + 8 || 100, h: b.height + 8 || 100 };
    }
    svg.removeAttribute('width');
    svg.removeAttribute('height');
    setView(startView());

    let drag = null;
    let dragged = false;
    diagram.addEventListener('pointerdown', (ev) => {
      if (ev.button !== 0) return;
      const m = svg.getScreenCTM();
      drag = { x: ev.clientX, y: ev.clientY, view: { ...view }, scale: m ? m.a : 1, id: ev.pointerId };
      dragged = false;
    });
    diagram.addEventListener('pointermove', (ev) => {
      if (!drag) return;
      const dx = ev.clientX - drag.x;
      const dy = ev.clientY - drag.y;
      if (!dragged && Math.hypot(dx, dy) > 4) {
        dragged = true;
        diagram.setPointerCapture(drag.id);
        diagram.classList.add('dragging');
      }
      if (dragged) setView({ ...drag.view, x: drag.view.x - dx / drag.scale, y: drag.view.y - dy / drag.scale });
    });
    const endDrag = () => {
      drag = null;
      diagram.classList.remove('dragging');
    };
    diagram.addEventListener('pointerup', endDrag);
    diagram.addEventListener('pointercancel', endDrag);
    diagram.addEventListener('click', (ev) => {
      const g = ev.target.closest('g.node');
      const k = g && /^n\d+$/.test(g.id) ? Number(g.id.slice(1)) : null;
      const line = g ? null : clickedEdge(ev.target);
      const modified = ev.ctrlKey || ev.metaKey || ev.shiftKey;
      // A node may be a link to the organisation's site: a plain click selects instead.
      if (((k !== null || line) && !modified) || dragged) ev.preventDefault();
      if (dragged) return;
      if (k !== null && node.has(k)) {
        if (!modified) select(k, false);
      } else if (line) {
        if (!modified) selectEdge(line);
      } else if (!g) clearSelection();
    });
    diagram.addEventListener(
      'wheel',
      (ev) => {
        ev.preventDefault();
        const step = ev.deltaMode === 1 ? 16 : ev.deltaMode === 2 ? 400 : 1;
        zoomAt(Math.exp(Math.max(-200, Math.min(200, ev.deltaY * step)) * 0.0015), toSvg(ev.clientX, ev.clientY));
      },
      { passive: false },
    );
    diagram.addEventListener('keydown', (ev) => {
      const pan = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] }[ev.key];
      if (ev.key === '+' || ev.key === '=') zoomAt(0.8, middle());
      else if (ev.key === '-') zoomAt(1.25, middle());
      else if (ev.key === '0') setView({ ...home });
      else if (pan) setView({ ...view, x: view.x + pan[0] * view.w * 0.1, y: view.y + pan[1] * view.h * 0.1 });
      else return;
      ev.preventDefault();
    });
    $('zoom-in').addEventListener('click', () => zoomAt(0.8, middle()));
    $('zoom-out').addEventListener('click', () => zoomAt(1.25, middle()));
    $('zoom-fit').addEventListener('click', () => setView({ ...home }));
    $('save-svg').addEventListener('click', () => download(new Blob([viewSvg()], { type: 'image/svg+xml' }), 'svg'));
    $('save-png').addEventListener('click', savePng);
  } else {
    document.querySelector('.zoom').hidden = true;
  }

  renderPanel();
  renderChain();
})();
