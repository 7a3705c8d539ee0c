// Policy lab, issue 11's "where it shows": after a small run the Results tab
// shows the full P&L as a waterfall whose every bar equals the run's totals to
// the fen (test API and the DOM mirror) and adds up to the net profit, and the
// credit quality of the run (FPD, flow rates, the roll-rate matrix, vintage
// M3+, the five categories) as `finlab sim show --json` gives it; the policy
// editor's "Borrower behaviour" and "Costs" fields are validated by the CLI's
// parser (errors name the JSON path) and flow into the next run. Screenshots
// at 1280x800 and 390x844 in English and 中文; on the phone every control is a
// 44 px touch target and the wide tables scroll sideways.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');

const LAB = (st) => st.panels.policy_lab;
const lab = async (app) => LAB(await app.state());

// Exact fen of a decimal yuan string ("-1234.56" -> -123456n).
function fen(s) {
  const m = /^(-?)(\d+)\.(\d\d)$/.exec(String(s));
  if (!m) throw new Error(`not a yuan amount: ${s}`);
  const v = BigInt(m[2] + m[3]);
  return m[1] ? -v : v;
}
const yuanOf = (f) => `${f < 0n ? '-' : ''}${(f < 0n ? -f : f) / 100n}.${String((f < 0n ? -f : f) % 100n).padStart(2, '0')}`;

// num ÷ den × 100 with 2 decimals, half-up (sim::percent_of(num, den, 2)).
function pct2(num, den) {
  if (Number(den) === 0) return '-';
  const q = (2n * BigInt(num) * 10000n + BigInt(den)) / (2n * BigInt(den));
  const s = q.toString().padStart(3, '0');
  return `${s.slice(0, -2)}.${s.slice(-2)}%`;
}
const int = (s) => Number(String(s).replace(/,/g, ''));

async function press(app, name) {
  const c = await app.center(name);
  await app.page.mouse.move(c.x, c.y);
  await app.page.evaluate(() => window.finlab.frames(1));
  await app.page.mouse.down();
  await app.page.evaluate(() => window.finlab.frames(1));
  await app.page.mouse.up();
  await app.page.evaluate(() => window.finlab.frames(2));
}

async function waitIdle(app, timeout = 170000) {
  await app.page.waitForFunction(() => !window.finlab.state().panels.policy_lab.busy, null, { timeout, polling: 200 });
  await app.settled();
}

// Presses Run (a click, or a tap on a phone) and waits for the run to end.
async function run(app, t, { tap = false } = {}) {
  const before = (await lab(app)).runs.length;
  if (tap) {
    const c = await app.center('policy_lab.run');
    await app.page.touchscreen.tap(c.x, c.y);
  } else {
    await press(app, 'policy_lab.run');
  }
  await waitIdle(app);
  const st = await lab(app);
  t.require(st.runs.length === before + 1 && st.current, `the run finished (${before} -> ${st.runs.length} runs): ${st.message}`);
  return st;
}

async function typeSetting(t, app, field, text) {
  for (let attempt = 0; attempt < 2; ++attempt) {
    await app.type(`policy_lab.${field}`, text);
    if (LAB(await app.state()).settings[field] === String(text)) return;
    t.note(`typing ${text} into ${field} did not stick${attempt === 0 ? '; typed again' : ''}`);
  }
  t.require(false, `the ${field} field holds ${text}`);
}

// Scrolls the panel to the control labelled `label` (focus in the accessible layer).
async function reveal(app, label) {
  const c = (await app.page.evaluate(() => window.finlab.controls())).find((x) => x.label === label);
  if (!c) return false;
  await app.page.focus(`#a11y-controls [data-id="${c.id}"]`);
  await app.settled();
  await app.page.evaluate(() => document.activeElement.blur());
  await app.settled();
  return true;
}

// A phone has no wheel: vertical swipes (CDP touch events) over the middle of
// the screen until the named widget is fully visible. A swipe that starts on a
// table that only scrolls sideways must still move the page.
async function swipeTo(app, t, name) {
  const cdp = await app.context.newCDPSession(app.page);
  const vp = app.page.viewportSize();
  for (let i = 0; i < 40; i++) {
    const r = (await app.widgets())[name];
    if (r && r.visible && r.y >= 150 && r.y + Math.min(r.h, 300) <= vp.height) return r;
    const dy = !r || r.y > 150 ? -340 : 340;  // finger up: the page scrolls down
    const x = vp.width / 2, y0 = vp.height * 0.5;
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y: y0, id: 1 }] });
    await app.page.evaluate(() => window.finlab.frames(1));
    for (const f of [0.25, 0.5, 0.75, 1]) {
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y: y0 + dy * f, id: 1 }] });
      await app.page.evaluate(() => window.finlab.frames(1));
    }
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await app.settled();
  }
  t.require(false, `swiping never brought ${name} into view`);
  return null;
}

// Opens a collapsible section by its accessible label (click, or tap on a phone).
async function openSection(app, t, label, name, { tap = false } = {}) {
  t.require(await reveal(app, label), `the section "${label}" is in the accessible layer`);
  const c = (await app.page.evaluate(() => window.finlab.controls())).find((x) => x.label === label);
  if (c && c.expanded) return;
  if (tap) await app.tap(name);
  else await app.click(name);
  const after = (await app.page.evaluate(() => window.finlab.controls())).find((x) => x.label === label);
  t.check(after && after.expanded, `the section "${label}" opened`);
}

// Every bar of the waterfall against the run's totals, to the fen.
function checkWaterfall(t, cur) {
  const T = cur.totals;
  const steps = Object.fromEntries(cur.pnl.map((s) => [s.key, s]));
  const expected = {
    interest: fen(T.interest_income) - fen(T.penalty_income),
    penalty: fen(T.penalty_income),
    fees: fen(T.fee_income),
    funding: -fen(T.funding_cost),
    provision: -fen(T.provision_expense),
    subsidy: -fen(T.subsidy_cost),
    acquisition: -fen(T.acquisition_cost),
    data: -fen(T.data_cost),
    collection: -fen(T.collection_cost),
    interest_tax: -fen(T.interest_tax),
    capital: -fen(T.capital_charge),
  };
  t.equal(cur.pnl.map((s) => s.key), [...Object.keys(expected), 'net_profit'], 'the waterfall has the eleven terms of net profit, then net profit');
  const wrong = Object.entries(expected).filter(([k, v]) => !steps[k] || fen(steps[k].yuan) !== v).map(([k, v]) => `${k}: ${steps[k] && steps[k].yuan} vs ${yuanOf(v)}`);
  t.equal(wrong, [], 'every bar equals its run total to the fen');
  const sum = cur.pnl.filter((s) => s.key !== 'net_profit').reduce((a, s) => a + fen(s.yuan), 0n);
  t.equal(steps.net_profit && steps.net_profit.yuan, T.net_profit, "the waterfall's net profit equals the run's net_profit total");
  t.equal(yuanOf(sum), T.net_profit, 'the bars add up to the net profit to the fen');
  t.check(cur.pnl.every((s) => s.label && s.label_other && s.label !== s.label_other), 'every bar is labelled in both languages');
}

// Internal consistency of the credit-quality tables (and the CLI's, when given).
function checkQuality(t, cur, show) {
  const tb = cur.tables;
  t.require(cur.quality && cur.quality.recorded, 'the run recorded its credit quality');
  const roll = tb.roll_matrix;
  t.check(roll.rows.length > 0 && roll.rows[0][0] === 'C', `the roll-rate matrix has rows, the first from C: ${JSON.stringify(roll.rows[0])}`);
  const m1 = roll.header.indexOf('M1');
  const flowsPooled = tb.flow_rates.rows[tb.flow_rates.rows.length - 1];
  t.equal(flowsPooled[1], roll.rows[0][m1], 'pooled flow rate C→M1 equals the roll matrix cell C → M1');
  t.equal(tb.flow_rates.header.slice(1), ['C→M1', 'M1→M2', 'M2→M3', 'M3→M4', 'M4→M5', 'M5→M6'], 'flow rates C→M1 … M5→M6');
  t.equal(tb.classification.rows.length, cur.months, 'five-category classification for every month');
  t.equal(tb.fpd.rows[tb.fpd.rows.length - 1][3], cur.quality.fpd7, 'FPD7 over every vintage is the last row of the FPD table');
  if (!show) return;
  const q = show.credit_quality;
  const pooled = q.roll_rates.pooled;
  t.equal(roll.rows.map((r) => [r[0], int(r[1])]), pooled.map((r) => [r.from, r.loans]), 'roll matrix rows and loans equal finlab sim show --json');
  const cells = [];
  for (const r of pooled) {
    const row = roll.rows.find((x) => x[0] === r.from);
    for (let c = 2; c < roll.header.length; c++) {
      const name = { 'Paid off': 'paid off', 'Charged off': 'charged off', 已结清: 'paid off', 已核销: 'charged off' }[roll.header[c]] || roll.header[c];
      if (row[c] !== pct2(r.to[name] || 0, r.loans)) cells.push(`${r.from}->${name}: ${row[c]} vs ${pct2(r.to[name] || 0, r.loans)}`);
    }
  }
  t.equal(cells, [], 'every roll matrix percentage equals the CLI counts (2 decimals, half-up)');
  const vint = q.fpd.by_vintage.map((v) => [v.vintage, v.booked, v.first_due]);
  t.equal(tb.fpd.rows.slice(0, -1).map((r) => [r[0], int(r[1]), int(r[2])]), vint, 'FPD by vintage: loans booked and reaching their first due date equal the CLI');
  const last = q.classification.by_month[q.classification.by_month.length - 1];
  const total = last.classes.reduce((a, c) => a + fen(c.outstanding), 0n);
  t.equal(tb.classification.rows[tb.classification.rows.length - 1].slice(3),
    last.classes.map((c) => pct2(fen(c.outstanding), total)), 'the last month\'s five-category shares equal the CLI');
}

function tmpdir() {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'finlab-views-'));
}

module.exports = [
  {
    name: 'policy lab views: P&L waterfall to the fen, credit quality as finlab sim show, assumptions and costs edited into the run (1280x800, 中文)',
    async run(t) {
      const app = await t.open({ hash: 'policy_lab' });
      await typeSetting(t, app, 'users', '2000');
      await typeSetting(t, app, 'months', '12');
      await typeSetting(t, app, 'seed', '7');
      let st = await run(app, t);
      const first = st.current;

      // The waterfall, in the test API and on screen (the DOM mirror).
      await openSection(app, t, 'Full P&L (waterfall)', 'policy_lab.pnl');
      await app.widget('policy_lab.pnl.net_profit');
      st = await lab(app);
      checkWaterfall(t, st.current);
      const mirror = await app.mirror();
      const nums = await app.numbers();
      t.equal(mirror['policy_lab.pnl.net_profit'], nums['policy_lab.kpi.net_profit'], 'the waterfall shows the net profit the KPI card shows (DOM mirror)');
      t.check(/^-?¥[\d,]+\.\d\d$/.test(mirror['policy_lab.pnl.net_profit'] || ''), `net profit bar in yuan: ${mirror['policy_lab.pnl.net_profit']}`);
      t.check(/^−¥[\d,]+\.\d\d$/.test(mirror['policy_lab.pnl.acquisition'] || ''), `a cost bar is shown as a deduction: ${mirror['policy_lab.pnl.acquisition']}`);
      await app.screenshot('policy_lab_views-1280x800-pnl');

      // Credit quality, against the CLI's finlab sim show --json of the same run.
      await openSection(app, t, 'Credit quality', 'policy_lab.quality');
      await app.widget('policy_lab.table.roll_matrix');
      st = await lab(app);
      // The native comparisons need the CLI (./dev test builds it first).
      const haveCli = fs.existsSync(t.cliPath);
      if (!haveCli) t.note(`no native CLI at ${t.cliPath}: the comparisons with finlab sim show / run were skipped`);
      let show = null;
      if (haveCli) {
        const db = path.join(tmpdir(), 'runs.sqlite');
        const cli = t.cli(['sim', 'run', '--users', '2000', '--months', '12', '--seed', '7', '--db', db, '--json', '--no-progress'], { json: true });
        t.equal(st.current.totals.net_profit, cli.totals.net_profit, 'the browser run equals finlab sim run (net profit)');
        show = t.cli(['sim', 'show', String(cli.run_id), '--db', db, '--json'], { json: true });
      }
      checkQuality(t, st.current, show);
      await app.screenshot('policy_lab_views-1280x800-quality');
      await app.widget('policy_lab.chart.m3plus');
      await app.screenshot('policy_lab_views-1280x800-quality-m3');
      await app.widget('policy_lab.table.classification');
      await app.screenshot('policy_lab_views-1280x800-quality-classes');
      // CSV of the roll matrix, exactly the table.
      const [d] = await Promise.all([app.page.waitForEvent('download', { timeout: 10000 }), app.click('policy_lab.csv.roll_matrix')]);
      t.equal(d.suggestedFilename(), 'policy_lab_roll_matrix.csv', 'the roll matrix downloads as CSV');
      t.equal((await lab(app)).last_csv.id, 'roll_matrix', 'the CSV is the roll matrix');

      // The selection-bias report: five cards trained on the run's history; each
      // row's predicted and true swap-in bad rates as finlab sim selection gives them.
      await openSection(app, t, 'Value of behaviour data and swap-in / swap-out', 'policy_lab.analyses');
      await app.widget('policy_lab.selection_button');
      await press(app, 'policy_lab.selection_button');
      await app.settled();
      st = await lab(app);
      const sel = st.current.tables.selection.rows;
      t.equal(sel.map((r) => r[0].replace(' *', '')), ['none', 'hard_cutoff', 'fuzzy', 'parcelling', 'reweighting'], 'one row per reject-inference method');
      t.check(sel.every((r) => /^\d+\.\d{4}%$/.test(r[3]) && /^\d+\.\d{4}%$/.test(r[4])), `predicted and true swap-in bad rates: ${JSON.stringify(sel)}`);
      if (haveCli) {
        const cliSel = t.cli(['sim', 'selection', '--seed', '7', '--json'], { json: true });
        t.equal(sel.map((r) => [r[3], r[4]]), cliSel.methods.map((m) => [`${m.predicted_bad_rate}%`, `${m.true_bad_rate}%`]),
          'the browser report equals finlab sim selection (predicted and true bad rates)');
      }
      await app.screenshot('policy_lab_views-1280x800-selection');

      // The editor: a bad value is reported at its JSON path by the CLI's parser.
      await app.click('policy_lab.tab.policy');
      await openSection(app, t, 'Borrower behaviour (assumptions)', 'policy_lab.sec.assumptions');
      await app.type('policy_lab.x.assumptions.miss_base_pct', '60');
      st = await lab(app);
      t.check(!st.policy_valid && st.policy_errors.some((e) => e.startsWith('assumptions.miss_base_pct:')),
        `an out-of-range assumption is reported at its path: ${JSON.stringify(st.policy_errors)}`);
      await app.screenshot('policy_lab_views-1280x800-assumption-error');
      await app.type('policy_lab.x.assumptions.miss_base_pct', '');
      st = await lab(app);
      t.check(st.policy_valid && !('assumptions' in st.policy), `an emptied box returns to the default and leaves the policy: ${JSON.stringify(st.policy_errors)}`);
      await app.widget('policy_lab.x.assumptions.cure_pct');
      await app.type('policy_lab.x.assumptions.cure_pct.1', 'x');
      st = await lab(app);
      t.check(st.policy_errors.some((e) => e.startsWith('assumptions.cure_pct[1]:')), `a list element's error names its index: ${JSON.stringify(st.policy_errors)}`);
      await app.type('policy_lab.x.assumptions.cure_pct.1', '');

      // The limit ladder: its box adds or removes credit.limit_ladder; typed fields go in, a bad one is reported at its path.
      await openSection(app, t, 'Credit lines (limit ladder)', 'policy_lab.sec.ladder');
      st = await lab(app);
      const ladder0 = st.policy.credit.limit_ladder;
      if (ladder0 === undefined) await app.click('policy_lab.f.ladder_on');
      await app.type('policy_lab.x.credit.limit_ladder.cut_pct', '150');
      st = await lab(app);
      t.check(!st.policy_valid && st.policy_errors.some((e) => e.startsWith('credit.limit_ladder.cut_pct:')),
        `an out-of-range ladder field is reported at its path: ${JSON.stringify(st.policy_errors)}`);
      await app.type('policy_lab.x.credit.limit_ladder.cut_pct', '30');
      st = await lab(app);
      t.check(st.policy_valid && st.policy.credit.limit_ladder.cut_pct === '30', `a typed ladder field is in the policy: ${JSON.stringify(st.policy.credit.limit_ladder)}`);
      await app.click('policy_lab.f.ladder_on');
      st = await lab(app);
      t.check(st.policy_valid && !('limit_ladder' in st.policy.credit), 'unticked, the policy has no ladder (users apply anew)');
      await app.click('policy_lab.f.ladder_on');
      st = await lab(app);
      t.equal(st.policy.credit.limit_ladder && st.policy.credit.limit_ladder.cut_pct, '30', 'ticked again, the typed fields come back');
      await app.type('policy_lab.x.credit.limit_ladder.cut_pct', ladder0 && ladder0.cut_pct !== undefined ? String(ladder0.cut_pct) : '');
      if (ladder0 === undefined) await app.click('policy_lab.f.ladder_on');
      st = await lab(app);
      t.equal(st.policy.credit.limit_ladder, ladder0, 'the ladder is back as the template had it');

      // Behaviour: ten times the fraudsters (same seed) books more fraud and raises FPD7.
      await app.type('policy_lab.x.assumptions.fraud_share_pct', '5');
      // Costs: acquisition 20 yuan per new applicant.
      await openSection(app, t, 'Costs (P&L)', 'policy_lab.sec.pnl');
      await app.type('policy_lab.x.pnl.acquisition_cost_yuan', '20');
      st = await lab(app);
      t.check(st.policy_valid, `the edited policy is valid: ${JSON.stringify(st.policy_errors)}`);
      t.equal([st.policy.assumptions, st.policy.pnl], [{ fraud_share_pct: '5' }, { acquisition_cost_yuan: '20' }], 'only the typed fields are in the policy');
      await app.screenshot('policy_lab_views-1280x800-costs');
      st = await run(app, t);
      const second = st.current;
      t.check(Number(second.totals.fraud_booked) > Number(first.totals.fraud_booked),
        `more fraudsters book more fraud loans (${first.totals.fraud_booked} -> ${second.totals.fraud_booked})`);
      t.equal(second.totals.acquisition_cost, yuanOf(20n * 100n * BigInt(second.totals.new_applicants)), 'acquisition cost is 20 yuan per new applicant');
      t.check(parseFloat(second.quality.fpd7) > parseFloat(first.quality.fpd7), `FPD7 rises with fraud (${first.quality.fpd7} -> ${second.quality.fpd7})`);
      await openSection(app, t, 'Full P&L (waterfall)', 'policy_lab.pnl');
      checkWaterfall(t, (await lab(app)).current);
      t.equal((await app.mirror())['policy_lab.pnl.acquisition'], `−¥${(Number(second.totals.acquisition_cost)).toLocaleString('en-US', { minimumFractionDigits: 2 })}`,
        'the acquisition bar shows the new cost');
      // The same policy natively gives the same totals (the fields reach the engine as the CLI reads them).
      if (haveCli) {
        const exported = path.join(tmpdir(), 'edited.json');
        fs.writeFileSync(exported, JSON.stringify((await lab(app)).policy));
        const cli2 = t.cli(['sim', 'run', '--policy', exported, '--users', '2000', '--months', '12', '--seed', '7', '--db', path.join(tmpdir(), 'edited.sqlite'),
          '--json', '--no-progress'], { json: true });
        t.equal([second.totals.net_profit, second.totals.fraud_booked, second.totals.acquisition_cost],
          [cli2.totals.net_profit, cli2.totals.fraud_booked, cli2.totals.acquisition_cost], 'the edited run equals finlab sim run --policy');
      }

      // 中文: the same views, nothing untranslated.
      await app.click('lang.zh');
      await app.widget('policy_lab.pnl.net_profit');
      st = await lab(app);
      t.check(st.current.pnl.every((s) => /[\u4e00-\u9fff]/.test(s.label) && /[A-Za-z]/.test(s.label_other)), 'in 中文 each bar reads in Chinese with the English under it');
      await app.screenshot('policy_lab_views-zh-1280x800-pnl');
      await openSection(app, t, '资产质量', 'policy_lab.quality');
      await app.widget('policy_lab.table.roll_matrix');
      await app.screenshot('policy_lab_views-zh-1280x800-quality');
      await app.click('policy_lab.tab.policy');
      await app.widget('policy_lab.x.pnl.acquisition_cost_yuan');
      await app.screenshot('policy_lab_views-zh-1280x800-costs');
      await app.widget('policy_lab.x.assumptions.cure_pct');
      await app.screenshot('policy_lab_views-zh-1280x800-assumptions');
      const whole = await app.state();
      t.equal(whole.untranslated, [], 'no untranslated strings in the new views (English and 中文)');
      t.equal(whole.errors, {}, 'no panel error');
    },
  },
  {
    name: 'policy lab views: phone 390x844 — waterfall and credit quality after a run, 44 px targets, sideways tables, 中文',
    timeout: 360000,  // a run, then many swipes at DPR 3: 130-200 s on two shared cores
    async run(t) {
      const app = await t.open({ width: 390, height: 844, dpr: 3, touch: true, hash: 'policy_lab' });
      t.check((await app.state()).compact, 'phone layout');
      await app.type('policy_lab.users', '2000');
      await app.type('policy_lab.months', '12');
      let st = await run(app, t, { tap: true });
      const MIN = 43.5;
      const small = async () => (await app.page.evaluate(() => window.finlab.controls()))
        .filter((c) => c.visible && (c.h < MIN || c.w < MIN)).map((c) => `${c.role} '${c.label}' ${c.w.toFixed(0)}x${c.h.toFixed(0)}`);
      await openSection(app, t, 'Full P&L (waterfall)', 'policy_lab.pnl', { tap: true });
      await swipeTo(app, t, 'policy_lab.pnl.net_profit');
      st = await lab(app);
      checkWaterfall(t, st.current);
      await app.screenshot('policy_lab_views-390x844-pnl');
      const w = await app.widgets();
      t.check(w['policy_lab.pnl.waterfall'] && w['policy_lab.pnl.waterfall'].w <= 390, `the waterfall fits the phone's width (${w['policy_lab.pnl.waterfall'] && w['policy_lab.pnl.waterfall'].w.toFixed(0)} px)`);
      await openSection(app, t, 'Credit quality', 'policy_lab.quality', { tap: true });
      const roll = await swipeTo(app, t, 'policy_lab.table.roll_matrix');
      t.check(roll.w <= 390, `the roll matrix scrolls inside the screen's width (${roll.w.toFixed(0)} px)`);
      await app.screenshot('policy_lab_views-390x844-quality');
      t.equal(await small(), [], 'every visible control of the credit-quality view is a 44 px touch target');
      const csv = await swipeTo(app, t, 'policy_lab.csv.roll_matrix');
      t.check(csv.h >= MIN, `the CSV button is a 44 px touch target (${csv.h.toFixed(1)} px)`);
      await swipeTo(app, t, 'policy_lab.table.classification');
      await app.screenshot('policy_lab_views-390x844-quality-classes');
      await app.tap('lang.zh');
      t.check(await reveal(app, '完整损益（瀑布图）'), 'the waterfall header reads in Chinese');
      await swipeTo(app, t, 'policy_lab.pnl.net_profit');
      await app.screenshot('policy_lab_views-zh-390x844-pnl');
      t.check(await reveal(app, '资产质量'), 'the credit-quality header reads in Chinese');
      await swipeTo(app, t, 'policy_lab.table.roll_matrix');
      await app.screenshot('policy_lab_views-zh-390x844-quality');
      st = await app.state();
      t.equal(st.untranslated, [], 'nothing untranslated on the phone');
      t.equal(st.errors, {}, 'no panel error');
    },
  },
  {
    name: 'policy lab views: phone 390x844 — the assumption and cost fields, 44 px targets, in both languages',
    async run(t) {
      const app = await t.open({ width: 390, height: 844, dpr: 3, touch: true, hash: 'policy_lab' });
      const MIN = 43.5;
      const small = async () => (await app.page.evaluate(() => window.finlab.controls()))
        .filter((c) => c.visible && (c.h < MIN || c.w < MIN)).map((c) => `${c.role} '${c.label}' ${c.w.toFixed(0)}x${c.h.toFixed(0)}`);
      if ((await lab(app)).tab !== 'policy') await app.tap('policy_lab.tab.policy');
      await openSection(app, t, 'Costs (P&L)', 'policy_lab.sec.pnl', { tap: true });
      await swipeTo(app, t, 'policy_lab.x.pnl.acquisition_cost_yuan');
      await app.screenshot('policy_lab_views-390x844-costs');
      t.equal(await small(), [], 'every visible cost field is a 44 px touch target');
      await openSection(app, t, 'Borrower behaviour (assumptions)', 'policy_lab.sec.assumptions', { tap: true });
      await swipeTo(app, t, 'policy_lab.x.assumptions.cure_pct.0');
      await app.screenshot('policy_lab_views-390x844-assumptions');
      t.equal(await small(), [], 'every visible assumption field is a 44 px touch target');

      await app.tap('lang.zh');
      t.check(await reveal(app, '借款人行为（假设）'), 'the behaviour section reads in Chinese');
      await app.screenshot('policy_lab_views-zh-390x844-assumptions');
      const st = await app.state();
      t.equal(st.untranslated, [], 'nothing untranslated on the phone');
      t.equal(st.errors, {}, 'no panel error');
    },
  },
];
