// The browser test: Debian's Chromium, headless, driven by playwright-core
// through the explorer (search → network → click an edge → evidence, the
// URL restoring the view, PNG export) and the IDE. It fails on any console
// error or uncaught exception, on any request to another origin than the
// server's, and when Hindi is not drawn with the bundled Noto Sans
// Devanagari. Screenshots go to $ARTIFACTS.
//
//   BASE_URL=http://127.0.0.1:8094 ARTIFACTS=../../test-artifacts node explore.mjs
//
// The Go test TestBrowser (e2e_test.go) runs it against `netagraph serve`
// with samples/ loaded; `make test` installs Chromium and this package.
import { chromium } from 'playwright-core';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const base = process.env.BASE_URL;
const artifacts = process.env.ARTIFACTS || 'artifacts';
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
if (!base) {
  console.error('BASE_URL is not set');
  process.exit(2);
}
mkdirSync(artifacts, { recursive: true });
const origin = new URL(base).origin;
const problems = [];
const t0 = Date.now();
const step = (msg) => console.log('browser: ' + msg + ' (' + ((Date.now() - t0) / 1000).toFixed(1) + ' s)');

// Without the background-networking flags Chromium reaches for Google's
// services, which a closed network refuses. Each launch gets a fresh
// profile: playwright-core passes Chromium a new temporary --user-data-dir
// (and refuses one in args).
const browser = await chromium.launch({
  executablePath: chromiumPath,
  headless: true,
  args: [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--disable-default-apps', '--disable-extensions',
  ],
});

try {
  const context = await browser.newContext({ viewport: { width: 1400, height: 860 }, acceptDownloads: true });
  // Every request must stay on the server: others are recorded and refused.
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin + '/') || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    problems.push('request leaving the server: ' + url);
    return route.abort();
  });
  const page = await context.newPage();
  page.setDefaultTimeout(20000);
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push('console error: ' + msg.text());
    // Cytoscape warns, and ignores the property, when a style is invalid.
    if (msg.type() === 'warning' && /invalid/i.test(msg.text())) problems.push('console warning: ' + msg.text());
  });
  page.on('pageerror', (err) => problems.push('uncaught: ' + err.message));
  page.on('requestfailed', (req) => {
    if (!req.url().startsWith(origin + '/')) return; // refused above, already recorded
    problems.push('request failed: ' + req.url() + ' ' + (req.failure() ? req.failure().errorText : ''));
  });
  page.on('response', (resp) => {
    if (resp.status() >= 400) problems.push('HTTP ' + resp.status() + ': ' + resp.url());
  });
  const cdp = await context.newCDPSession(page);

  // fontsOf returns the fonts Chromium drew an element's text with.
  async function fontsOf(selector) {
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
    if (!nodeId) throw new Error('no element ' + selector);
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    // Left on, the DOM and CSS agents make every later change to the page
    // (Cytoscape's canvases) crawl.
    await cdp.send('CSS.disable');
    await cdp.send('DOM.disable');
    return fonts;
  }
  async function expectBundledFont(selector, what) {
    const fonts = await fontsOf(selector);
    const noto = fonts.find((f) => f.familyName === 'Noto Sans Devanagari');
    if (!noto || !noto.isCustomFont || noto.glyphCount === 0) {
      problems.push(`${what}: Hindi drawn with ${JSON.stringify(fonts)}, not the bundled Noto Sans Devanagari`);
    } else {
      step(`${what}: ${noto.glyphCount} glyphs drawn with the bundled Noto Sans Devanagari (web font)`);
    }
  }

  // 1. Search in Devanagari, with suggestions.
  await page.goto(base + '/explore');
  await page.fill('#search', 'ममता');
  const suggestion = page.locator('#search-list li[data-id="person:mamata-banerjee"]');
  await suggestion.waitFor();
  step('search "ममता" suggests ' + (await page.locator('#search-list li').count()) + ' entities');
  await page.screenshot({ path: join(artifacts, 'explore-1-search.png') });
  await suggestion.click();

  // 2. The network.
  await page.waitForFunction(() => window.explorer && window.explorer.cy.nodes().length > 3 && window.explorer.cy.edges().length > 3, null, { polling: 100 });
  await page.locator('#details h3', { hasText: 'Mamata Banerjee' }).waitFor();
  const counts = await page.evaluate(() => ({ nodes: window.explorer.cy.nodes().length, edges: window.explorer.cy.edges().length }));
  step(`network: ${counts.nodes} nodes, ${counts.edges} edges; details: offices, parties, timeline`);
  await page.locator('#details h2', { hasText: 'Offices' }).waitFor();
  await page.locator('#details h2', { hasText: 'Timeline' }).waitFor();
  await expectBundledFont('#details .hindi', 'explorer details');
  const fontLoaded = await page.evaluate(() => document.fonts.check('16px "Noto Sans Devanagari"', 'ममता'));
  if (!fontLoaded) problems.push('document.fonts: Noto Sans Devanagari is not loaded for "ममता"');
  // The network's labels are drawn on a canvas, with the font its style names.
  const canvasFont = await page.evaluate(() => window.explorer.cy.nodes()[0].pstyle('font-family').strValue);
  if (!canvasFont.startsWith('Noto Sans Devanagari')) problems.push('network labels drawn with ' + canvasFont);

  // 3. Click an edge: Mamata Banerjee and Akhilesh Yadav met in Kolkata.
  const mid = await page.evaluate(() => {
    const cy = window.explorer.cy;
    const e = cy.edges('[type = "MET"]').filter((x) => x.connectedNodes('#person\\:akhilesh-yadav').length > 0)[0] ||
      cy.edges().sort((a, b) => b.data('weight') - a.data('weight'))[0];
    cy.fit(e.connectedNodes(), 150);
    const p = e.renderedMidpoint();
    const box = cy.container().getBoundingClientRect();
    return { x: box.left + p.x, y: box.top + p.y, id: e.id() };
  });
  await page.waitForTimeout(100);
  await page.mouse.click(mid.x, mid.y);
  await page.locator('#details .evidence li').first().waitFor();

  // 4. The evidence: the sentence, the article's title, date and link.
  const ev = await page.evaluate(() => {
    const li = document.querySelector('#details .evidence li');
    const a = li.querySelector('a');
    return { sentence: li.querySelector('blockquote').textContent, title: a && a.textContent, href: a && a.href, meta: li.querySelector('.meta').textContent };
  });
  if (!ev.sentence || !ev.title || !/^https:\/\/news\.example\.org\//.test(ev.href || '') || !/\d{4}-\d{2}-\d{2}/.test(ev.meta)) {
    problems.push('edge evidence lacks sentence, title, link or date: ' + JSON.stringify(ev));
  }
  step(`edge ${mid.id}: evidence "${ev.sentence.slice(0, 60)}…" from "${ev.title}"`);
  // the first sentence in Hindi (the evidence may be in English too)
  const hindi = await page.evaluate(() => {
    for (const q of document.querySelectorAll('#details .evidence blockquote')) {
      if (/[\u0900-\u097F]/.test(q.textContent)) { q.setAttribute('data-hindi', '1'); return true; }
    }
    return false;
  });
  if (!hindi) problems.push('edge evidence: no sentence in Hindi to check the font with');
  else await expectBundledFont('#details .evidence blockquote[data-hindi]', 'edge evidence');
  await page.screenshot({ path: join(artifacts, 'explore-2-evidence.png') });

  // 5. The URL holds the view: a fresh page from it shows the same edge.
  const url = page.url();
  if (!url.includes('focus=person%3Amamata-banerjee') || !url.includes('sel=e%3A')) problems.push('URL does not hold the view: ' + url);
  await page.goto('about:blank');
  await page.goto(url);
  await page.locator('#details .evidence li').first().waitFor();
  await page.waitForFunction(() => window.explorer.cy.edges().length > 3, null, { polling: 100 });
  step('the URL restores the view: ' + url.slice(url.indexOf('#')));

  // 5b. Double-click a neighbour: its own neighbours join the view, the nodes
  // already placed stay where they were, and the URL names the expansion.
  const grow = await page.evaluate(() => {
    const cy = window.explorer.cy;
    const n = cy.$('#person\\:akhilesh-yadav').nonempty() ? cy.$('#person\\:akhilesh-yadav') : cy.nodes('[depth = 1]')[0];
    cy.fit(n, 200);
    const placed = {};
    cy.nodes().forEach((x) => { placed[x.id()] = x.position(); });
    const p = n.renderedPosition();
    const box = cy.container().getBoundingClientRect();
    return { x: box.left + p.x, y: box.top + p.y, id: n.id(), nodes: cy.nodes().length, placed };
  });
  await page.mouse.dblclick(grow.x, grow.y);
  await page.waitForFunction((n) => window.explorer.cy.nodes().length > n && location.hash.includes('expand='), grow.nodes, { polling: 100 });
  const moved = await page.evaluate((placed) => Object.keys(placed).filter((id) => {
    const n = window.explorer.cy.getElementById(id);
    return n.nonempty() && (Math.abs(n.position().x - placed[id].x) > 1 || Math.abs(n.position().y - placed[id].y) > 1);
  }), grow.placed);
  if (moved.length) problems.push('expanding ' + grow.id + ' moved nodes already placed: ' + moved.join(', '));
  step(`expand ${grow.id}: ${grow.nodes} -> ${await page.evaluate(() => window.explorer.cy.nodes().length)} nodes, none moved`);

  // 6. The graph as of an early date has fewer relations; the path finder
  // finds a chain. The URL follows each.
  const before = await page.evaluate(() => window.explorer.cy.edges().length);
  await page.$eval('#asof', (e) => { e.value = '1'; e.dispatchEvent(new Event('input')); e.dispatchEvent(new Event('change')); });
  await page.waitForFunction((n) => window.explorer.cy.edges().length < n && location.hash.includes('asof='), before, { polling: 100 });
  const asOf = await page.evaluate(() => [document.getElementById('asof-out').textContent, window.explorer.cy.edges().length]);
  step(`as of ${asOf[0]}: ${asOf[1]} of ${before} edges`);
  await page.$eval('#asof', (e) => { e.value = e.max; e.dispatchEvent(new Event('change')); });
  await page.waitForFunction((n) => window.explorer.cy.edges().length === n && !location.hash.includes('asof='), before, { polling: 100 });
  for (const [sel, text, id] of [['#path-from', 'nitish', 'person:nitish-kumar'], ['#path-to', 'मायावती', 'person:mayawati']]) {
    await page.fill(sel, text);
    await page.locator(sel + ' + ul li[data-id="' + id + '"]').click();
  }
  await page.click('#path-go');
  await page.locator('#details h3', { hasText: 'Paths' }).waitFor();
  const pathHops = await page.evaluate(() => document.querySelectorAll('#details ul.plain li').length);
  if (!pathHops || !page.url().includes('from=person%3Anitish-kumar')) problems.push('path finder: ' + pathHops + ' hops, URL ' + page.url());
  step(`path finder: Nitish Kumar to Mayawati, ${pathHops} hops listed`);

  // 7. Export PNG and JSON.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-png')]);
  const name = download.suggestedFilename();
  if (!name.endsWith('.png')) problems.push('PNG export named ' + name);
  await download.saveAs(join(artifacts, name));
  const [jsonDownload] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
  await jsonDownload.saveAs(join(artifacts, jsonDownload.suggestedFilename()));
  const exported = JSON.parse(readFileSync(join(artifacts, jsonDownload.suggestedFilename()), 'utf8'));
  if (!exported.nodes.length || !exported.edges.length || !exported.view.includes('#focus=')) problems.push('JSON export: ' + JSON.stringify(exported).slice(0, 200));
  step(`exported ${name} and ${jsonDownload.suggestedFilename()} (${exported.nodes.length} nodes, ${exported.edges.length} edges)`);

  // 8. The IDE: its first tab's Hindi in the editor, with the bundled font.
  const ide = page;
  await ide.goto(base + '/');
  const line = ide.locator('.graphiql-query-editor .CodeMirror-line', { hasText: 'सपा' }).first();
  await line.waitFor();
  await ide.evaluate(() => {
    // the innermost element holding the Hindi: a token's span
    for (const el of document.querySelectorAll('.graphiql-query-editor .CodeMirror-line span')) {
      if (el.children.length === 0 && el.textContent.includes('सपा')) el.setAttribute('data-hindi', '1');
    }
  });
  const ideCdp = cdp;
  await ideCdp.send('DOM.enable');
  await ideCdp.send('CSS.enable');
  const { root } = await ideCdp.send('DOM.getDocument', { depth: -1 });
  const { nodeId } = await ideCdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: '[data-hindi]' });
  const { fonts } = await ideCdp.send('CSS.getPlatformFontsForNode', { nodeId });
  await ideCdp.send('CSS.disable');
  await ideCdp.send('DOM.disable');
  const noto = fonts.find((f) => f.familyName === 'Noto Sans Devanagari' && f.isCustomFont);
  if (!noto) problems.push('IDE editor: Hindi drawn with ' + JSON.stringify(fonts));
  else step(`IDE editor: ${noto.glyphCount} glyphs drawn with the bundled Noto Sans Devanagari`);
  await ide.screenshot({ path: join(artifacts, 'ide.png') });
} catch (err) {
  problems.push('failed: ' + (err && err.stack ? err.stack : err));
} finally {
  await browser.close();
}

if (problems.length) {
  for (const p of problems) console.error('browser: ' + p);
  process.exit(1);
}
step('ok; screenshots in ' + artifacts);
