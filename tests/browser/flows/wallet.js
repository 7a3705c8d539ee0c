// 活期宝 Wallet: a Thursday 14:00 deposit of 10,000 earns exactly the income
// that `finlab fund statement` computes for the same yields and transaction;
// the 15:00 cut-off moves a deposit to the next trading day; state survives a
// reload; errors are shown in the panel.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');

module.exports = [
  {
    name: 'wallet: Thursday 14:00 deposit earns what finlab fund statement computes',
    async run(t) {
      const app = await t.open();
      await app.click('tab.wallet');
      let st = (await app.state()).panels.wallet;
      t.equal(st.now, '2015-09-24 14:00', 'the clock starts on Thursday 2015-09-24 14:00');
      await app.type('wallet.amount', '10000');
      await app.click('wallet.deposit');
      st = (await app.state()).panels.wallet;
      t.equal(st.orders.length, 1, 'one order placed');
      t.equal(st.orders[0].trade_date, '2015-09-24', 'before 15:00 on a trading day: T is today');
      t.equal(st.orders[0].confirmed_on, '2015-09-25', 'confirmed on the next trading day');
      await app.screenshot('wallet-1280x800-after-deposit');
      // Two weeks on, across the National Day holiday.
      await app.type('wallet.goto_input', '2015-10-09 10:00');
      st = (await app.state()).panels.wallet;
      t.equal(st.now, '2015-10-09 10:00', 'the clock moved to 2015-10-09 10:00');
      t.check(st.days.length === 15, `15 closed days from 09-24 to 10-08 (got ${st.days.length})`);
      await app.screenshot('wallet-1280x800-two-weeks');

      // The same inputs through the native CLI.
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'finlab-wallet-'));
      const yields = path.join(dir, 'yields.csv');
      const tx = path.join(dir, 'tx.csv');
      fs.writeFileSync(yields, t.cli(['fund', 'simulate', '--from', '2015-01-01', '--to', '2015-10-08', '--seed', '2015', '--csv']));
      fs.writeFileSync(tx, 'id,timestamp,type,amount\nw1,2015-09-24 14:00,purchase,10000\n');
      const cli = t.cli(['fund', 'statement', '--yields', yields, '--transactions', tx, '--json'], { json: true });
      t.equal(st.total_income, cli.total_income, 'total income equals the CLI statement');
      const cliDays = cli.days.map((d) => [d.date, d.income_per_10k, d.income, d.balance]);
      const webDays = st.days.map((d) => [d.date, d.income_per_10k, d.income, d.balance]);
      t.equal(webDays, cliDays, 'every day of the statement equals the CLI (date, 万份收益, income, balance)');
      t.note(`total income after 15 days: ¥${st.total_income} (CLI ¥${cli.total_income})`);

      const nums = await app.numbers();
      const mirror = await app.mirror();
      t.equal(mirror['wallet.total_income'], nums['wallet.total_income'], 'the ARIA mirror shows the total income');
      t.check(/¥/.test(nums['wallet.balance']), 'balance shown in yuan');

      // Explain this number.
      await app.click('wallet.yesterday_income');
      t.equal((await app.state()).explaining, 'wallet.yesterday_income', 'clicking a figure opens its explanation');
      await app.screenshot('wallet-1280x800-explain-income');
      await app.click('explain.close');
      t.equal((await app.state()).explaining, '', 'the explanation closes');

      // Reload keeps the wallet.
      await app.page.waitForFunction(() => !window.finlab.state().sync.pending, null, { timeout: 10000 });
      await app.reload();
      const again = (await app.state()).panels.wallet;
      t.equal([again.now, again.total_income, again.orders.length], [st.now, st.total_income, 1], 'the wallet survives a reload');
    },
  },
  {
    name: 'wallet: 15:01 on a Thursday counts for Friday; errors show in the panel',
    async run(t) {
      const app = await t.open();
      await app.type('wallet.goto_input', '2015-09-24 15:01');
      await app.type('wallet.amount', '5000');
      await app.click('wallet.deposit');
      let st = (await app.state()).panels.wallet;
      t.equal(st.orders[0].trade_date, '2015-09-25', 'after 15:00: T is Friday');
      t.equal(st.orders[0].confirmed_on, '2015-09-28', 'confirmed on Monday');
      await app.type('wallet.amount', 'abc');
      await app.click('wallet.deposit');
      st = (await app.state()).panels.wallet;
      t.check(/Amount/.test(st.message), `a bad amount gives a readable message: ${st.message}`);
      t.equal(st.orders.length, 1, 'no order for a bad amount');
      await app.type('wallet.amount', '999999');
      await app.click('wallet.redeem_fast');
      st = (await app.state()).panels.wallet;
      t.check(st.orders.length === 2 && !st.orders[1].accepted, 'a fast redemption over the balance is refused');
      t.check(/Refused/.test(st.message), `the refusal is shown: ${st.message}`);
      await app.screenshot('wallet-1280x800-refused');
      t.equal(Object.keys((await app.state()).errors).length, 0, 'no panel error');
    },
  },
  {
    name: 'wallet: phone 390x844 layout',
    async run(t) {
      const app = await t.open({ width: 390, height: 844, dpr: 3, touch: true });
      await app.tap('wallet.deposit');
      const st = (await app.state()).panels.wallet;
      t.equal(st.orders.length, 1, 'a tap on Deposit places the default 10,000 deposit');
      await app.screenshot('wallet-390x844');
    },
  },
];
