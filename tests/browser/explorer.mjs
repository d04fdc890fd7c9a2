// End-to-end checks of the partnet explorer page in the system's headless Chromium.
//
//   node tests/browser/explorer.mjs --page PAGE.html [--hostile HOSTILE.html] [--screenshot OUT.png]
//        [--chromium /usr/bin/chromium]
//
// PAGE is built from data/us-japan-2025.json, HOSTILE from tests/fixtures/hostile.json; --page and
// --hostile may be repeated (one per layout engine). Pages are opened from disk (file://) and every
// request that is not file: or data: is aborted and reported. --screenshot saves the first page with
// Westinghouse selected (the README's picture). Prints one line per check; exits 1 when any
// check fails. Never downloads a browser: it drives the Chromium at --chromium.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const args = { page: [], hostile: [] };
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

async function explorer(file, screenshot) {
  console.log(`# ${file}`);
  const { page, seen, data } = await open(file);
  const k = (id) => data.nodes.find((n) => n.id === id).k;
  const home = wholeBox(file);

  const start = numbers(await viewBox(page));
  const whole = numbers(home);
  check((await labelPixels(page)) >= 8.99, 'the page opens with legible labels', await labelPixels(page));
  check(
    start.join(' ') === home || (Math.abs(start[2] - whole[2]) < 0.5 && start[0] === whole[0] && start[1] === whole[1]),
    'the page opens on the whole diagram, or on its whole width from the top',
    { start, whole },
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
  check((await all(page, '#panel ul.cards .tag.status')).length === 2, 'each project shows the status of the link');
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
  const dates = [
    ...new Set([...data.links.flatMap((l) => l.records.map((r) => r.date)), ...data.nodes.map((n) => n.reported)].filter(Boolean)),
  ].sort();
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
  for (const [i, file] of args.page.entries()) await explorer(file, i === 0 ? args.screenshot : null);
  for (const file of args.hostile) await hostile(file);
} catch (e) {
  check(false, 'the checks ran to the end', String(e && e.stack ? e.stack : e));
} finally {
  await context.close();
  fs.rmSync(profile, { recursive: true, force: true });
}
console.log(failures ? `${failures} check(s) failed` : 'all checks passed');
process.exit(failures ? 1 : 0);
