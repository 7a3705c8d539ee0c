// The SQLite file on IDBFS survives a reload; "reset demo" clears it.
'use strict';

async function waitSynced(app) {
  await app.page.waitForFunction(() => {
    const s = window.finlab.state();
    return !s.sync.pending && s.sync.done > 0;
  }, null, { timeout: 10000 });
}

module.exports = {
  name: 'persistence: an SQLite write survives a reload, reset demo clears it',
  async run(t) {
    const app = await t.open();
    let st = await app.state();
    t.check(st.storage.opened && st.storage.persistent, `browser storage opened on IndexedDB (${JSON.stringify(st.storage)})`);
    t.equal(st.tab, 'wallet', 'a new visitor starts on the wallet');
    const writes0 = st.storage.writes;

    await app.click('tab.loans');
    await app.click('lang.zh');
    st = await app.state();
    t.check(st.storage.writes >= writes0 + 2, 'tab and language were written to SQLite');
    await waitSynced(app);

    await app.reload();
    st = await app.state();
    t.equal(st.tab, 'loans', 'the tab chosen before the reload is restored from SQLite');
    t.equal(st.lang, 'zh', 'the language chosen before the reload is restored from SQLite');
    await app.screenshot('persistence-after-reload-zh');

    await app.click('reset_demo');
    await app.click('reset.confirm');
    await waitSynced(app);
    await app.reload();
    st = await app.state();
    t.equal(st.tab, 'wallet', 'reset demo forgets the saved tab');
    t.equal(st.lang, 'zh', 'reset demo keeps the language');
  },
};
