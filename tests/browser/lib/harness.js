// Test context and page helpers for the browser flows. A flow clicks and types
// into the real ImGui widgets: their rectangles come from the page's test API
// (window.finlab.widgets(), CSS pixels relative to the canvas; docs/web.md).
'use strict';

function canonical(v) {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === 'object') {
    const o = {};
    for (const k of Object.keys(v).sort()) o[k] = canonical(v[k]);
    return o;
  }
  return v;
}
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');
const { decodePng, pixelStats } = require('./png');

class TestFailure extends Error {}

// The named widget's rectangle (window.finlab.widgets()) once it exists and is
// visible: a widget below or above its panel's view is scrolled to with the
// mouse wheel over the panel, as a person would. Used by the tests and bench/web.
async function visibleWidget(page, name, { timeout = 10000, label = '' } = {}) {
  const t0 = Date.now();
  for (;;) {
    const all = await page.evaluate(() => window.finlab.widgets());
    const r = all[name];
    if (r && r.visible) return r;
    if (Date.now() - t0 > timeout) {
      const known = Object.keys(all).filter((k) => k.split('.')[0] === name.split('.')[0]).slice(0, 40).join(', ');
      throw new TestFailure(`widget '${name}' ${r ? 'never became visible' : 'not found'} (${label}); known: ${known}`);
    }
    if (r && !r.visible) {
      // Hidden above (under the tab and run bars, up to about a third of the
      // screen) scrolls up; anything lower scrolls down.
      const vp = page.viewportSize();
      const dy = r.y < vp.height * 0.3 ? -240 : 240;
      await page.mouse.move(Math.min(vp.width - 20, Math.max(20, r.x + 5)), vp.height * 0.6);
      await page.mouse.wheel(0, dy);
    }
    await page.evaluate(() => window.finlab.frames(1));
    await page.evaluate(() => window.finlab.settled());
  }
}

class AppPage {
  constructor(t, context, page, url, label) {
    this.t = t;
    this.context = context;
    this.page = page;
    this.url = url;
    this.label = label;
    this.errors = [];
    this.allowed = [];
    page.on('console', (m) => {
      if (m.type() === 'error' && !this.allowed.some((re) => re.test(m.text()))) this.errors.push(`console error: ${m.text()}`);
    });
    page.on('pageerror', (e) => this.errors.push(`page error: ${e.message}`));
    page.on('response', (r) => {
      if (r.status() >= 400) this.errors.push(`HTTP ${r.status()} for ${r.url()}`);
    });
    page.on('requestfailed', (r) => {
      const f = r.failure();
      // A download started by the app (blob: URL) is not a failed page resource.
      if (!r.url().startsWith('blob:') && !this.allowed.some((re) => re.test(r.url()))) this.errors.push(`request failed: ${r.url()} ${f ? f.errorText : ''}`);
    });
  }

  async goto(hash = '') {
    await this.page.goto(this.url + (hash ? '#' + hash : ''));
    return this.waitReady();
  }

  async waitReady(timeout = 30000) {
    const t0 = Date.now();
    await this.page.waitForFunction(() => window.finlab && window.finlab.ready, null, { timeout });
    await this.settled();
    return Date.now() - t0;
  }

  async reload() {
    await this.page.reload();
    return this.waitReady();
  }

  state() { return this.page.evaluate(() => window.finlab.state()); }
  widgets() { return this.page.evaluate(() => window.finlab.widgets()); }
  numbers() { return this.page.evaluate(() => window.finlab.numbers()); }
  // The common-hanzi font (fetched after the first frame): waits until it has
  // arrived or failed and returns finlab.state().font.
  async commonFont(timeout = 20000) {
    await this.page.waitForFunction(() => ['ready', 'failed'].includes(window.finlab.state().font.common), null, { timeout });
    await this.settled();
    return (await this.state()).font;
  }
  async settled() {
    await this.page.evaluate(() => window.finlab.frames(1));
    await this.page.evaluate(() => window.finlab.settled());
  }

  // The DOM mirror: { key: value } from the visually hidden ARIA region.
  mirror() {
    return this.page.evaluate(() => {
      const out = {};
      document.querySelectorAll('#a11y-numbers [data-key]').forEach((el) => { out[el.getAttribute('data-key')] = el.textContent; });
      return out;
    });
  }

  // Waits until the named widget exists; scrolls its window until it is visible.
  async widget(name, { timeout = 10000 } = {}) {
    return visibleWidget(this.page, name, { timeout, label: this.label });
  }

  async center(name) {
    const r = await this.widget(name);
    return { x: r.x + r.w / 2, y: r.y + r.h / 2 };
  }

  // Like a person: move over the widget, let a frame see the hover, then press
  // and release (ImGui tabs ignore a press on the frame the pointer arrives).
  async click(name) {
    const c = await this.center(name);
    await this.page.mouse.move(c.x, c.y);
    await this.page.evaluate(() => window.finlab.frames(1));
    await this.page.mouse.down();
    await this.page.evaluate(() => window.finlab.frames(1));
    await this.page.mouse.up();
    await this.settled();
  }

  async tap(name) {
    const c = await this.center(name);
    await this.page.touchscreen.tap(c.x, c.y);
    await this.settled();
  }

  // Replace the text of an InputText widget and confirm with Enter. ImGui
  // reads key state once per frame, so each step gets its own frame.
  async type(name, text) {
    const frame = () => this.page.evaluate(() => window.finlab.frames(1));
    await this.click(name);
    await this.page.keyboard.press('Control+A');
    await frame();
    await this.page.keyboard.press('Backspace');
    await frame();
    await this.page.keyboard.type(String(text));
    await frame();
    await this.page.keyboard.press('Enter');
    await this.settled();
  }

  async screenshot(name) {
    const dir = this.t.artifacts;
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${name}.png`);
    await this.settled();
    const buf = await this.page.screenshot({ path: file });
    const stats = pixelStats(decodePng(buf));
    this.t.check(stats.nonBackgroundFraction > 0.01 && stats.distinctColors > 8,
      `screenshot ${name}: canvas looks blank (${JSON.stringify(stats)})`);
    this.t.artifactsWritten.push(file);
    return stats;
  }

  // A console error or a failed request (by URL) the flow causes on purpose.
  allowConsoleError(re) { this.allowed.push(re); }

  assertNoErrors() {
    if (this.errors.length) throw new TestFailure(`${this.label}: ${this.errors.join('\n  ')}`);
  }
}

class TestContext {
  constructor({ browser, url, artifacts, cli, name, siteDir }) {
    this.browser = browser;
    this.url = url;
    this.artifacts = artifacts;
    this.cliPath = cli;
    this.name = name;
    this.siteDir = siteDir;
    this.pages = [];
    this.contexts = [];
    this.failures = [];
    this.artifactsWritten = [];
    this.notes = [];
  }

  // A fresh browser context (own IndexedDB) with one page on the app.
  // opts: { width, height, dpr, touch, hash, label, init }
  async open(opts = {}) {
    const width = opts.width || 1280, height = opts.height || 800;
    const context = await this.browser.newContext({
      viewport: { width, height },
      deviceScaleFactor: opts.dpr || 1,
      hasTouch: !!opts.touch,
      isMobile: !!opts.touch,
      acceptDownloads: true,
      locale: opts.locale || 'en-US',
    });
    this.contexts.push(context);
    if (opts.init) await context.addInitScript(opts.init);
    const page = await context.newPage();
    const app = new AppPage(this, context, page, this.url, opts.label || `${width}x${height}@${opts.dpr || 1}`);
    this.pages.push(app);
    if (opts.noGoto) return app;
    app.loadMs = await app.goto(opts.hash || '');
    return app;
  }

  // Soft check: records a failure and goes on (the flow reports all of them).
  check(cond, msg) {
    if (!cond) this.failures.push(msg);
    return !!cond;
  }
  // Deep equality of JSON values; object key order does not matter (the
  // browser's state and the CLI's --json may list keys in different orders).
  equal(actual, expected, msg) {
    const a = JSON.stringify(canonical(actual)), e = JSON.stringify(canonical(expected));
    return this.check(a === e, `${msg}: expected ${e}, got ${a}`);
  }
  // Hard check: stops the flow.
  require(cond, msg) {
    if (!cond) throw new TestFailure(msg);
  }
  note(msg) { this.notes.push(msg); }

  // Runs the native CLI (same inputs as the browser flow) and returns stdout,
  // parsed when `json` is set. `allowFail`: a non-zero exit still returns its
  // stdout (e.g. `suitability check` exits 1 when a purchase is not allowed).
  cli(args, { json = false, input, allowFail = false } = {}) {
    if (!this.cliPath || !fs.existsSync(this.cliPath))
      throw new TestFailure(`native CLI not found at ${this.cliPath || '(unset)'}: build it (./dev build) or pass --cli`);
    let out;
    try {
      out = execFileSync(this.cliPath, args, { encoding: 'utf8', input, stdio: ['pipe', 'pipe', 'pipe'] });
    } catch (e) {
      if (!allowFail || e.stdout === undefined) throw e;
      out = e.stdout;
    }
    return json ? JSON.parse(out) : out;
  }

  async close() {
    for (const p of this.pages) {
      try { p.assertNoErrors(); } catch (e) { this.failures.push(e.message); }
    }
    for (const c of this.contexts) await c.close().catch(() => {});
  }
}

module.exports = { TestContext, AppPage, TestFailure, visibleWidget };
