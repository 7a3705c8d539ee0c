// Credit score: withdrawing a consent changes the score and the categories
// used exactly as the panel predicted; the browser's score, PD, band and
// categories equal `finlab score apply` with the scorecard downloaded from the
// page; "delete my data" removes the profile from the browser's database.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');

const FEATURES = ['age', 'income_band', 'debt_to_income', 'credit_history_months', 'account_age_months', 'device_price_tier',
  'number_tenure_months', 'home_night_share', 'months_at_night_location', 'moves_per_year', 'work_regularity',
  'finance_app_days', 'lending_app_count', 'late_night_share', 'install_churn', 'bill_ontime_share', 'topup_regularity',
  'spend_volatility', 'spend_to_income', 'wallet_balance_days'];

function profileCsv(st) {
  const row = FEATURES.map((f) => (st.values[f] === null || st.values[f] === undefined ? '' : String(st.values[f])));
  return `user_id,consent,${FEATURES.join(',')}\n1,${st.consent},${row.join(',')}\n`;
}

// Values typed for the behaviour categories a sample user did not share (the
// page asks for them instead of inventing any).
const BY_CATEGORY = {
  device: ['account_age_months', 'device_price_tier', 'number_tenure_months'],
  location: ['home_night_share', 'months_at_night_location', 'moves_per_year', 'work_regularity'],
  app_usage: ['finance_app_days', 'lending_app_count', 'late_night_share', 'install_churn'],
  consumption: ['bill_ontime_share', 'topup_regularity', 'spend_volatility', 'spend_to_income', 'wallet_balance_days'],
};
const TYPED = { account_age_months: 30, device_price_tier: 2, number_tenure_months: 48, home_night_share: 0.8, months_at_night_location: 24,
  moves_per_year: 1, work_regularity: 0.7, finance_app_days: 10, lending_app_count: 2, late_night_share: 0.1, install_churn: 3,
  bill_ontime_share: 0.95, topup_regularity: 0.8, spend_volatility: 0.4, spend_to_income: 0.6, wallet_balance_days: 12 };

async function enterValues(app, category) {
  for (const f of BY_CATEGORY[category]) {
    if ((await app.state()).panels.credit.values[f] !== null) continue;
    if (f === 'device_price_tier') {
      await app.click(`credit.feature.${f}`);
      await app.click(`credit.feature.${f}.${TYPED[f]}`);
    } else {
      await app.type(`credit.feature.${f}`, String(TYPED[f]));
    }
  }
}

async function waitScore(app) {
  await app.page.waitForFunction(() => window.finlab.state().panels.credit.score !== undefined, null, { timeout: 120000 });
  await app.settled();
}

const askForValues = {
  name: 'credit: granting a consent asks for the values; the score reads them only once entered, as finlab score apply does',
  async run(t) {
    const app = await t.open({ hash: 'credit' });
    await waitScore(app);
    let st = (await app.state()).panels.credit;
    for (let i = 0; i < 10 && ['device', 'location', 'app_usage', 'consumption'].every((c) => st.consent.includes(c)); ++i) {
      await app.click('credit.next_sample');
      st = (await app.state()).panels.credit;
    }
    const c = ['location', 'consumption', 'app_usage', 'device'].find((x) => !st.consent.includes(x));
    t.check(c !== undefined, `a sample user who did not share some category (${st.consent})`);
    t.check(BY_CATEGORY[c].every((f) => st.values[f] === null), `${c}: no value is invented for data not shared`);
    const before = st.score;
    await app.click(`credit.consent.${c}`);
    st = (await app.state()).panels.credit;
    t.check(st.consent.includes(c) && st.pending.includes(c), `${c} granted and waiting for its values (${st.pending})`);
    t.equal(st.score, before, 'the score does not change on the grant alone');
    await app.screenshot('credit-1280x800-asks-values');
    const numeric = BY_CATEGORY[c].find((f) => f !== 'device_price_tier');
    await app.type(`credit.feature.${numeric}`, '999');
    st = (await app.state()).panels.credit;
    t.equal([st.values[numeric], st.score], [null, before], `an out-of-range ${numeric} is not used`);
    await enterValues(app, c);
    st = (await app.state()).panels.credit;
    t.equal(st.pending, [], 'all values entered');
    t.equal(BY_CATEGORY[c].map((f) => st.values[f]), BY_CATEGORY[c].map((f) => TYPED[f]), 'the values are the ones typed');
    t.check(st.score !== before, `the score changes once they are entered (${before} -> ${st.score}, uses ${st.categories_used})`);
    const [download] = await Promise.all([app.page.waitForEvent('download'), app.click('credit.download_card')]);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'finlab-credit-'));
    const card = path.join(dir, 'card.json');
    await download.saveAs(card);
    const csv = path.join(dir, 'profile.csv');
    fs.writeFileSync(csv, profileCsv(st));
    const out = t.cli(['score', 'apply', '--model', card, '--data', csv, '--json'], { json: true });
    const row = (out.rows || out.scores || out)[0] || out;
    t.equal([row.score, row.band], [st.score, st.band], 'score and band equal finlab score apply on the typed values');
    await app.click('lang.zh');
    await app.click(`credit.consent.${c}`);
    await app.click(`credit.consent.${c}`);
    await app.screenshot('credit-zh-1280x800-values');
  },
};

module.exports = [askForValues,
  {
    name: 'credit: consent withdrawal, score equals finlab score apply, delete my data',
    async run(t) {
      const app = await t.open({ hash: 'credit' });
      const t0 = Date.now();
      await waitScore(app);
      let st = (await app.state()).panels.credit;
      t.note(`first score after ${((Date.now() - t0) / 1000).toFixed(1)} s (card: ${st.card_source})`);
      t.equal(st.card_source, 'shipped', 'a fresh browser scores with the scorecard shipped with the site (trained at build time), not by training');
      t.check(Number.isInteger(st.score), `a score is shown (${st.score}, band ${st.band}, PD ${st.pd})`);
      await app.screenshot('credit-1280x800');

      // Grant every category first, so there is something to withdraw.
      for (const c of ['device', 'location', 'app_usage', 'consumption']) {
        if (!st.consent.includes(c)) {
          await app.click(`credit.consent.${c}`);
          await enterValues(app, c);
          st = (await app.state()).panels.credit;
        }
      }
      t.equal(st.pending, [], 'every granted category has its values');
      t.equal(st.consent, 'application+device+location+app_usage+consumption', 'all categories granted');
      const predicted = st.withdraw.consumption;
      const before = st.score;
      await app.click('credit.consent.consumption');
      st = (await app.state()).panels.credit;
      t.check(st.score !== before, `withdrawing consumption data changes the score (${before} -> ${st.score})`);
      t.check(!st.categories_used.includes('consumption'), `consumption no longer used (${st.categories_used})`);
      t.equal([st.score, st.categories_used], [predicted.score, predicted.categories_used], 'the change is the one the panel predicted');
      const mirror = await app.mirror();
      t.equal(mirror['credit.score'], String(st.score), 'the score is in the ARIA mirror');

      // The same profile through the native CLI with the page's own scorecard.
      const [download] = await Promise.all([app.page.waitForEvent('download'), app.click('credit.download_card')]);
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'finlab-credit-'));
      const card = path.join(dir, 'card.json');
      await download.saveAs(card);
      for (const consent of [st.consent, 'application+device+location+app_usage+consumption']) {
        if (consent !== st.consent) {
          await app.click('credit.consent.consumption');
          st = (await app.state()).panels.credit;
        }
        const csv = path.join(dir, 'profile.csv');
        fs.writeFileSync(csv, profileCsv(st));
        const out = t.cli(['score', 'apply', '--model', card, '--data', csv, '--json'], { json: true });
        const row = (out.rows || out.scores || out)[0] || out;
        t.equal(row.score, st.score, `score equals finlab score apply (${consent})`);
        t.equal(row.band, st.band, 'band equals the CLI');
        t.equal(row.categories_used.join('+'), st.categories_used, 'categories used equal the CLI');
        t.equal(`${(row.pd * 100).toFixed(2)}%`, st.pd, 'PD equals the CLI (to 0.01%)');
      }

      // Saved, then deleted.
      t.check(st.stored, 'an edited profile is stored');
      await app.page.waitForFunction(() => !window.finlab.state().sync.pending, null, { timeout: 10000 });
      await app.reload();
      await waitScore(app);
      t.equal((await app.state()).panels.credit.consent, st.consent, 'the profile survives a reload');
      await app.click('credit.delete');
      t.equal((await app.state()).panels.credit.stored, false, 'delete my data removes the stored profile');
      await app.page.waitForFunction(() => !window.finlab.state().sync.pending, null, { timeout: 10000 });
      await app.reload();
      await waitScore(app);
      t.equal((await app.state()).panels.credit.stored, false, 'after a reload there is still no stored profile');
    },
  },
  {
    name: 'credit: phone 390x844 layout',
    async run(t) {
      const app = await t.open({ width: 390, height: 844, dpr: 3, touch: true, hash: 'credit' });
      await waitScore(app);
      await app.screenshot('credit-390x844');
    },
  },
];
