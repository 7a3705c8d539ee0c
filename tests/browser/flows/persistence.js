// The SQLite file on IDBFS survives a reload; "reset demo" clears it.
'use strict';

async function waitSynced(app) {
  await app.page.waitForFunction(() => {
    const s = window.finlab.state();
    return !s.sync.pending && s.sync.done > 0;
  }, null, { timeout: 10000 });
}

// A name typed in Chinese, saved, and shown again after a reload: every
// character has its glyph (the atlas gains what is drawn, not only what is typed).
const NAME = '春节促销策略·秀英的柠檬';

const chineseName = {
  name: 'persistence: a policy named in Chinese is drawn with its glyphs after a reload (no "?")',
  async run(t) {
    const app = await t.open();
    await app.click('tab.policy_lab');
    await app.click('policy_lab.tab.policy');
    await app.click('policy_lab.f.name');
    const frame = () => app.page.evaluate(() => window.finlab.frames(1));
    await app.page.keyboard.press('Control+A');
    await frame();
    await app.page.keyboard.press('Backspace');
    await frame();
    const cdp = await app.context.newCDPSession(app.page);
    await cdp.send('Input.insertText', { text: NAME });
    await frame();
    await app.page.keyboard.press('Enter');
    await app.settled();
    t.equal((await app.state()).panels.policy_lab.policy.name, NAME, 'the name is typed whole');
    await waitSynced(app);

    await app.reload();
    await app.settled();
    await app.commonFont();
    const st = await app.state();
    t.equal(st.font.common, 'ready', 'the common-hanzi font arrived after the first frame');
    t.equal(st.tab, 'policy_lab', 'the Policy lab is open again');
    t.equal(st.panels.policy_lab.policy.name, NAME, 'the name comes back from storage whole');
    // Nothing was typed in this page: the glyphs were added because the name was drawn.
    t.equal(st.font.missing, '', `no drawn character lacks a glyph (added to the atlas: ${st.font.added})`);
    const lacking = [...NAME].filter((c) => c.charCodeAt(0) > 0x7f && !st.font.added.includes(c));
    t.note(`characters added after the reload: ${st.font.added}; already in the UI's glyphs: ${lacking.join('')}`);
    t.check(['秀', '柠', '檬'].every((c) => st.font.added.includes(c)), `characters the UI never shows were added when drawn: ${st.font.added}`);
    await app.screenshot('persistence-chinese-name-after-reload');
  },
};

const sqlite = {
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

module.exports = [sqlite, chineseName];
