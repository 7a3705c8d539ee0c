// Portfolio: a plan's Monte Carlo projection in the browser equals `finlab
// portfolio simulate` for the same plan file and seed (fan, outcome
// percentiles, probability of ending below the money put in, the median path
// and its returns); the plan and the projection survive a reload.
'use strict';
const { ANSWERS, assess } = require('../lib/suitability');
const fs = require('fs');
const os = require('os');
const path = require('path');

async function waitResult(app) {
  await app.page.waitForFunction(() => {
    const p = window.finlab.state().panels.portfolio;
    return p.result && !p.running;
  }, null, { timeout: 120000 });
  await app.settled();
  return (await app.state()).panels.portfolio;
}

module.exports = [
  {
    name: 'portfolio: projection equals finlab portfolio simulate for the same plan and seed',
    async run(t) {
      const app = await t.open({ hash: 'portfolio' });
      t.equal(((await app.state()).panels.portfolio.suitability || {}).verdict, 'not_assessed', 'the questionnaire comes before the first index fund');
      await app.widget('portfolio.suit.q.0');
      await assess(app, 'portfolio.suit', ANSWERS.c3);
      await app.type('portfolio.invest_amount', '1500');
      await app.type('portfolio.paths', '400');
      await app.type('portfolio.years', '5');
      await app.type('portfolio.seed', '7');
      await app.click('portfolio.run');
      const st = await waitResult(app);
      const r = st.result;
      t.note(`400 paths × 5 years in ${(r.elapsed_ms / 1000).toFixed(2)} s in the browser`);
      t.equal([r.paths, r.years, r.seed], [400, 5, 7], 'settings as typed');

      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'finlab-portfolio-'));
      const plan = path.join(dir, 'plan.json');
      fs.writeFileSync(plan, r.plan_json);
      t.check(/"amount": "1500"/.test(r.plan_json), 'the typed 定投 amount is in the plan file');
      const cli = t.cli(['portfolio', 'simulate', '--plan', plan, '--paths', '400', '--years', '5', '--seed', '7', '--json'], { json: true });
      t.equal(r.fan, cli.fan, 'the percentile fan equals the CLI at every month end');
      t.equal(r.end_value, cli.end_value, 'end-value percentiles equal the CLI');
      t.equal([r.paid_in, r.below_paid_in, r.p_below_paid_in], [cli.paid_in, cli.below_paid_in, cli.p_below_paid_in], 'P(end < money put in) equals the CLI');
      t.equal([r.mean_huoqibao_income, r.mean_fees], [cli.mean_huoqibao_income, cli.mean_fees], 'mean 活期宝 income and fees equal the CLI');
      t.equal([r.median_path, r.median_end_value], [cli.median_path.path, cli.median_path.totals.end_value], 'the median path equals the CLI');
      t.equal([r.twr, r.mwr], [cli.median_path.performance.twr.value, cli.median_path.performance.mwr.value], 'its TWR and MWR equal the CLI');
      // The headline names what it is: medians across paths, not the median path's own.
      const labels = await app.page.evaluate(() => {
        const o = {};
        document.querySelectorAll('#a11y-numbers [data-key]').forEach((el) => { o[el.getAttribute('data-key')] = el.getAttribute('aria-label'); });
        return o;
      });
      t.check(/median across paths/.test(labels['portfolio.twr'] || ''), `TWR headline label: ${labels['portfolio.twr']}`);
      t.check(/median across paths/.test(labels['portfolio.drawdown'] || ''), `drawdown headline label: ${labels['portfolio.drawdown']}`);
      // The median path's money figures are in yuan like every other amount.
      const nums = await app.numbers();
      const fees = nums['portfolio.median.fees paid'], split = nums['portfolio.median.活期宝 income vs fund gain'];
      t.check(/^¥[0-9,]+\.\d\d$/.test(fees || ''), `the median path's fees are in yuan: ${fees}`);
      t.check(/^活期宝 ¥[0-9,]+\.\d\d, funds -?¥[0-9,]+\.\d\d$/.test(split || ''), `the income split is in yuan: ${split}`);
      await app.click('portfolio.twr');
      const ex = await app.page.evaluate(() => window.finlab.state().explaining);
      t.equal(ex, 'portfolio.twr', 'the TWR headline opens its explanation');
      await app.click('explain.close');
      await app.screenshot('portfolio-1280x800');
      await app.click('portfolio.p_below');
      await app.screenshot('portfolio-1280x800-explain');
      await app.click('explain.close');

      await app.page.waitForFunction(() => !window.finlab.state().sync.pending, null, { timeout: 10000 });
      await app.reload();
      const again = await waitResult(app);
      t.equal([again.result.fan, again.result.seed], [r.fan, 7], 'after a reload the plan is restored and the projection is the same');
    },
  },
  {
    name: 'portfolio: a rebalancing plan with a weekly 定投 and edited targets equals the CLI; targets that do not add up are refused',
    async run(t) {
      const app = await t.open({ hash: 'portfolio' });
      await assess(app, 'portfolio.suit', ANSWERS.c5);
      await app.click('portfolio.plan');
      await app.click('portfolio.plan.1');
      let st = (await app.state()).panels.portfolio;
      t.check(/"every": "week"/.test(st.plan_json) && /"weekday": "thu"/.test(st.plan_json), 'the template brings its weekly Thursday 定投');
      await app.click('portfolio.invest_weekday');
      await app.click('portfolio.invest_weekday.1');
      await app.type('portfolio.target.csi300', '45');
      st = (await app.state()).panels.portfolio;
      t.check(/targets_percent/.test(st.plan_error), `targets adding up to 105% are refused with their JSON path: ${st.plan_error}`);
      await app.type('portfolio.target.csi500', '15');
      st = (await app.state()).panels.portfolio;
      t.equal(st.plan_error, '', 'targets adding up to 100% are accepted');
      t.check(/"weekday": "tue"/.test(st.plan_json) && /"csi300": "45"/.test(st.plan_json), 'the chosen weekday and targets are in the plan file');
      await app.type('portfolio.paths', '150');
      await app.type('portfolio.years', '3');
      await app.type('portfolio.seed', '11');
      await app.click('portfolio.run');
      const r = (await waitResult(app)).result;
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'finlab-portfolio-'));
      const plan = path.join(dir, 'plan.json');
      fs.writeFileSync(plan, r.plan_json);
      const cli = t.cli(['portfolio', 'simulate', '--plan', plan, '--paths', '150', '--years', '3', '--seed', '11', '--json'], { json: true });
      t.equal(r.fan, cli.fan, 'the fan equals the CLI');
      t.equal([r.end_value, r.p_below_paid_in, r.mean_fees], [cli.end_value, cli.p_below_paid_in, cli.mean_fees], 'percentiles, P(end < put in) and fees equal the CLI');
      t.equal([r.twr, r.mwr], [cli.median_path.performance.twr.value, cli.median_path.performance.mwr.value], 'the median path returns equal the CLI');
      await app.screenshot('portfolio-1280x800-rebalance');
    },
  },
  {
    name: 'portfolio: bad input shows a readable message; phone layout',
    async run(t) {
      const app = await t.open({ width: 390, height: 844, dpr: 3, touch: true, hash: 'portfolio' });
      await app.type('portfolio.invest_amount', '-5');
      const st = (await app.state()).panels.portfolio;
      t.check(/regular_investments\[0\]\.amount/.test(st.plan_error), `the error names the JSON path: ${st.plan_error}`);
      await app.type('portfolio.invest_amount', '1000');
      await assess(app, 'portfolio.suit', ANSWERS.c3);
      await app.type('portfolio.paths', '200');
      await app.tap('portfolio.run');
      await waitResult(app);
      await app.screenshot('portfolio-390x844');
    },
  },
  {
    name: 'portfolio: an index-fund plan is refused to the lowest category, needs the signed warning for C1, as finlab portfolio simulate says',
    async run(t) {
      const app = await t.open({ hash: 'portfolio' });
      await assess(app, 'portfolio.suit', ANSWERS.lowest);
      let st = (await app.state()).panels.portfolio;
      t.equal(st.suitability.verdict, 'refused_lowest', 'the lowest category may not buy index funds (R3)');
      t.check(/"investor"/.test(st.plan_json), 'the plan file carries the investor profile');
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'finlab-portfolio-'));
      const plan = path.join(dir, 'plan.json');
      fs.writeFileSync(plan, st.plan_json);
      let err = null;
      try { t.cli(['portfolio', 'simulate', '--plan', plan, '--paths', '10', '--years', '1']); } catch (e) { err = e; }
      t.check(err && err.status === 1 && String(err.stderr).includes(st.suitability.why_en), `the CLI refuses the same plan for the same reason: ${err && err.stderr}`);
      await app.screenshot('portfolio-1280x800-refused-lowest');
      await app.click('portfolio.suit.head');
      await app.click('portfolio.suit.reassess');
      await assess(app, 'portfolio.suit', ANSWERS.c1);
      st = (await app.state()).panels.portfolio;
      t.equal(st.suitability.verdict, 'needs_signed_warning', 'an ordinary C1 needs the signed warning');
      await app.click('portfolio.sign_warning');
      st = (await app.state()).panels.portfolio;
      t.equal(st.suitability.verdict, 'allowed_with_warning', 'allowed once signed');
      await app.type('portfolio.paths', '50');
      await app.type('portfolio.years', '1');
      await app.click('portfolio.run');
      const r = (await waitResult(app)).result;
      fs.writeFileSync(plan, r.plan_json);
      const cli = t.cli(['portfolio', 'simulate', '--plan', plan, '--paths', '50', '--years', '1', '--seed', '1', '--json'], { json: true });
      t.equal(r.fan, cli.fan, 'the signed plan runs and equals the CLI');
    },
  },
];
