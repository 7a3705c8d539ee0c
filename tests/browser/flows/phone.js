// Phone ergonomics at 390x844: every control a finger can press (buttons,
// tabs, checkboxes, combos, text fields, sliders; rectangles from the test API's
// controls()) is at least 44 CSS px tall and wide, pinch zoom is allowed, and a
// swipe on a slider moves it at once (no long press first).
'use strict';

const TABS = ['wallet', 'loans', 'credit', 'policy_lab', 'portfolio', 'securities'];
const MIN = 43.5;  // 44 CSS px; half a pixel for the device-pixel rounding at DPR 3

// Line breaks inside a number or a date range ("19." / "1802", "10-10." /
// ".10-11", "5," / "996"), from the texts wrapped this frame.
async function brokenNumbers(app) {
  const texts = await app.page.evaluate(() => window.finlab.wrapped());
  const bad = [];
  for (const t of texts) {
    const lines = t.split('\n');
    for (let i = 1; i < lines.length; i++) {
      const a = lines[i - 1], b = lines[i];
      if ((/[0-9][.,]$/.test(a) && /^[0-9.]/.test(b)) || (/[0-9]$/.test(a) && /^[.,][0-9.]/.test(b))) bad.push(`"${a.slice(-20)}" / "${b.slice(0, 20)}"`);
    }
  }
  return { bad, count: texts.length };
}

module.exports = [
  {
    name: 'phone: wrapped text never breaks inside a number; buttons in tables are 44 px; tables keep their columns',
    async run(t) {
      const app = await t.open({ width: 390, height: 844, dpr: 3, touch: true, label: 'phone' });
      const { reveal } = require('../lib/suitability');
      const small = async (where) => (await app.page.evaluate(() => window.finlab.controls()))
        .filter((c) => c.visible && (c.h < MIN || c.w < MIN)).map((c) => `${where}: ${c.role} '${c.label}' ${c.w.toFixed(0)}x${c.h.toFixed(0)}`);
      // Wallet: a redemption's note has date ranges ("10-10..10-11") and amounts.
      await app.tap('tab.wallet');
      await app.type('wallet.amount', '10000');
      await app.click('wallet.deposit');
      await reveal(app, 'wallet.goto_input');
      await app.type('wallet.goto_input', '2015-10-09 14:00');
      await reveal(app, 'wallet.amount');
      await app.type('wallet.amount', '1000');
      await app.click('wallet.redeem');
      await reveal(app, 'wallet.order.1');
      let w = await brokenNumbers(app);
      t.check(w.count > 0 && w.bad.length === 0, `wallet: ${w.count} wrapped texts, none broken inside a number: ${w.bad.join('; ')}`);
      // Loans: the method comparison keeps all six columns (it scrolls sideways) and no cell is clipped.
      await app.tap('tab.loans');
      await reveal(app, 'loans.prepay_on');  // just below the comparison
      const row = (await app.widgets())['loans.compare.0'];
      t.check(row && row.y > 0 && row.y + row.h < 844 && row.w > 390,
        `the method comparison is on screen with its six columns wider than the phone, scrolling sideways (${JSON.stringify(row)})`);
      // Policy lab: a small run; its KPI cards carry 95% intervals ("19.1802–26.9891%").
      await app.tap('tab.policy_lab');
      await app.type('policy_lab.users', '2000');
      await app.type('policy_lab.months', '12');
      await app.click('policy_lab.run');
      await app.page.waitForFunction(() => !window.finlab.state().panels.policy_lab.busy, null, { timeout: 170000, polling: 200 });
      await app.settled();
      if ((await app.state()).panels.policy_lab.tab !== 'results') await app.tap('policy_lab.tab.results');
      w = await brokenNumbers(app);
      t.check(w.count > 0 && w.bad.length === 0, `policy lab results: ${w.count} wrapped texts, none broken inside a number: ${w.bad.join('; ')}`);
      const title = (await app.widgets())['policy_lab.run_title'];
      t.check(title && title.x + title.w <= 390, `the run's title fits the screen (${title && (title.x + title.w).toFixed(0)} px)`);
      await app.screenshot('phone-390x844-policy_lab-results');
      // Runs: the View button of each run is a 44 px target.
      await app.tap('policy_lab.tab.runs');
      const views = (await app.page.evaluate(() => window.finlab.controls())).filter((c) => c.visible && /View/.test(c.label));
      t.check(views.length > 0, `the runs table shows View buttons (${views.length})`);
      const s = await small('runs');
      t.check(s.length === 0, `runs: controls under 44 px: ${s.slice(0, 6).join('; ')}`);
      await app.screenshot('phone-390x844-policy_lab-runs');
    },
  },
  {
    name: 'phone: 44 px touch targets on every tab, pinch zoom allowed, sliders follow a swipe',
    async run(t) {
      const app = await t.open({ width: 390, height: 844, dpr: 3, touch: true, label: 'phone' });
      const viewport = await app.page.evaluate(() => document.querySelector('meta[name=viewport]').content);
      t.check(!/user-scalable\s*=\s*no|maximum-scale\s*=\s*1(\D|$)/.test(viewport), `pinch zoom is allowed: ${viewport}`);
      // Every tab shows whole in one row (short names, no scroll arrows), in both languages.
      for (const lang of ['zh', 'en']) {
        await app.tap(`lang.${lang}`);
        const w = await app.widgets();
        const bad = TABS.map((tab) => [tab, w[`tab.${tab}`]])
          .filter(([, r]) => !r || !r.visible || r.w < MIN || r.h < MIN || r.x < 0 || r.x + r.w > 390)
          .map(([tab, r]) => `${tab} ${r ? `${r.x.toFixed(0)}+${r.w.toFixed(0)}x${r.h.toFixed(0)}` : 'missing'}`);
        t.check(bad.length === 0, `${lang}: all ${TABS.length} tabs on screen at once, each at least 44x44 px: ${bad.join('; ')}`);
        const labels = (await app.page.evaluate(() => window.finlab.controls())).filter((c) => c.role === 'tab').map((c) => c.label);
        t.check(labels.length === TABS.length && labels.every((l) => !l.includes('…')), `${lang}: tab names are whole: ${labels.join(' | ')}`);
      }
      for (const tab of TABS) {
        await app.tap(`tab.${tab}`);
        t.equal((await app.state()).tab, tab, `a tap opens the ${tab} tab`);
        const controls = await app.page.evaluate(() => window.finlab.controls());
        const small = controls.filter((c) => c.visible && (c.h < MIN || c.w < MIN))
          .map((c) => `${c.role} '${c.label}' ${c.w.toFixed(0)}x${c.h.toFixed(0)}`);
        const n = controls.filter((c) => c.visible).length;
        t.check(n > 3 && small.length === 0, `${tab}: ${n} visible controls, under 44 px: ${small.slice(0, 8).join('; ')}`);
        await app.screenshot(`phone-390x844-${tab}`);
      }

      // A swipe along a slider (Credit: a feature) moves it in the same gesture.
      await app.tap('tab.credit');
      const any = (await app.page.evaluate(() => window.finlab.controls())).find((c) => c.role === 'slider');
      // Focusing its accessible control scrolls the slider into view.
      if (any) {
        await app.page.focus(`#a11y-controls [data-id="${any.id}"]`);
        await app.settled();
        await app.page.evaluate(() => document.activeElement.blur());
        await app.settled();
      }
      const sliders = (await app.page.evaluate(() => window.finlab.controls())).filter((c) => c.role === 'slider' && c.visible);
      if (t.check(sliders.length > 0, 'the Credit tab shows a slider')) {
        const s = sliders[0];
        const before = JSON.stringify((await app.state()).panels.credit);
        const cdp = await app.context.newCDPSession(app.page);
        const y = s.y + s.h / 2;
        const at = (f) => ({ x: s.x + s.w * f, y, id: 1 });
        await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [at(0.1)] });
        await app.page.evaluate(() => window.finlab.frames(1));
        for (const f of [0.3, 0.5, 0.7, 0.9]) {
          await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [at(f)] });
          await app.page.evaluate(() => window.finlab.frames(1));
        }
        await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
        await app.settled();
        const after = JSON.stringify((await app.state()).panels.credit);
        t.check(before !== after, `the slider '${s.label}' moved with the swipe`);
      }
    },
  },
];
