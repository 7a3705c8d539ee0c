#!/usr/bin/env node
// Screenshots of every tab of the built site (build/web) at 1280x800 (mouse)
// and 390x844 (touch phone), in English and 中文, each panel first put in a
// state worth looking at: a Wallet with orders, a Loans schedule with a
// prepayment, the Credit score with its reasons, a small Policy lab run (every
// sub-tab), a Portfolio projection, a Securities account with an order, and
// the suitability questionnaire. A panel that runs below the fold gets more
// shots, each scrolled down by 70% of the screen ("-2", "-3", at most --pages
// in all, default 4).
//
//   node tools/screens.js [--site build/web] [--out build/screens]
//                         [--lang en,zh] [--size 1280x800,390x844] [--only TAB] [--dpr N] [--pages N]
//
// Output: <out>/<lang>-<size>-<tab>[-N].png. Uses the browser tests' driver
// (tests/browser/lib/harness.js) and the same Chromium (FINLAB_CHROMIUM).
'use strict';
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const { launchSite } = require(path.join(ROOT, 'tests', 'browser', 'lib', 'launch'));
const { TestContext } = require(path.join(ROOT, 'tests', 'browser', 'lib', 'harness'));
const { ANSWERS, reveal } = require(path.join(ROOT, 'tests', 'browser', 'lib', 'suitability'));


function parseArgs(argv) {
  const o = {
    site: path.join(ROOT, 'build', 'web'), out: path.join(ROOT, 'build', 'screens'),
    langs: ['en', 'zh'], sizes: ['1280x800', '390x844'], only: null, dpr: 1, pages: 4,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => {
      if (i + 1 >= argv.length) die(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--site') o.site = path.resolve(val());
    else if (a === '--out') o.out = path.resolve(val());
    else if (a === '--lang') o.langs = val().split(',');
    else if (a === '--size') o.sizes = val().split(',');
    else if (a === '--only') o.only = val();
    else if (a === '--dpr') o.dpr = Number(val());
    else if (a === '--pages') o.pages = Number(val());
    else if (a === '-h' || a === '--help') {
      process.stdout.write(fs.readFileSync(__filename, 'utf8').split('\n').slice(1, 14).join('\n') + '\n');
      process.exit(0);
    } else die(`unknown argument ${a}`);
  }
  for (const l of o.langs) if (!['en', 'zh'].includes(l)) die(`--lang: '${l}' is not en or zh`);
  for (const s of o.sizes) if (!/^\d+x\d+$/.test(s)) die(`--size: '${s}' is not WIDTHxHEIGHT`);
  if (!(o.dpr >= 1 && o.dpr <= 4)) die(`--dpr: '${o.dpr}' is not between 1 and 4`);
  if (!(Number.isInteger(o.pages) && o.pages >= 1 && o.pages <= 20)) die(`--pages: '${o.pages}' is not a whole number from 1 to 20`);
  return o;
}

function die(msg) {
  process.stderr.write(`screens.js: ${msg}\n`);
  process.exit(2);
}

// Reveals a widget (phone: through the accessible layer, desktop: the
// driver's wheel scrolling) and clicks it like a person.
async function press(app, name) {
  await reveal(app, name);
  await app.click(name);
}

async function fill(app, name, text) {
  await reveal(app, name);
  await app.type(name, text);
}

async function until(app, fn, timeout = 170000) {
  await app.page.waitForFunction(fn, null, { timeout, polling: 200 });
  await app.settled();
}

async function assess(app, prefix, answers) {
  for (let i = 0; i < answers.length; i++) {
    await press(app, `${prefix}.q.${i}`);
    await app.click(`${prefix}.q.${i}.${answers[i]}`);
  }
  await press(app, `${prefix}.submit`);
}

// Opens a tab by its tab button, first scrolling the phone's tab bar to it.
async function openTab(app, tab) {
  for (let k = 0; k < 2 && (await app.state()).tab !== tab; k++) {
    const r = (await app.widgets())[`tab.${tab}`];
    if (r && r.visible) await app.click(`tab.${tab}`);
  }
  // Scrolled out of the tab bar: its scroll arrow (right end of the bar) brings it in.
  for (let k = 0; k < 8 && (await app.state()).tab !== tab; k++) {
    const all = await app.widgets();
    const r = all[`tab.${tab}`];
    if (r && r.visible) {
      await app.click(`tab.${tab}`);
      continue;
    }
    const bar = all['tab.wallet'] || r;
    const vp = app.page.viewportSize();
    await app.page.mouse.move(vp.width - 16, bar.y + bar.h / 2);
    await app.page.evaluate(() => window.finlab.frames(1));
    await app.page.mouse.down();
    await app.page.evaluate(() => window.finlab.frames(1));
    await app.page.mouse.up();
    await app.settled();
  }
  if ((await app.state()).tab !== tab) throw new Error(`the ${tab} tab did not open`);
}

// Scrolls the panel by `f` of the screen's height (f < 0: up): the wheel
// with a mouse, swipes on a touch screen.
async function scroll(app, phone, f) {
  const vp = app.page.viewportSize();
  if (!phone) {
    await app.page.mouse.move(vp.width / 2, vp.height * 0.6);
    const notches = Math.round(Math.abs(f) * vp.height / 100);
    for (let k = 0; k < notches; k++) await app.page.mouse.wheel(0, Math.sign(f) * 100);
    await app.settled();
    return;
  }
  const cdp = await app.context.newCDPSession(app.page);
  // One swipe moves at most half the screen; the finger lifts still (no fling).
  for (let left = Math.abs(f); left > 1e-6; left -= 0.5) {
    const d = Math.min(0.5, left);
    const y0 = f > 0 ? 0.75 : 0.25, y1 = f > 0 ? y0 - d : y0 + d;
    const at = (g) => ({ x: vp.width / 2, y: vp.height * (y0 + (y1 - y0) * g), id: 1 });
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [at(0)] });
    for (const g of [0.25, 0.5, 0.75, 1, 1]) {
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [at(g)] });
      await app.page.evaluate(() => window.finlab.frames(1));
    }
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await app.settled();
  }
  await cdp.detach();
}

// Each step: the tab to open, what to do there, and the shot's name.
const STEPS = [
  {
    tab: 'wallet',
    async setup(app) {
      await fill(app, 'wallet.amount', '10000');
      await press(app, 'wallet.deposit');
      await fill(app, 'wallet.goto_input', '2015-10-09 14:00');
      await fill(app, 'wallet.amount', '1000');
      await press(app, 'wallet.redeem');
    },
  },
  {
    tab: 'loans',
    async setup(app) {
      await press(app, 'loans.prepay_on');
      await fill(app, 'loans.prepay_date', '2015-11-20');
      await fill(app, 'loans.prepay_amount', '3000');
    },
  },
  {
    tab: 'credit',
    async setup(app) {
      await until(app, () => window.finlab.state().panels.credit.score !== undefined);
    },
  },
  {
    tab: 'policy_lab',
    shot: 'policy_lab-policy',
    async setup(app) {
      await press(app, 'policy_lab.tab.policy');
    },
  },
  {
    tab: 'policy_lab',
    shot: 'policy_lab-results',
    async setup(app) {
      await fill(app, 'policy_lab.users', '2000');
      await fill(app, 'policy_lab.months', '12');
      await press(app, 'policy_lab.run');
      await until(app, () => !window.finlab.state().panels.policy_lab.busy);
      // A second run with another seed, so Compare has two runs.
      await fill(app, 'policy_lab.seed', '2');
      await press(app, 'policy_lab.run');
      await until(app, () => !window.finlab.state().panels.policy_lab.busy);
      await press(app, 'policy_lab.tab.results');
    },
  },
  {
    tab: 'policy_lab',
    shot: 'policy_lab-compare',
    async setup(app) { await press(app, 'policy_lab.tab.compare'); },
  },
  {
    tab: 'policy_lab',
    shot: 'policy_lab-sweep',
    async setup(app) {
      await press(app, 'policy_lab.tab.sweep');
      await press(app, 'policy_lab.run_sweep');
      await until(app, () => !window.finlab.state().panels.policy_lab.busy);
    },
  },
  {
    tab: 'policy_lab',
    shot: 'policy_lab-runs',
    async setup(app) { await press(app, 'policy_lab.tab.runs'); },
  },
  {
    tab: 'portfolio',
    shot: 'suitability',
    async setup(app) { await reveal(app, 'portfolio.suit.q.0'); },
  },
  {
    tab: 'portfolio',
    async setup(app) {
      await assess(app, 'portfolio.suit', ANSWERS.c3);
      await fill(app, 'portfolio.paths', '200');
      await fill(app, 'portfolio.years', '5');
      await press(app, 'portfolio.run');
      await until(app, () => { const p = window.finlab.state().panels.portfolio; return p.result && !p.running; });
    },
  },
  {
    tab: 'securities',
    async setup(app) {
      await assess(app, 'securities.suit', ANSWERS.c3);
      await fill(app, 'securities.deposit_amount', '100000');
      await press(app, 'securities.deposit');
      await press(app, 'securities.send');
      await press(app, 'securities.next_day');
    },
  },
];

// The pointer rests on the header, so no chart shows its hover tooltip.
async function shoot(app, file) {
  await app.page.mouse.move(app.page.viewportSize().width / 2, 4);
  await app.settled();
  return app.page.screenshot({ path: file });
}

async function runOne(browser, url, o, lang, size, log) {
  const [width, height] = size.split('x').map(Number);
  const phone = width < 700;
  const t = new TestContext({ browser, url, artifacts: o.out, name: `screens ${lang} ${size}`, siteDir: o.site });
  try {
    const app = await t.open({ width, height, dpr: o.dpr, touch: phone, label: `${lang}-${size}` });
    await app.click(`lang.${lang}`);
    for (const step of STEPS) {
      const shot = step.shot || step.tab;
      if (o.only && !shot.startsWith(o.only)) continue;
      await openTab(app, step.tab);
      try {
        await step.setup(app);
      } catch (e) {
        log(`  ${lang}-${size}-${shot}: setup incomplete (${String(e.message || e).split('\n')[0]})`);
      }
      await scroll(app, phone, -20);
      const base = path.join(o.out, `${lang}-${size}-${shot}`);
      for (let k = 2; k <= 20; k++) fs.rmSync(`${base}-${k}.png`, { force: true });
      let last = await shoot(app, `${base}.png`);
      log(`  ${path.relative(process.cwd(), base)}.png`);
      // Further screens while the panel still moves (at most o.pages in all).
      for (let k = 2; k <= o.pages; k++) {
        await scroll(app, phone, 0.7);
        await app.page.mouse.move(app.page.viewportSize().width / 2, 4);
        await app.settled();
        const buf = await app.page.screenshot();
        if (buf.equals(last)) break;
        fs.writeFileSync(`${base}-${k}.png`, buf);
        last = buf;
        log(`  ${path.relative(process.cwd(), base)}-${k}.png`);
      }
    }
    const st = await app.state();
    if (st.untranslated && st.untranslated.length) log(`  ${lang}-${size}: untranslated: ${st.untranslated.join(' | ')}`);
  } finally {
    await t.close();
    for (const f of t.failures) log(`  ${lang}-${size}: ${f}`);
  }
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  fs.mkdirSync(o.out, { recursive: true });
  let server, browser;
  try {
    ({ server, browser } = await launchSite(o.site));
  } catch (e) {
    die(e.message);
  }
  const log = (s) => process.stdout.write(s + '\n');
  try {
    for (const lang of o.langs) for (const size of o.sizes) await runOne(browser, server.url, o, lang, size, log);
  } finally {
    await browser.close();
    await server.close();
  }
  return 0;
}

main().then((code) => process.exit(code), (e) => {
  process.stderr.write(`screens.js: ${e && e.stack ? e.stack : e}\n`);
  process.exit(1);
});
