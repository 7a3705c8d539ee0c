// The risk questionnaire (风险承受能力评估) answered through the real widgets
// ("<prefix>.q.<i>" combos, "<prefix>.submit"), and answer sets whose class
// `finlab suitability assess` gives (questionnaire finlab-2017-07).
'use strict';

const ANSWERS = {
  lowest: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],      // no loss accepted: C1, lowest category (6 points)
  c1: [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0],          // C1 by score (10 points), not the lowest category
  c3: [0, 1, 3, 3, 0, 0, 1, 0, 1, 1, 0],          // C3 (40 points)
  c5: [0, 3, 3, 3, 3, 3, 3, 3, 3, 3, 0],          // C5 (90 points)
};

// A phone page takes no mouse wheel: focusing the widget's control in the
// accessible layer scrolls it into view (as a screen reader would).
async function reveal(app, name) {
  const r = (await app.widgets())[name];
  if (!r || r.visible) return;
  const controls = await app.page.evaluate(() => window.finlab.controls());
  const inside = (x) => x.x + x.w / 2 >= r.x && x.x + x.w / 2 <= r.x + r.w && x.y + x.h / 2 >= r.y && x.y + x.h / 2 <= r.y + r.h;
  const c = controls.find((x) => Math.abs(x.x - r.x) < 2 && Math.abs(x.y - r.y) < 2) || controls.find(inside);
  if (!c) {
    // Clipped items are not in the layer: swipe the panel towards the widget.
    const cdp = await app.context.newCDPSession(app.page);
    for (let k = 0; k < 10; k++) {
      const w = (await app.widgets())[name];
      if (!w || w.visible) return;
      const down = w.y < 200;  // above: the finger moves down
      const ys = down ? [450, 500, 550, 600] : [600, 550, 500, 450];
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: 200, y: ys[0], id: 1 }] });
      for (const y of ys.slice(1)) {
        await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: 200, y, id: 1 }] });
        await app.page.evaluate(() => window.finlab.frames(1));
      }
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
      await app.settled();
    }
    return;
  }
  await app.page.focus(`#a11y-controls [data-id="${c.id}"]`);
  await app.settled();
  await app.page.evaluate(() => document.activeElement.blur());
  await app.settled();
}

// Answers every question and asks for the result (mouse clicks: a tap's
// single event can land on a combo's list in the frame it first appears, so
// phone flows click too, after revealing the widget).
async function assess(app, prefix, answers) {
  const press = 'click';
  const go = async (name) => {
    await reveal(app, name);
    await app[press](name);
  };
  for (let i = 0; i < answers.length; i++) {
    await go(`${prefix}.q.${i}`);
    await app[press](`${prefix}.q.${i}.${answers[i]}`);
  }
  await go(`${prefix}.submit`);
}

module.exports = { ANSWERS, assess, reveal };
