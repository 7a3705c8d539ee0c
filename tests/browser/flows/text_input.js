// Text input through the browser: an ImGui text field being edited owns a DOM
// textarea (#ime) that is focused and placed at the caret, so an IME (Chinese
// pinyin) and phone keyboards work. Chromium's own IME path (CDP
// Input.imeSetComposition / Input.insertText: compositionstart, update, end and
// input events) types 春节促销策略 as a policy name, which must arrive whole; the
// composition shows in place over the field while it is being composed.
'use strict';

const NAME = '春节促销策略';

async function imeState(app) {
  return app.page.evaluate(() => {
    const ta = document.getElementById('ime');
    const r = ta.getBoundingClientRect();
    return { focused: document.activeElement === ta, label: ta.getAttribute('aria-label'), composing: ta.classList.contains('composing'),
      value: ta.value, opacity: getComputedStyle(ta).opacity, x: r.x, y: r.y, w: r.width, h: r.height };
  });
}

const frame = (app) => app.page.evaluate(() => window.finlab.frames(1));

module.exports = [
  {
    name: 'text input: without the common-hanzi font (offline) typed text shows "?" and nothing else breaks',
    async run(t) {
      const app = await t.open({ noGoto: true });
      await app.context.route('**/ui_common.otf', (route) => route.abort());
      app.allowConsoleError(/ui_common\.otf|Failed to load resource/);
      await app.goto('');
      const font = await app.commonFont();
      t.equal(font.common, 'failed', 'the failed fetch is reported in finlab.state().font.common');
      await app.click('tab.policy_lab');
      await app.click('policy_lab.tab.policy');
      await app.type('policy_lab.f.name', '檬');
      t.equal((await app.state()).panels.policy_lab.policy.name, '檬', 'the typed character is kept');
      t.equal((await app.state()).font.missing, '檬', 'a character only the common font has is reported missing');
    },
  },
  {
    name: 'text input: Chinese typed through an IME stays whole (春节促销策略)',
    async run(t) {
      const app = await t.open();
      await app.click('tab.policy_lab');
      await app.click('policy_lab.tab.policy');
      const field = await app.widget('policy_lab.f.name');
      await app.click('policy_lab.f.name');
      let ime = await imeState(app);
      t.check(ime.focused, 'editing a text field focuses the DOM textarea');
      t.check(/Policy name/.test(ime.label || ''), `the textarea is named like the field: ${ime.label}`);
      t.check(ime.x >= field.x - 2 && ime.x <= field.x + field.w && Math.abs(ime.y - field.y) < field.h,
        `the textarea sits at the caret in the field (${JSON.stringify(ime)} vs ${JSON.stringify(field)})`);
      await app.page.keyboard.press('Control+A');
      await frame(app);
      await app.page.keyboard.press('Backspace');
      await frame(app);

      const cdp = await app.context.newCDPSession(app.page);
      // Pinyin being composed: shown in place, not yet in the field.
      await cdp.send('Input.imeSetComposition', { text: 'chun', selectionStart: 4, selectionEnd: 4 });
      await frame(app);
      ime = await imeState(app);
      t.check(ime.composing && ime.value === 'chun' && Number(ime.opacity) === 1, `the composition shows in place: ${JSON.stringify(ime)}`);
      const during = (await app.state()).panels.policy_lab.policy.name;
      t.check(!/chun/.test(during), `nothing of the composition reaches the field before it is committed: ${during}`);
      await cdp.send('Input.imeSetComposition', { text: '春节', selectionStart: 2, selectionEnd: 2 });
      await frame(app);
      // The candidate is chosen: the IME commits the text.
      await cdp.send('Input.insertText', { text: '春节' });
      await frame(app);
      await cdp.send('Input.imeSetComposition', { text: 'cuxiao', selectionStart: 6, selectionEnd: 6 });
      await frame(app);
      await cdp.send('Input.insertText', { text: '促销策略' });
      await frame(app);
      ime = await imeState(app);
      t.check(!ime.composing && ime.value === '', `the textarea is empty after the commit: ${JSON.stringify(ime)}`);
      await app.page.keyboard.press('Enter');
      await app.settled();
      const st = (await app.state()).panels.policy_lab;
      t.equal(st.policy.name, NAME, 'the policy name is kept whole');
      // Every typed character has a glyph: the font holds the common hanzi and the atlas gains the typed ones.
      let font = await app.commonFont();
      t.equal(font.common, 'ready', 'the common-hanzi font arrived after the first frame (ui_common.otf)');
      t.equal(font.missing, '', `no typed character lacks a glyph (added to the atlas: ${font.added})`);
      t.check(font.added.length > 0, `characters the UI never shows were typed and added (${font.added})`);
      t.check(!(await imeState(app)).focused, 'the textarea lets go of the focus when editing ends');
      await app.screenshot('text-input-1280x800-chinese-name');
      // A common name, typed: its glyphs too (GB 2312 level 1, the 3,755 most used hanzi).
      await app.click('policy_lab.f.name');
      await app.page.keyboard.press('Control+A');
      await frame(app);
      await app.page.keyboard.press('Backspace');
      await frame(app);
      await cdp.send('Input.insertText', { text: '张秀英的端午节礼包' });
      await frame(app);
      await app.page.keyboard.press('Enter');
      await app.settled();
      font = (await app.state()).font;
      t.equal((await app.state()).panels.policy_lab.policy.name, '张秀英的端午节礼包', 'a common name is kept whole');
      t.equal(font.missing, '', `its glyphs are rasterised (${font.added})`);
      await app.screenshot('text-input-1280x800-common-name');

      // Latin letters typed on a keyboard still arrive once each.
      await app.type('policy_lab.f.name', 'Spring 2027');
      t.equal((await app.state()).panels.policy_lab.policy.name, 'Spring 2027', 'typed Latin text arrives once');
    },
  },
  {
    name: 'text input: a tap on a text field on a phone focuses the textarea inside the gesture (soft keyboard)',
    async run(t) {
      const app = await t.open({ width: 390, height: 844, dpr: 3, touch: true, label: 'phone' });
      await app.tap('tab.policy_lab');
      await app.tap('policy_lab.tab.policy');
      const c = await app.center('policy_lab.f.name');
      // Focus is checked inside the touchend handler's task: no frame has run yet.
      const focusedInGesture = await app.page.evaluate(({ x, y }) => new Promise((resolve) => {
        const canvas = document.getElementById('canvas');
        const touch = new Touch({ identifier: 1, target: canvas, clientX: x, clientY: y });
        canvas.dispatchEvent(new TouchEvent('touchstart', { touches: [touch], changedTouches: [touch], bubbles: true, cancelable: true }));
        canvas.dispatchEvent(new TouchEvent('touchend', { touches: [], changedTouches: [touch], bubbles: true, cancelable: true }));
        resolve(document.activeElement === document.getElementById('ime'));
      }), c);
      t.check(focusedInGesture, 'the textarea has the focus when the touch ends');
      await app.settled();
      t.check((await imeState(app)).focused, 'the field is being edited after the tap');
      const cdp = await app.context.newCDPSession(app.page);
      await app.page.keyboard.press('Control+A');
      await frame(app);
      await app.page.keyboard.press('Backspace');
      await frame(app);
      await cdp.send('Input.insertText', { text: NAME });
      await frame(app);
      await app.page.keyboard.press('Enter');
      await app.settled();
      t.equal((await app.state()).panels.policy_lab.policy.name, NAME, 'the name typed on the phone is kept whole');
    },
  },
];
