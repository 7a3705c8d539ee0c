// The app shell: first frame, every tab reachable by clicking it, a canvas that
// is not blank, text sharp at devicePixelRatio 2, and the phone layout by touch.
'use strict';

const TABS = ['wallet', 'loans', 'credit', 'policy_lab', 'portfolio', 'securities'];

module.exports = [
  {
    name: 'shell: laptop 1280x800 loads, draws and switches tabs',
    async run(t) {
      const app = await t.open({ width: 1280, height: 800 });
      const st = await app.state();
      t.check(st.ready, 'finlab.ready after load');
      t.check(st.first_frame_ms > 0 && st.first_frame_ms < 10000, `first frame time is plausible (${st.first_frame_ms} ms)`);
      t.note(`first frame after ${Math.round(st.first_frame_ms)} ms`);
      t.equal(st.css_size, [1280, 800], 'canvas fills the window');
      for (const tab of TABS) {
        await app.click(`tab.${tab}`);
        t.equal((await app.state()).tab, tab, `clicking tab.${tab} selects it`);
        await app.screenshot(`shell-1280x800-${tab}`);
      }
      const idle = await app.state();
      t.check(idle.idle, 'the main loop stops when nothing changes');
    },
  },
  {
    name: 'shell: high-DPI canvas backing store is CSS size x devicePixelRatio',
    async run(t) {
      const app = await t.open({ width: 900, height: 700, dpr: 2 });
      const st = await app.state();
      t.equal(st.dpr, 2, 'devicePixelRatio seen by the app');
      const dims = await app.page.evaluate(() => {
        const c = document.getElementById('canvas');
        const r = c.getBoundingClientRect();
        return [c.width, c.height, r.width, r.height];
      });
      t.equal(dims, [1800, 1400, 900, 700], 'canvas pixels = CSS size x 2');
      await app.click('tab.loans');
      t.equal((await app.state()).tab, 'loans', 'clicks land on the right widget at DPR 2');
      await app.screenshot('shell-900x700-dpr2');
    },
  },
  {
    name: 'shell: phone 390x844 with touch',
    async run(t) {
      const app = await t.open({ width: 390, height: 844, dpr: 3, touch: true });
      const st = await app.state();
      t.check(st.compact, 'compact layout below 700 CSS px');
      for (const tab of TABS) {
        await app.tap(`tab.${tab}`);
        t.equal((await app.state()).tab, tab, `tapping tab.${tab} selects it`);
        await app.screenshot(`shell-390x844-${tab}`);
      }
    },
  },
];
