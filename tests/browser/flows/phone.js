// Phone ergonomics at 390x844: every control a finger can press (buttons,
// tabs, checkboxes, combos, text fields, sliders; rectangles from the test API's
// controls()) is at least 44 CSS px tall and wide, pinch zoom is allowed, and a
// swipe on a slider moves it at once (no long press first).
'use strict';

const TABS = ['wallet', 'loans', 'credit', 'policy_lab', 'portfolio', 'securities'];
const MIN = 43.5;  // 44 CSS px; half a pixel for the device-pixel rounding at DPR 3

module.exports = [
  {
    name: 'phone: 44 px touch targets on every tab, pinch zoom allowed, sliders follow a swipe',
    async run(t) {
      const app = await t.open({ width: 390, height: 844, dpr: 3, touch: true, label: 'phone' });
      const viewport = await app.page.evaluate(() => document.querySelector('meta[name=viewport]').content);
      t.check(!/user-scalable\s*=\s*no|maximum-scale\s*=\s*1(\D|$)/.test(viewport), `pinch zoom is allowed: ${viewport}`);
      for (const tab of TABS) {
        await app.tap(`tab.${tab}`);
        if ((await app.state()).tab !== tab) await app.tap(`tab.${tab}`);  // the tab bar scrolled to it first
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
