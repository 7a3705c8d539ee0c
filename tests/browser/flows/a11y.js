// Keyboard and screen readers: the DOM layer (#a11y-controls) lists the app's
// tabs, buttons, checkboxes, combos and text fields with ARIA roles; Tab walks
// them from the canvas, each one moves ImGui's focus ring onto the same widget,
// Enter / Space act on it. <html lang> follows the UI language; refusals are
// announced (role=alert). axe-core finds no serious or critical violation on
// any tab in either language.
'use strict';
const path = require('path');

const TABS = ['wallet', 'loans', 'credit', 'policy_lab', 'portfolio', 'securities'];
const TAB_LABEL = { wallet: /Wallet|活期宝/, loans: /^Loans$|^贷款$/, credit: /Credit score|信用/, policy_lab: /Policy lab|策略/, portfolio: /Portfolio|组合/, securities: /Securities|证券/ };

const frame = (app) => app.page.evaluate(() => window.finlab.frames(2));

// The focused element of the layer: its role, name and ImGui id.
function focused(app) {
  return app.page.evaluate(() => {
    const el = document.activeElement;
    const layer = document.getElementById('a11y-controls');
    if (!el || !layer.contains(el)) return { inLayer: false, tag: el ? el.tagName + '#' + el.id : null };
    return { inLayer: true, id: Number(el.getAttribute('data-id')), role: el.getAttribute('role') || el.tagName.toLowerCase(),
      name: el.textContent, checked: el.getAttribute('aria-checked'), selected: el.getAttribute('aria-selected'),
      haspopup: el.getAttribute('aria-haspopup') };
  });
}

// Presses Tab until the focused layer control matches `pred`, at most `max` times.
async function tabTo(app, pred, max = 150) {
  for (let i = 0; i < max; i++) {
    await app.page.keyboard.press('Tab');
    await frame(app);
    const f = await focused(app);
    if (f.inLayer && pred(f)) return f;
  }
  return null;
}

async function axe(app, t, label) {
  await app.page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const res = await app.page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  const bad = res.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  t.check(bad.length === 0, `axe-core (${label}): ${bad.map((v) => `${v.id} [${v.impact}] ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')}`).join(' | ')}`);
  return res.violations.length;
}

module.exports = [
  {
    name: 'a11y: keyboard only reaches and operates every tab; focus ring; lang; aria-live refusal',
    async run(t) {
      const app = await t.open();
      t.equal(await app.page.evaluate(() => document.documentElement.lang), 'en', '<html lang> in English');
      // Start on the canvas, as after a click.
      await app.page.focus('#canvas');
      for (const tab of TABS) {
        const f = await tabTo(app, (x) => x.role === 'tab' && TAB_LABEL[tab].test(x.name));
        t.require(f, `Tab reaches the ${tab} tab`);
        const st0 = await app.state();
        t.check(st0.focus.ring && st0.focus.id === f.id, `the focus ring is on the ${tab} tab (${JSON.stringify(st0.focus)} vs ${f.id})`);
        await app.page.keyboard.press('Enter');
        await app.settled();
        t.equal((await app.state()).tab, tab, `Enter opens the ${tab} tab`);
        // Every control of the panel is reachable with Tab and takes the focus ring.
        const controls = (await app.page.evaluate(() => window.finlab.controls())).length;
        let seen = 0, ring = 0;
        const roles = new Set();
        for (let i = 0; i < Math.min(controls, 10); i++) {
          await app.page.keyboard.press('Tab');
          await frame(app);
          const g = await focused(app);
          if (!g.inLayer) continue;
          seen++;
          roles.add(g.role);
          const s = await app.state();
          if (s.focus.ring && s.focus.id === g.id) ring++;
        }
        t.check(seen > 3 && ring === seen, `${tab}: ${seen} controls reached with Tab, ${ring} with the focus ring on them (roles ${[...roles].join(', ')})`);
        await app.page.focus('#canvas');
      }

      // Space toggles a checkbox (Credit: a consent).
      await app.click('tab.credit');
      await app.page.focus('#canvas');
      const box = await tabTo(app, (x) => x.role === 'checkbox');
      if (t.check(box, 'a checkbox is reachable with Tab on the Credit tab')) {
        await app.page.keyboard.press('Space');
        await app.settled();
        const after = await focused(app);
        t.check(after.checked !== box.checked, `Space toggles the checkbox '${box.name}' (${box.checked} -> ${after.checked})`);
      }

      // A combo opens with Enter and its entries become reachable.
      await app.click('tab.loans');
      await app.page.focus('#canvas');
      const combo = await tabTo(app, (x) => x.haspopup === 'listbox');
      if (t.check(combo, 'a combo is reachable on the Loans tab')) {
        const before = (await app.page.evaluate(() => window.finlab.controls())).length;
        await app.page.keyboard.press('Enter');
        await app.settled();
        const open = (await app.page.evaluate(() => window.finlab.controls())).length;
        t.check(open > before, `Enter opens the combo '${combo.name}' (${before} -> ${open} controls)`);
        await app.page.keyboard.press('Escape');
        await app.settled();
      }

      // Refusals are announced.
      await app.click('tab.wallet');
      await app.type('wallet.amount', '999999');
      await app.click('wallet.redeem_fast');
      const alert = await app.page.evaluate(() => document.getElementById('a11y-alert').textContent + ' ' + document.getElementById('a11y-status').textContent);
      t.check(/Refused/.test(alert), `the refusal is announced in a live region: ${alert}`);

      await app.click('lang.zh');
      t.equal(await app.page.evaluate(() => document.documentElement.lang), 'zh-CN', '<html lang> follows 中文');
      await app.click('lang.en');
      t.equal(await app.page.evaluate(() => document.documentElement.lang), 'en', '<html lang> back to English');
    },
  },
  {
    name: 'a11y: axe-core finds no serious or critical violation on any tab, in both languages',
    async run(t) {
      const app = await t.open();
      for (const lang of ['en', 'zh']) {
        await app.click(`lang.${lang}`);
        for (const tab of TABS) {
          await app.click(`tab.${tab}`);
          const n = await axe(app, t, `${lang} ${tab}`);
          t.note(`axe ${lang} ${tab}: ${n} violation(s) of minor/moderate impact at most`);
        }
      }
      await app.click('lang.en');
    },
  },
];
