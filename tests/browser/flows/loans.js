// Loans: the schedule typed into the real widgets equals `finlab loan
// schedule` for the same inputs; the inputs live in the URL hash (a shared
// link reproduces the loan); the all-in APR (PBOC rule) and its verdict against
// the caps in force for the chosen lender type equal the CLI's; the prepayment
// what-if equals `finlab loan prepay`.
'use strict';

function strip(rows) {
  return rows.map((r) => [r.period, r.due_date, r.payment, r.principal, r.interest, r.balance]);
}

module.exports = [
  {
    name: 'loans: schedule and true rate equal finlab loan schedule; the URL hash shares the loan',
    async run(t) {
      const app = await t.open();
      await app.click('tab.loans');
      await app.type('loans.amount', '25000');
      await app.type('loans.rate', '15.6');
      await app.type('loans.term', '24');
      await app.click('loans.method');
      await app.click('loans.method.1');  // equal principal
      let st = (await app.state()).panels.loans;
      t.check(!st.error, `no input error (${st.error})`);
      const cli = t.cli(['loan', 'schedule', '--principal', '25000', '--annual-rate', '15.6', '--term', '24', '--method', 'equal-principal', '--json'], { json: true });
      t.equal(strip(st.installments), strip(cli.installments), 'every installment equals the CLI');
      t.equal([st.total_interest, st.apr_nominal_pct, st.apr_effective_pct], [cli.total_interest, cli.apr_nominal_pct, cli.apr_effective_pct],
        'total interest, APR and EAR equal the CLI');
      const nums = await app.numbers();
      t.check(nums['loans.true_apr'] === `${Number(cli.apr_nominal_pct).toFixed(2)}%`, `true APR shown next to the quoted rate (${nums['loans.true_apr']}, ${nums['loans.quoted_rate']})`);
      await app.screenshot('loans-1280x800-equal-principal');

      await app.click('loans.true_apr');
      t.equal((await app.state()).explaining, 'loans.true_apr', 'the true rate opens its explanation');
      await app.screenshot('loans-1280x800-explain-apr');
      await app.click('explain.close');

      const hash = await app.page.evaluate(() => decodeURIComponent(location.hash));
      t.check(/amount=25000/.test(hash) && /rate=15.6/.test(hash) && /method=equal-principal/.test(hash) && /term=24/.test(hash),
        `the loan's inputs are in the URL hash: ${hash}`);

      // A shared link in a fresh browser reproduces the loan.
      const other = await t.open({ hash: hash.replace(/^#/, '') });
      const st2 = (await other.state()).panels.loans;
      t.equal((await other.state()).tab, 'loans', 'a shared link opens the Loans tab');
      t.equal(strip(st2.installments), strip(cli.installments), 'the shared link gives the same schedule');
      t.check(st2.from_hash, 'inputs came from the hash');
    },
  },
  {
    name: 'loans: legal-cap warning, prepayment what-if equals finlab loan prepay, bad input message',
    async run(t) {
      const app = await t.open({ hash: 'loans' });
      await app.type('loans.rate', '0.1');
      await app.click('loans.period');
      await app.click('loans.period.2');  // daily
      let st = (await app.state()).panels.loans;
      const cli = t.cli(['loan', 'schedule', '--principal', '10000', '--daily-rate', '0.1', '--term', '12', '--json'], { json: true });
      t.equal(strip(st.installments), strip(cli.installments), 'daily-rate schedule equals the CLI');
      t.check(st.cap && st.cap.flagged, `a 0.1% daily rate is flagged (${JSON.stringify(st.cap)})`);
      const allIn = (a) => a && [a.apr_pct, a.ear_pct, a.rule, a.breached, a.caps_in_force, a.summary, a.summary_zh, a.disclosure.zh, a.disclosure.en];
      const cliAllIn = (c) => { const a = c.all_in; return [a.apr_pct, a.ear_pct, a.rule, a.verdict.breached, a.verdict.caps_in_force, a.verdict.summary, a.verdict.summary_zh, a.disclosure.zh, a.disclosure.en]; };
      t.equal(allIn(st.all_in), cliAllIn(cli), 'the all-in APR, its verdict (microloan company) and the disclosure equal finlab loan schedule');
      t.equal(st.cap.message, cli.all_in.verdict.summary, 'the cap message is the verdict of the CLI');
      const mirror = await app.mirror();
      t.check(/cap/i.test(mirror['loans.cap'] || ''), `the cap warning is in the ARIA mirror: ${mirror['loans.cap']}`);
      await app.screenshot('loans-1280x800-cap-warning');
      // Another lender type: a bank is held to other caps.
      await app.click('loans.more');
      await app.click('loans.lender');
      await app.click('loans.lender.0');
      st = (await app.state()).panels.loans;
      const bank = t.cli(['loan', 'schedule', '--principal', '10000', '--daily-rate', '0.1', '--term', '12', '--lender-type', 'bank', '--json'], { json: true });
      t.equal(allIn(st.all_in), cliAllIn(bank), 'for a bank the verdict equals finlab loan schedule --lender-type bank');
      t.check(/lender=bank/.test(await app.page.evaluate(() => decodeURIComponent(location.hash))), 'the lender type is in the URL hash');
      await app.click('loans.lender');
      await app.click('loans.lender.2');
      await app.click('loans.more');

      await app.type('loans.rate', '18');
      await app.click('loans.period');
      await app.click('loans.period.0');
      await app.click('loans.prepay_on');
      await app.type('loans.prepay_date', '2015-11-20');
      await app.type('loans.prepay_amount', '3000');
      st = (await app.state()).panels.loans;
      const pp = t.cli(['loan', 'prepay', '--principal', '10000', '--annual-rate', '18', '--date', '2015-11-20', '--amount', '3000', '--json'], { json: true });
      t.check(st.prepay, `prepayment computed (${JSON.stringify(st.prepay)})`);
      if (st.prepay) {
        t.equal([st.prepay.cash_due, st.prepay.new_installment, st.prepay.payments_left], [pp.cash_due, pp.new_installment, pp.installments.length],
          'prepayment cash due, new installment and payments left equal the CLI');
        // Shorten the term: the new term, the new schedule and the interest saved are shown.
        t.equal(st.prepay.schedule, pp.installments, 'the schedule after the prepayment equals the CLI');
        t.equal(st.prepay.interest_saved, pp.interest_saved, 'interest saved equals the CLI');
        t.check(st.prepay.payments_left < st.prepay.payments_left_before, `the term is shorter (${st.prepay.payments_left_before} -> ${st.prepay.payments_left})`);
        const last = pp.installments.length ? pp.installments[pp.installments.length - 1].due_date : '2015-11-20';
        t.equal(st.prepay.last_due_date, last, 'the new last due date');
        for (const w of ['loans.prepay.term', 'loans.prepay.saved', 'loans.prepay_schedule']) await app.widget(w);
      }
      await app.screenshot('loans-1280x800-prepay');

      await app.type('loans.term', 'x');
      st = (await app.state()).panels.loans;
      t.check(/Term/.test(st.error || ''), `a bad term gives a readable message: ${st.error}`);
      t.equal(Object.keys((await app.state()).errors).length, 0, 'no panel error');
    },
  },
  {
    name: 'loans: phone 390x844 layout',
    async run(t) {
      const app = await t.open({ width: 390, height: 844, dpr: 3, touch: true, hash: 'loans' });
      t.equal((await app.state()).tab, 'loans', 'opened on Loans');
      await app.screenshot('loans-390x844');
    },
  },
];
