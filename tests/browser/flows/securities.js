// Securities (证券): the risk questionnaire comes before the first order; the
// ticket previews fees and taxes before sending; the account's statement after
// the same orders equals `finlab securities trade ... --json` + `statement`
// (same bars, written from the panel's price path); a ChiNext buy by a C3
// investor needs the signed mismatch warning (as `finlab suitability check`
// says); refusals (lowest category, T+1, outside the limit, no cash, bad
// shares) store nothing and say why, as the CLI does; the account survives a
// reload; phone layout 390x844 in English and Chinese.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { ANSWERS, assess, reveal } = require('../lib/suitability');

const sec = async (app) => (await app.state()).panels.securities;

// The panel's inputs, one `finlab securities trade` call each, on the panel's bars.
function cliReplay(t, st) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'finlab-securities-'));
  const db = path.join(dir, 'acct.db');
  const bars = [];
  for (const [code, csv] of Object.entries(st.bars_csv)) {
    const f = path.join(dir, `${code}.csv`);
    fs.writeFileSync(f, csv);
    bars.push('--bars', `${code}=${f}`);
  }
  const outs = [];
  st.inputs.forEach((doc, i) => {
    const args = ['securities', 'trade', '--db', db, '--json', ...(i === 0 ? bars : [])];
    for (const c of doc.cash || []) args.push('--date', c.date, '--deposit', c.amount);
    for (const o of doc.orders) {
      args.push('--date', o.date, '--code', o.code, '--side', o.side, '--type', o.type, '--session', o.session, '--shares', String(o.shares));
      if (o.price) args.push('--price', o.price);
    }
    outs.push(t.cli(args, { json: true }));
  });
  return { dir, db, outs, statement: t.cli(['securities', 'statement', '--db', db, '--json'], { json: true }) };
}

// Order ids differ only by their tag ("3:web" in the browser, "3:cli" from arguments).
function norm(v) {
  return JSON.parse(JSON.stringify(v), (k, x) => (k === 'order_id' && typeof x === 'string' ? x.replace(/:(web|cli)$/, '') : x));
}

// Opens a combo (again if the first click met a layout that just changed) and picks an entry.
async function pick(app, combo, item) {
  for (let k = 0; k < 3 && !(await app.widgets())[item]; k++) await app.click(combo);
  await app.click(item);
}

async function order(app, { stock, side = 0, shares, price = '' }) {
  await pick(app, 'securities.stock', `securities.stock.${stock}`);
  await pick(app, 'securities.side', `securities.side.${side}`);
  await app.type('securities.shares', String(shares));
  await app.type('securities.price', price);
}

module.exports = [
  {
    name: 'securities: questionnaire first; fee preview; the statement equals finlab securities trade/statement on the same orders',
    async run(t) {
      const app = await t.open({ hash: 'securities' });
      let st = await sec(app);
      t.equal(st.suitability.assessed, false, 'no assessment yet');
      t.check(!(await app.widgets())['securities.send'], 'no order ticket before the risk assessment');
      await app.widget('securities.suit.q.0');
      await app.screenshot('securities-1280x800-questionnaire');
      await assess(app, 'securities.suit', ANSWERS.c3);
      st = await sec(app);
      const cliAssess = t.cli(['suitability', 'assess', '--answers', ANSWERS.c3.join(','), '--date', st.today, '--json'], { json: true });
      t.equal([st.suitability.assessment.category, st.suitability.assessment.score, st.suitability.assessment.expires],
        [cliAssess.category, cliAssess.score, cliAssess.expires], 'the class, score and expiry equal finlab suitability assess');

      await app.type('securities.deposit_amount', '200000');
      await app.click('securities.deposit');
      // Buy 1000 SPD Bank (600000, R3) at today's open: the preview, then the fill.
      await order(app, { stock: 0, shares: 1000 });
      st = await sec(app);
      t.check(st.preview && st.preview.outcome && st.preview.outcome.kind === 'buy', `preview fills against today's bar: ${JSON.stringify(st.preview)}`);
      const preview = st.preview;
      t.equal(st.inputs.length, 1, 'a preview sends nothing');
      await app.screenshot('securities-1280x800-preview');
      await app.click('securities.send');
      st = await sec(app);
      t.check(st.last_send.ok, `the buy is sent: ${JSON.stringify(st.last_send)}`);
      const fill = st.last_send.transactions[0];
      t.equal([fill.fees.commission, fill.fees.transfer_fee, fill.fees.total], [preview.commission, preview.transfer_fee, preview.total],
        'the fees charged are those previewed');
      // ChiNext (300750, R4) for a C3 investor: the signed warning first.
      await order(app, { stock: 5, shares: 100 });
      st = await sec(app);
      const check = t.cli(['suitability', 'check', '--answers', ANSWERS.c3.join(','), '--date', st.today, '--stock', '300750', '--json'], { json: true, allowFail: true });
      t.equal(st.gate.verdict, 'needs_signed_warning', 'ChiNext needs the signed warning');
      t.equal(st.gate.why_en, check.why_en, 'the reason equals finlab suitability check');
      await app.click('securities.sign_warning');
      await app.click('securities.send');
      st = await sec(app);
      t.check(st.last_send.ok && st.signatures.length === 1, `sent with the signature recorded: ${JSON.stringify(st.signatures)}`);
      // Days later, across the 2023-08-28 stamp duty cut: sell 500 SPD Bank.
      for (let i = 0; i < 6; i++) await app.click('securities.next_day');
      await order(app, { stock: 0, side: 1, shares: 500 });
      await app.click('securities.send');
      st = await sec(app);
      t.check(st.last_send.ok, `the sale is sent: ${JSON.stringify(st.last_send)}`);
      t.check(st.today >= '2023-08-28' && /0\.05%/.test(st.last_send.transactions[0].fees.stamp_duty_why), `stamp duty 0.05% on ${st.today}: ${st.last_send.transactions[0].fees.stamp_duty_why}`);

      const cli = cliReplay(t, st);
      t.equal(norm(st.statement), norm(cli.statement), 'the statement (positions, P&L, fees, taxes, every transaction and its why) equals the CLI');
      t.equal(cli.outs[cli.outs.length - 1].cash, st.statement.cash, 'the last CLI trade leaves the same cash');
      const nums = await app.numbers();
      t.check(nums['securities.equity'] && nums['securities.equity'].includes(Number(st.statement.totals.equity).toLocaleString('en-US', { minimumFractionDigits: 2 })),
        `equity shown: ${nums['securities.equity']} vs ${st.statement.totals.equity}`);
      await app.screenshot('securities-1280x800-en');
      await app.click('securities.tx.0');
      t.equal((await app.state()).explaining, 'securities.tx.0', 'a statement row opens its why');
      await app.screenshot('securities-1280x800-why');
      await app.click('explain.close');
      // The source marks in the reasons ("[3]", "[D]") lead to a list under the
      // statement (the lint test checks every mark the engine writes is in it).
      const cited = [...new Set((JSON.stringify(st.statement).match(/\[(\d+|D)\]/g) || []))];
      t.check(cited.length > 0, `the statement's reasons cite their rules: ${cited.join(' ')}`);
      await app.click('securities.sources');
      const disclosure = (await app.page.evaluate(() => window.finlab.controls())).find((c) => /^Sources of the rules/.test(c.label));
      t.check(disclosure && disclosure.expanded === true, `the sources list opens: ${JSON.stringify(disclosure)}`);
      await app.screenshot('securities-1280x800-sources');
      await app.click('securities.sources');
      await app.click('lang.zh');
      await app.screenshot('securities-1280x800-zh');
      await app.click('lang.en');

      await app.page.waitForFunction(() => !window.finlab.state().sync.pending, null, { timeout: 10000 });
      await app.reload();
      const again = await sec(app);
      t.equal(norm(again.statement), norm(st.statement), 'after a reload the account is the same');
      t.equal([again.today, again.suitability.assessment.category], [st.today, 'C3'], 'the day and the assessment are restored');
    },
  },
  {
    name: 'securities: refusals say why and store nothing, as the CLI does (lowest category, no cash, outside the limit, T+1, bad shares)',
    async run(t) {
      const app = await t.open({ hash: 'securities' });
      await assess(app, 'securities.suit', ANSWERS.lowest);
      let st = await sec(app);
      t.equal([st.suitability.assessment.category, st.suitability.assessment.lowest_category], ['C1', true], 'lowest category');
      await order(app, { stock: 0, shares: 100 });
      st = await sec(app);
      t.equal(st.gate.verdict, 'refused_lowest', 'an A share (R3) is refused to the lowest category');
      const cliCheck = t.cli(['suitability', 'check', '--answers', ANSWERS.lowest.join(','), '--date', st.today, '--stock', '600000', '--signed-warning', '--json'], { json: true, allowFail: true });
      t.equal([cliCheck.verdict, cliCheck.why_en], ['refused_lowest', st.gate.why_en], 'the CLI refuses for the same reason, even with a signed warning');
      t.check((await app.widgets())['securities.sign_warning'] === undefined, 'no warning is offered to the lowest category');
      await app.screenshot('securities-1280x800-refused-lowest');

      // A C5 investor with no cash: refused, nothing stored.
      await app.click('securities.suit.head');
      await app.click('securities.suit.reassess');
      await assess(app, 'securities.suit', ANSWERS.c5);
      await order(app, { stock: 0, shares: 100 });
      await app.click('securities.send');
      st = await sec(app);
      t.equal([st.last_send.ok, st.last_send.refusal, st.inputs.length], [false, 'insufficient_cash', 0], 'no cash: refused, nothing stored');
      await app.type('securities.deposit_amount', '50000');
      await app.click('securities.deposit');
      st = await sec(app);
      const day = JSON.parse(JSON.stringify(st.band));
      // Outside today's limit band.
      const above = (Number(day.up) + 0.5).toFixed(2);
      await app.type('securities.price', above);
      await app.click('securities.send');
      st = await sec(app);
      t.equal([st.last_send.ok, st.last_send.refusal, st.inputs.length], [false, 'outside_limit', 1], `a price above the limit ${day.up} is refused`);
      t.check(/Refused, nothing sent/.test(st.last_send.error), `the message says why: ${st.last_send.error}`);
      const cli = cliReplay(t, st);
      let r = null;
      try {
        t.cli(['securities', 'trade', '--db', cli.db, '--date', st.today, '--code', '600000', '--shares', '100', '--price', above]);
      } catch (e) { r = e; }
      t.check(r && r.status === 1 && /refused, nothing stored/.test(String(r.stderr)) && String(r.stderr).includes(st.last_send.error.replace(/^Refused, nothing sent: /, '')),
        `the CLI refuses the same order with the same reason (exit ${r && r.status}): ${r && r.stderr}`);
      // T+1: bought today, sold today.
      await app.type('securities.price', '');
      await app.click('securities.send');
      await pick(app, 'securities.side', 'securities.side.1');
      await app.click('securities.send');
      st = await sec(app);
      t.equal([st.last_send.ok, st.last_send.refusal], [false, 't_plus_1'], 'a same-day sale is refused (T+1)');
      const alert = await app.page.evaluate(() => document.getElementById('a11y-alert').textContent);
      t.check(/T\+1|next trading day/i.test(alert), `the refusal is announced: ${alert}`);
      // Bad shares.
      await app.type('securities.shares', '12.5');
      st = await sec(app);
      t.check(/Number of shares/.test(st.ticket_error || ''), `bad shares name the field: ${st.ticket_error}`);
      t.equal(Object.keys((await app.state()).errors).length, 0, 'no panel error');
    },
  },
  {
    name: 'securities: phone 390x844 in English and Chinese, 44 px touch targets',
    async run(t) {
      const app = await t.open({ width: 390, height: 844, dpr: 3, touch: true, hash: 'securities' });
      const small = async () => (await app.page.evaluate(() => window.finlab.controls()))
        .filter((c) => c.visible && (c.h < 43.5 || c.w < 43.5)).map((c) => `${c.role} '${c.label}' ${c.w.toFixed(0)}x${c.h.toFixed(0)}`);
      let s = await small();
      t.check(s.length === 0, `questionnaire controls under 44 px: ${s.join('; ')}`);
      await app.screenshot('securities-390x844-questionnaire');
      await assess(app, 'securities.suit', ANSWERS.c3);
      // The answers are clicked after swipes: the mouse must work again after touch input.
      t.equal((await sec(app)).suitability.assessed, true, 'assessed on the phone');
      const tap = async (name) => { await reveal(app, name); await app.tap(name); };
      await reveal(app, 'securities.deposit_amount');
      await app.type('securities.deposit_amount', '100000');
      await tap('securities.deposit');
      await reveal(app, 'securities.shares');
      await app.type('securities.shares', '500');
      await tap('securities.send');
      const st = await sec(app);
      t.check(st.last_send.ok, `an order from the phone: ${JSON.stringify(st.last_send)}`);
      s = await small();
      t.check(s.length === 0, `ticket controls under 44 px: ${s.join('; ')}`);
      await app.screenshot('securities-390x844-en');
      await reveal(app, 'lang.zh');
      await app.tap('lang.zh');
      await app.screenshot('securities-390x844-zh');
      // Scroll to the statement with a finger swipe.
      const cdp = await app.context.newCDPSession(app.page);
      for (let k = 0; k < 6; k++) {
        await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: 200, y: 700, id: 1 }] });
        for (const y of [600, 500, 400, 300]) {
          await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: 200, y, id: 1 }] });
          await app.page.evaluate(() => window.finlab.frames(1));
        }
        await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
        await app.settled();
      }
      await app.screenshot('securities-390x844-zh-statement');
      t.equal((await app.state()).untranslated, [], 'nothing untranslated');
    },
  },
];
