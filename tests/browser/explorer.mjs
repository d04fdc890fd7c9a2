// End-to-end checks of the partnet explorer page in the system's headless Chromium.
//
//   node tests/browser/explorer.mjs --page PAGE.html [--hostile HOSTILE.html] [--ties TIES.html]
//        [--screenshot OUT.png] [--as-of-counts COUNTS.json] [--ties-counts COUNTS.json]
//        [--chromium /usr/bin/chromium]
//
// PAGE is built from data/us-japan-2025.json, HOSTILE from tests/fixtures/hostile.json, TIES from
// tests/fixtures/ended-ties.json (a tie that ends); --page, --hostile and --ties may be repeated
// (one per layout engine). Pages are opened from disk (file://) and every
// request that is not file: or data: is aborted and reported. --screenshot saves the first page with
// Westinghouse selected (the README's picture). COUNTS (for PAGE, and for TIES) maps each date of
// the data to what `partnet --as-of DATE stats` counts ("32 organisations · 25 projects · 52 links"): the date control
// must show the same at that date. Prints one line per check; exits 1 when any
// check fails. Never downloads a browser: it drives the Chromium at --chromium.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const args = { page: [], hostile: [], ties: [] };
for (let i = 2; i < process.argv.length; i += 2) {
  const name = process.argv[i].replace(/^--/, '');
  if (Array.isArray(args[name])) args[name].push(process.argv[i + 1]);
  else args[name] = process.argv[i + 1];
}
if (!args.page.length) {
  console.error('usage: explorer.mjs --page PAGE.html [--hostile HOSTILE.html] [--screenshot OUT.png] [--chromium PATH]');
  process.exit(2);
}

let failures = 0;
function check(ok, what, detail) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}${ok || detail === undefined ? '' : ': ' + JSON.stringify(detail)}`);
  if (!ok) failures++;
}

const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'partnet-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: args.chromium || '/usr/bin/chromium',
  headless: true,
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
  viewport: { width: 1366, height: 800 },
});

/** Opens a page and records everything that would show an injection or a network request. */
async function open(file) {
  const page = await context.newPage();
  const seen = { dialogs: [], errors: [], console: [], offline: [] };
  page.on('dialog', (d) => {
    seen.dialogs.push(d.message());
    d.dismiss().catch(() => {});
  });
  page.on('pageerror', (e) => seen.errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') seen.console.push(m.text());
  });
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file:') || url.startsWith('data:')) return route.continue();
    seen.offline.push(url);
    return route.abort();
  });
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(pathToFileURL(path.resolve(file)).href);
  const data = await page.evaluate(() => JSON.parse(document.getElementById('partnet-data').textContent));
  const counts = await page.locator('#counts').textContent();
  if (!counts) throw new Error(`the explorer script did not run: ${JSON.stringify(seen)}`);
  return { page, seen, data };
}

async function clean(page, seen, what) {
  const csp = await page.evaluate(() => window.__csp);
  check(seen.dialogs.length === 0, `${what}: no alert, confirm or prompt`, seen.dialogs);
  check(seen.errors.length === 0, `${what}: no script error`, seen.errors);
  check(seen.console.length === 0, `${what}: no console error or warning`, seen.console);
  check(csp.length === 0, `${what}: no Content-Security-Policy violation`, csp);
  check(seen.offline.length === 0, `${what}: no request beyond the file itself`, seen.offline);
}

const text = (page, sel) => page.locator(sel).first().textContent();
const all = (page, sel) => page.locator(sel).allTextContents();
const classes = (page, id) => page.evaluate((id) => [...(document.getElementById(id)?.classList || [])], id);
const viewBox = (page) => page.evaluate(() => document.querySelector('#diagram svg').getAttribute('viewBox'));
const numbers = (text) => text.trim().split(/[\s,]+/).map(Number);
/** The diagram's own viewBox, as the page file holds it: the whole diagram. */
const wholeBox = (file) => numbers(/<svg[^>]*\sviewBox="([^"]+)"/.exec(fs.readFileSync(file, 'utf8'))[1]).join(' ');
/** Screen pixels of an 11-point label in the current view. */
const labelPixels = (page) => page.evaluate(() => 11 * document.querySelector('#diagram svg').getScreenCTM().a);
/** Whether an element of the diagram is inside the diagram's pane on screen. */
const onScreen = (page, id) =>
  page.evaluate((id) => {
    const r = document.getElementById(id).getBoundingClientRect();
    const a = document.getElementById('diagram').getBoundingClientRect();
    return r.width > 0 && r.left >= a.left - 1 && r.right <= a.right + 1 && r.top >= a.top - 1 && r.bottom <= a.bottom + 1;
  }, id);

/** Clicks a download button and returns the file's bytes. */
async function downloaded(page, button) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
  check(/^partnet-view\.(svg|png)$/.test(download.suggestedFilename()), `${button} names the file partnet-view.*`, download.suggestedFilename());
  return fs.readFileSync(await download.path());
}

/** Width and height from a PNG's header. */
function pngSize(bytes) {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length < 24 || signature.some((b, i) => bytes[i] !== b)) return null;
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

async function searchAndPick(page, query, name) {
  await page.fill('#search', query);
  await page.locator('#results button', { hasText: name }).first().click();
}

/** The cards of a list in the panel: each one's text and the ids of its sources. */
const cardsOf = (page, list) =>
  page.locator(`${list} > li`).evaluateAll((lis) =>
    lis.map((li) => ({ text: li.textContent, sources: [...li.querySelectorAll('ul.sources li')].map((s) => s.title) })),
  );

/** Clicks the diagram's line `id` with the mouse, at a point of it that is on screen and not under
 *  anything else: the page must find the line from a real click. */
async function lineClick(page, id) {
  const point = await page.evaluate((id) => {
    const pane = document.getElementById('diagram').getBoundingClientRect();
    const path = document.querySelector(`#${id} path`);
    const m = path.getScreenCTM();
    const length = path.getTotalLength();
    for (let i = 1; i < 40; i++) {
      const p = path.getPointAtLength((length * i) / 40).matrixTransform(m);
      const inside = p.x > pane.left + 2 && p.x < pane.right - 2 && p.y > pane.top + 2 && p.y < pane.bottom - 2;
      const hit = inside && document.elementFromPoint(p.x, p.y);
      if (hit && hit.closest('g.edge') === document.getElementById(id)) return { x: p.x, y: p.y };
    }
    return null;
  }, id);
  check(point !== null, `the line ${id} can be clicked on screen`);
  if (point) await page.mouse.click(point.x, point.y);
}

async function explorer(file, screenshot, asOfCounts) {
  console.log(`# ${file}`);
  const { page, seen, data } = await open(file);
  const k = (id) => data.nodes.find((n) => n.id === id).k;
  const home = wholeBox(file);

  const start = numbers(await viewBox(page));
  const whole = numbers(home);
  check((await labelPixels(page)) >= 8.99, 'the page opens with legible labels', await labelPixels(page));
  // The whole diagram when legible so, else its whole width from the top when that is, else a
  // legible view from the top left (the page has no nodes in focus).
  const paneWidth = (await page.locator('#diagram').boundingBox()).width;
  const acrossLegible = (11 * paneWidth) / whole[2] >= 9;
  const fromTop = start[0] === whole[0] && start[1] === whole[1];
  check(
    start.join(' ') === home || (fromTop && (acrossLegible ? Math.abs(start[2] - whole[2]) < 0.5 : start[2] < whole[2])),
    'the page opens on the whole diagram, on its whole width from the top, or legibly from the top left',
    { start, whole, acrossLegible },
  );

  check(await page.locator('#chain').isHidden(), 'the chain section waits until a chain is started');
  await page.keyboard.press('Tab');
  check((await page.evaluate(() => document.activeElement.id)) === 'search', 'the first Tab focuses the search box');

  await page.keyboard.type('Westinghouse');
  const first = await text(page, '#results button');
  check(first.includes('Westinghouse Electric Company'), 'typing "Westinghouse" lists Westinghouse first', first);
  await page.locator('#results button', { hasText: 'Westinghouse Electric Company' }).click();
  check((await text(page, '#panel h2')) === 'Westinghouse Electric Company', 'clicking the result opens its panel');
  const partners = await all(page, '#panel ul.partners button');
  for (const name of ['Mitsubishi Heavy Industries', 'Toshiba', 'IHI Corporation']) {
    check(partners.includes(name), `the panel lists ${name} as a partner`, partners);
  }
  const panel = await text(page, '#panel');
  check(panel.includes('Projects (2)') && panel.includes('up to $100B'), 'the panel lists the projects with their value', panel);
  check((await all(page, '#panel ul.cards:not(.ties) .tag.status')).length === 2, 'each project shows the status of the link');
  check((await all(page, '#panel ul.cards .tag:not(.status)')).includes('lead'), 'projects show the role');
  const hrefs = await page.locator('#panel ul.sources a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  check(hrefs.length > 0 && hrefs.every((h) => /^https?:\/\//.test(h)), 'sources with a url are links', hrefs);
  check((await all(page, '#panel ul.sources li')).length > hrefs.length, 'sources without a url are text');

  check((await classes(page, 'n' + k('westinghouse'))).includes('sel'), 'the diagram marks the selection');
  check(await onScreen(page, 'n' + k('westinghouse')), 'selecting zooms to the selection: it is in view');
  check((await labelPixels(page)) >= 8.99, 'selecting zooms to the selection: its labels are legible', await labelPixels(page));

  check((await classes(page, 'n' + k('toshiba'))).includes('hl'), 'the diagram highlights its partners');
  check(!(await classes(page, 'n' + k('carrier'))).includes('hl'), 'the diagram leaves others dimmed');
  check((await page.locator('#diagram svg.focus').count()) === 1, 'the diagram dims what is not highlighted');
  if (screenshot) await page.screenshot({ path: screenshot });

  const view = await viewBox(page);
  const svgFile = (await downloaded(page, '#save-svg')).toString('utf8');
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    const root = doc.documentElement;
    return {
      error: doc.getElementsByTagName('parsererror').length > 0,
      name: root.localName,
      viewBox: root.getAttribute('viewBox'),
      selected: [...doc.querySelectorAll('g.node.sel')].map((g) => g.id),
      style: (doc.querySelector('style') || {}).textContent || '',
    };
  }, svgFile);
  check(!parsed.error && parsed.name === 'svg', '"↓ SVG" downloads an SVG document', parsed);
  check(parsed.viewBox === view, '"↓ SVG" downloads the current view', { view, got: parsed.viewBox });
  check(parsed.selected.join() === 'n' + k('westinghouse'), '"↓ SVG" keeps the selection', parsed.selected);
  check(/g\.edge\.hl path/.test(parsed.style) && !parsed.style.includes('var(--'), 'the SVG carries the highlighting, colours resolved', parsed.style);
  const pane = await page.locator('#diagram').boundingBox();
  const png = pngSize(await downloaded(page, '#save-png'));
  check(png !== null && png[0] === Math.round(pane.width * 2) && png[1] === Math.round(pane.height * 2), '"↓ PNG" downloads the view at twice the pane size', { png, pane });

  // Ties: listed under `partnet show`'s headings and words, with their sources.
  const tieOf = (from, kind, to) => data.ties.find((t) => t.from === from && t.kind === kind && t.to === to);
  check(
    partners.includes('Brookfield Renewable Partners') && partners.includes('Cameco'),
    'tied organisations are partners too',
    partners,
  );
  check((await all(page, '#panel h3')).includes('Owners (2)'), 'the panel lists Westinghouse\'s owners', await all(page, '#panel h3'));
  const owners = await cardsOf(page, '#panel ul.ties[data-group="owners"]');
  for (const [who, share] of [
    ['Brookfield Renewable Partners', 51],
    ['Cameco', 49],
  ]) {
    const card = owners.find((c) => c.text.startsWith(`${who}: owner ${share}% of Westinghouse Electric Company`));
    check(!!card && card.text.includes('reported'), `the panel says "${who}: owner ${share}% of Westinghouse Electric Company"`, owners);
    check(!!card && card.sources.includes('cameco-2023-11-07'), `with its source, cameco-2023-11-07`, card);
  }
  const cameco = tieOf('cameco', 'owner', 'westinghouse');
  check((await classes(page, 'e' + cameco.k)).includes('hl'), 'the diagram highlights the selection\'s ties');
  await lineClick(page, 'e' + cameco.k);
  check((await text(page, '#panel h2')) === 'Cameco — Westinghouse Electric Company', 'clicking a tie line opens the tie', await text(page, '#panel h2'));
  const tiePanel = await text(page, '#panel');
  for (const part of ['Cameco owner 49% of Westinghouse Electric Company', 'owner', 'share 49%', 'reported', 'since 2023-11-07', cameco.evidence[0]]) {
    check(tiePanel.includes(part), `the tie's panel shows "${part}"`, tiePanel);
  }
  check((await cardsOf(page, '#panel ul.ties'))[0].sources.includes('cameco-2023-11-07'), "the tie's panel shows its source");
  check((await classes(page, 'e' + cameco.k)).includes('sel'), 'the diagram marks the selected tie');
  const term = data.links.find((l) => l.entity === k('westinghouse') && l.project === k('westinghouse-reactor-term-sheet'));
  await lineClick(page, 'e' + term.k);
  const linkPanel = await text(page, '#panel');
  check(
    (await text(page, '#panel h2')) === 'Westinghouse Electric Company — Westinghouse reactor fleet binding term sheet' &&
      linkPanel.includes('term-sheet') &&
      linkPanel.includes('lead'),
    'clicking a participation line opens the participation',
    linkPanel,
  );
  await searchAndPick(page, 'softbank', 'SoftBank Group');
  const subsidiaries = await cardsOf(page, '#panel ul.ties[data-group="subsidiaries"]');
  check(subsidiaries.length === 1 && subsidiaries[0].text.startsWith('SB Energy: subsidiary of SoftBank Group'), 'SoftBank\'s panel lists its subsidiary', subsidiaries);
  const people = (await cardsOf(page, '#panel ul.ties[data-group="people"]')).map((c) => c.text);
  check(
    people.some((t) => t.startsWith('Masayoshi Son: founder of SoftBank Group')) &&
      people.some((t) => t.startsWith('Masayoshi Son: executive of SoftBank Group (Chief executive)')),
    'SoftBank\'s panel lists its founder and executive under people',
    people,
  );

  for (const [query, name] of [
    ['mhi', 'Mitsubishi Heavy Industries'],
    ['SÖFTBANK', 'SoftBank Group'],
    ['tōshíba corp', 'Toshiba'],
  ]) {
    await page.fill('#search', query);
    const names = await all(page, '#results button > span:first-child');
    check(names[0] === name, `searching "${query}" finds ${name} (aliases, case and accents ignored)`, names);
  }

  await page.fill('#search', 'ihi');
  await page.press('#search', 'Enter');
  check((await text(page, '#panel h2')) === 'IHI Corporation', 'Enter in the search box selects the best match');
  await page.fill('#search', 'toshiba');
  await page.press('#search', 'ArrowDown');
  check((await page.evaluate(() => document.activeElement.closest('#results') !== null)), 'ArrowDown moves to the results');
  await page.keyboard.press('Enter');
  check((await text(page, '#panel h2')) === 'Toshiba', 'Enter on a result selects it');
  check((await page.evaluate(() => document.activeElement.tagName)) === 'H2', 'the keyboard focus moves to the panel');
  await page.keyboard.press('Tab');
  check((await page.evaluate(() => document.activeElement.textContent)) === 'Chain from here', 'Tab goes on into the panel');
  await page.keyboard.press('Escape');
  check((await page.locator('#panel h2').count()) === 0, 'Escape clears the selection');
  check((await page.locator('#diagram svg.focus').count()) === 0, 'Escape clears the highlighting');

  await page.click('#zoom-fit');
  await page.click(`#n${k('ihi')}`);
  check((await text(page, '#panel h2')) === 'IHI Corporation', 'clicking a node in the diagram selects it');

  await searchAndPick(page, 'westinghouse', 'Westinghouse Electric Company');
  await page.click('#panel button:text("Chain from here")');
  await searchAndPick(page, 'softbank', 'SoftBank Group');
  await page.click('#panel button:text("Chain to here")');
  const steps = await all(page, '#chain-body ol.steps > li.node button');
  check(
    steps.length === 5 && steps[0] === 'Westinghouse Electric Company' && steps[4] === 'SoftBank Group',
    'a chain from Westinghouse to SoftBank shows the shortest path, 4 links',
    steps,
  );
  check((await page.locator('#chain-body li.hop blockquote').count()) >= 1, 'the chain shows the evidence for its hops');
  check((await page.locator('#chain-body li.hop ul.sources li').count()) >= 4, 'the chain shows the sources of every hop');
  check((await page.locator('#diagram g.edge.path').count()) === 4, 'the diagram marks the chain');
  await page.click('#chain-ends button:text("Clear")');
  check(await page.locator('#chain').isHidden(), 'Clear removes the chain');
  check((await page.locator('#diagram g.path').count()) === 0, 'Clear unmarks the chain in the diagram');
  await searchAndPick(page, 'masayoshi', 'Masayoshi Son');
  await page.click('#panel button:text("Chain from here")');
  await searchAndPick(page, 'hitachi', 'Hitachi');
  await page.click('#panel button:text("Chain to here")');
  const tieSteps = await all(page, '#chain-body ol.steps > li.node button');
  check(
    tieSteps.length === 4 && tieSteps[0] === 'Masayoshi Son' && tieSteps[1] === 'SoftBank Group' && tieSteps[3] === 'Hitachi',
    'a chain from Masayoshi Son to Hitachi goes through his ties to SoftBank, as `partnet path` does',
    tieSteps,
  );
  const tieHops = await all(page, '#chain-body li.hop.tie');
  check(
    tieHops.length === 1 && tieHops[0].includes('Masayoshi Son founder of, executive of (Chief executive) SoftBank Group (reported)'),
    'the chain says which step is a tie, in `partnet path`\'s words',
    tieHops,
  );
  check((await text(page, '#chain-body p.meta')).includes('1 by a tie'), 'the chain counts its tie steps', await text(page, '#chain-body p.meta'));
  const son = tieOf('masayoshi-son', 'founder', 'softbank-group');
  check((await classes(page, 'e' + son.k)).includes('path'), 'the diagram marks the tie in the chain');
  await page.click('#chain-ends button:text("Clear")');
  await searchAndPick(page, 'softbank', 'SoftBank Group');
  await page.click('#panel button:text("Chain to here")');
  await searchAndPick(page, 'westinghouse', 'Westinghouse Electric Company');
  await page.click('#panel button:text("Chain from here")');

  const counts = await text(page, '#counts');
  await page.selectOption('#f-country', 'JP');
  check((await text(page, '#counts')) !== counts, 'the country filter changes the counts', await text(page, '#counts'));
  check((await classes(page, 'n' + k('westinghouse'))).includes('off'), 'the country filter hides other countries');
  check((await page.locator('#chain-ends .chip').count()) === 1, 'a chain end the filter hides is dropped');
  await page.fill('#search', 'Westinghouse Electric');
  check((await all(page, '#results button')).length === 0, 'search ignores hidden organisations');
  await page.selectOption('#f-country', '');
  check((await text(page, '#counts')) === counts, 'clearing the filter restores everything');
  await page.selectOption('#f-status', 'agreed');
  const shown = await page.locator('#diagram g.edge[id^="e"]:not(.off)').count();
  check(shown === data.links.filter((l) => l.status === 'agreed').length, 'the status filter keeps links with that status', shown);
  await page.selectOption('#f-status', '');
  await page.selectOption('#f-sector', 'energy');
  const offProjects = data.nodes.filter((n) => n.kind === 'project' && !(n.sector || '').startsWith('energy'));
  const off = await Promise.all(offProjects.map((n) => classes(page, 'n' + n.k)));
  check(off.length > 0 && off.every((c) => c.includes('off')), 'the sector filter hides projects of other sectors');
  await page.selectOption('#f-sector', '');

  // The date control: the programme as it was known on each date, by the rules of --as-of.
  const recordDates = [...data.links, ...data.ties].flatMap((x) => x.records.map((r) => r.date));
  const dates = [...new Set([...recordDates, ...data.nodes.map((n) => n.reported)].filter(Boolean))].sort();
  const portsmouth = 'n' + k('portsmouth-ohio-gas-plant');
  check(await page.locator('#when').isVisible(), 'the date control shows');
  check((await page.getAttribute('#f-date', 'max')) === String(dates.length), 'the slider runs over every date in the data', dates);
  check((await text(page, '#f-date-label')) === 'all dates', 'the slider starts at all dates');
  const january = dates.filter((d) => d < '2026-02').length - 1;
  await page.locator('#f-date').fill(String(january));
  check((await text(page, '#f-date-label')) === dates[january], 'the slider shows its date', dates[january]);
  check((await classes(page, portsmouth)).includes('off'), 'before February 2026 the Portsmouth plant is not shown', dates[january]);
  check(!(await classes(page, 'n' + k('westinghouse'))).includes('off'), 'what was known by then still is');
  check((await text(page, '#counts')).includes(`known by ${dates[january]}`), 'the counts say as of when');
  check(await page.locator('#step').isVisible(), 'the panel says what changed at that step');
  const tranche = dates.indexOf('2026-02-17');
  await page.locator('#f-date').fill(String(tranche));
  check(!(await classes(page, portsmouth)).includes('off'), 'from 17 February 2026 the Portsmouth plant is back');
  const step = await text(page, '#step');
  check(
    step.includes('What changed on 2026-02-17') && step.includes('Portsmouth, Ohio gas power plant') && step.includes('SB Energy'),
    'the panel lists what the first tranche added',
    step,
  );
  check((await page.locator('#step ul.sources li').count()) > 0, 'with the sources of the day');
  check((await classes(page, portsmouth)).includes('step'), 'the diagram marks what changed at the step');
  check(!(await classes(page, 'n' + k('westinghouse'))).includes('step'), 'and nothing older');

  // Ties by the rules of --as-of: shown from their date (else their earliest source's).
  const parent = tieOf('softbank-group', 'parent', 'sb-energy');
  check(parent.records.every((r) => r.date === '2026-02-17'), 'the parent tie of SB Energy is reported on 2026-02-17 (S7)', parent.records);
  check(!(await classes(page, 'e' + parent.k)).includes('off'), 'from 17 February 2026 SoftBank\'s parent tie to SB Energy is shown');
  check((await classes(page, 'e' + parent.k)).includes('step'), 'and marked as new');
  check(step.includes('New ties') && step.includes('SoftBank Group parent of SB Energy'), 'the step lists the ties first shown that day', step);
  await searchAndPick(page, 'softbank', 'SoftBank Group');
  check(
    (await cardsOf(page, '#panel ul.ties[data-group="subsidiaries"]')).some((c) => c.text.startsWith('SB Energy: subsidiary of SoftBank Group')),
    'and SoftBank\'s panel lists SB Energy then',
  );
  await page.locator('#f-date').fill(String(tranche - 1));
  check((await classes(page, 'e' + parent.k)).includes('off'), 'before 17 February 2026 the parent tie is hidden', dates[tranche - 1]);
  check((await page.locator('#panel ul.ties[data-group="subsidiaries"]').count()) === 0, 'and SoftBank\'s panel has no subsidiary');
  // An organisation known only through ties appears when one of them is reported.
  const october = dates.indexOf('2025-10-28');
  await page.locator('#f-date').fill(String(october - 1));
  check((await classes(page, 'n' + k('masayoshi-son'))).includes('off'), 'Masayoshi Son, known only by his ties, is hidden before they are reported');
  await page.locator('#f-date').fill(String(october));
  check(!(await classes(page, 'n' + k('masayoshi-son'))).includes('off'), 'and shown from 28 October 2025, when they are');
  check((await text(page, '#step')).includes('Masayoshi Son'), 'and listed as new then');
  await page.locator('#f-date').fill('0');
  check(dates[0] === '2023-11-07' && !(await classes(page, 'e' + cameco.k)).includes('off'), 'Westinghouse\'s owners are known from 7 November 2023', dates[0]);
  if (asOfCounts) await countsByDate(page, dates, asOfCounts);
  await page.locator('#f-date').fill(String(dates.length));
  check((await text(page, '#counts')) === counts, 'all dates restores everything');
  check(await page.locator('#step').isHidden(), 'at all dates the step list goes');
  check((await page.locator('#diagram g.step').count()) === 0, 'and its marks');
  await page.click('#play');
  check((await text(page, '#f-date-label')) === dates[0], 'play starts from the first date', await text(page, '#f-date-label'));
  check((await text(page, '#play')).includes('Pause'), 'play turns into pause');
  await page.click('#play');
  check((await text(page, '#play')).includes('Play'), 'pause stops it');
  await page.locator('#f-date').fill(String(dates.length));

  await page.click('#zoom-fit');
  check((await viewBox(page)) === home, 'fit restores the whole diagram', { got: await viewBox(page), home });
  const box = await page.locator('#diagram').boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, -400);
  const zoomed = (await viewBox(page)).split(' ').map(Number);
  check(zoomed[2] < Number(home.split(' ')[2]), 'the wheel zooms in', zoomed);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 120, box.y + box.height / 2 + 40, { steps: 4 });
  await page.mouse.up();
  const panned = (await viewBox(page)).split(' ').map(Number);
  check(panned[0] < zoomed[0] && panned[2] === zoomed[2], 'dragging pans', panned);
  await page.focus('#diagram');
  await page.keyboard.press('-');
  check(Number((await viewBox(page)).split(' ')[2]) > panned[2], '"-" zooms out from the keyboard');
  await page.keyboard.press('0');
  check((await viewBox(page)) === home, '"0" fits the diagram from the keyboard');

  await clean(page, seen, 'explorer');
  await page.close();
}

/** Steps the date control through each date and compares the counts with `partnet --as-of`'s. */
async function countsByDate(page, dates, asOfCounts) {
  for (const [at, d] of dates.entries()) {
    await page.locator('#f-date').fill(String(at));
    const got = await text(page, '#counts');
    const want = `${asOfCounts[d]} · known by ${d}`;
    check(got === want, `at ${d} the page counts what \`partnet --as-of ${d} stats\` counts`, { got, want });
  }
}

/** A tie that ends: Alpha owned 60% of Beta from 2024-01-15 until 2025-06-30; Carol Example became
 *  Alpha's chief executive by s2 (2025-03-01, the tie itself undated). */
async function endedTies(file, asOfCounts) {
  console.log(`# ${file}`);
  const { page, seen, data } = await open(file);
  const k = (id) => data.nodes.find((n) => n.id === id).k;
  const owner = data.ties.find((t) => t.kind === 'owner');
  const dates = [...new Set(data.links.concat(data.ties).flatMap((x) => x.records.map((r) => r.date)).filter(Boolean))].sort();
  check(dates.join() === '2024-01-15,2025-01-10,2025-03-01,2025-07-01', 'ties: the slider runs over the ties\' dates too', dates);
  const at = (d) => page.locator('#f-date').fill(String(dates.indexOf(d)));
  await at('2024-01-15');
  check(!(await classes(page, 'e' + owner.k)).includes('off'), 'ties: a tie shows from its date');
  check(!(await classes(page, 'n' + k('beta'))).includes('off'), 'ties: and makes its ends known');
  check((await classes(page, 'n' + k('carol'))).includes('off'), 'ties: an undated tie shows from its source\'s date, not before');
  await at('2025-03-01');
  const march = await text(page, '#step');
  check(march.includes('New ties (1)') && march.includes('Carol Example executive of Alpha Corp (Chief executive)'), 'ties: the step lists the new tie', march);
  check(march.includes('New organisations (1)') && march.includes('Carol Example'), 'ties: and the person known only by it', march);
  await searchAndPick(page, 'alpha', 'Alpha Corp');
  const owns = await cardsOf(page, '#panel ul.ties[data-group="owns"]');
  check(owns.length === 1 && owns[0].text.startsWith('Beta Industries: 60% owned by Alpha Corp') && owns[0].text.includes('until 2025-06-30'), 'ties: the owner\'s panel lists what it owns, with until', owns);
  await at('2025-07-01');
  check((await classes(page, 'e' + owner.k)).includes('off'), 'ties: a tie whose until is before the date is hidden');
  const july = await text(page, '#step');
  check(july.includes('Ended ties (1)') && july.includes('Alpha Corp owner 60% of Beta Industries') && july.includes('ended 2025-06-30'), 'ties: the step lists the tie that ended', july);
  check((await page.locator('#panel ul.ties[data-group="owns"]').count()) === 0, 'ties: and the panel no longer lists it');
  if (asOfCounts) await countsByDate(page, dates, asOfCounts);
  await clean(page, seen, 'ties');
  await page.close();
}

async function hostile(file) {
  console.log(`# ${file}`);
  const { page, seen, data } = await open(file);
  check((await page.locator('script').count()) === 2, 'hostile: the page has only its own two scripts');
  check((await page.locator('img, iframe, object, embed, foreignObject').count()) === 0, 'hostile: no element made from a name');
  const handlers = await page.evaluate(() =>
    [...document.querySelectorAll('*')].flatMap((e) => [...e.attributes].filter((a) => /^on/i.test(a.name)).map((a) => a.name)),
  );
  check(handlers.length === 0, 'hostile: no event-handler attribute anywhere', handlers);

  await page.click('#zoom-fit');
  for (const n of data.nodes) {
    await page.click(`#n${n.k}`);
    const shown = await text(page, '#panel h2');
    check(shown === n.name, `hostile: ${JSON.stringify(n.name)} shows as text in the panel`, shown);
    const label = await page.locator(`#n${n.k} text`).allTextContents();
    const drawn = label.join('').replace(/\s/g, '');
    check(drawn.includes(n.name.replace(/\s/g, '')), `hostile: ${JSON.stringify(n.name)} shows as text in the diagram`, label);
  }
  const p1 = data.nodes.find((n) => n.id === 'p1');
  await page.click(`#n${p1.k}`);
  check((await page.locator('#panel a[href^="javascript"], a[href^="javascript"]').count()) === 0, 'hostile: javascript: urls never become links');
  check((await text(page, '#panel')).includes('(javascript:alert(6))'), 'hostile: a non-web url shows as text');
  const participants = await all(page, '#panel ul.cards > li > button.name');
  check(participants.length === 4, 'hostile: the project lists its participants', participants);

  await page.fill('#search', '東芝');
  check((await all(page, '#results button > span:first-child'))[0] === '東芝', 'hostile: Japanese names are found');
  await page.fill('#search', 'TŌSHIBA');
  check((await all(page, '#results button > span:first-child'))[0] === '東芝', 'hostile: aliases are found, accents ignored');
  await page.fill('#search', '<script>');
  await page.press('#search', 'Enter');
  check((await text(page, '#panel h2')) === '<script>alert(1)</script>', 'hostile: searching markup finds it as text');
  await page.hover(`#n${data.nodes.find((n) => n.id === 'attr').k}`);

  await clean(page, seen, 'hostile');
  await page.close();
}

try {
  const read = (name) => (args[name] ? JSON.parse(fs.readFileSync(args[name], 'utf8')) : null);
  for (const [i, file] of args.page.entries()) await explorer(file, i === 0 ? args.screenshot : null, read('as-of-counts'));
  for (const file of args.ties) await endedTies(file, read('ties-counts'));
  for (const file of args.hostile) await hostile(file);
} catch (e) {
  check(false, 'the checks ran to the end', String(e && e.stack ? e.stack : e));
} finally {
  await context.close();
  fs.rmSync(profile, { recursive: true, force: true });
}
console.log(failures ? `${failures} check(s) failed` : 'all checks passed');
process.exit(failures ? 1 : 0);
