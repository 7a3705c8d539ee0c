// Policy lab: the policy editor shows validation errors with their JSON paths
// (never a crash); a 10,000-user run in the browser gives exactly the totals
// `finlab sim run` computes natively for the same policy (exported from the
// panel), scenario, seed and months; runs survive a reload and a second run
// with the same seed (scorecard reused from the database) is identical; two
// runs compare side by side with exact differences; a cutoff sweep equals
// `finlab sim sweep`; a runs database made natively opens through the file
// picker and by drag-and-drop; screenshots at 1280x800 and 390x844.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');

const LAB = (st) => st.panels.policy_lab;

async function lab(app) {
  return LAB(await app.state());
}

// Clicks a widget without waiting for the app to go idle (a run keeps it busy).
async function press(app, name) {
  const c = await app.center(name);
  await app.page.mouse.move(c.x, c.y);
  await app.page.evaluate(() => window.finlab.frames(1));
  await app.page.mouse.down();
  await app.page.evaluate(() => window.finlab.frames(1));
  await app.page.mouse.up();
  await app.page.evaluate(() => window.finlab.frames(2));
}

// Types into a run-settings field and reads the value back from the panel's
// state; a keystroke lost between two frames of a loaded CI machine (the
// select-all before the text) is retyped once, and reported.
async function typeSetting(t, app, field, text) {
  for (let attempt = 0; attempt < 2; ++attempt) {
    await app.type(`policy_lab.${field}`, text);
    const got = LAB(await app.state()).settings[field];
    if (got === String(text)) return;
    t.note(`typing ${text} into ${field} gave "${got}"${attempt === 0 ? '; typed again' : ''}`);
  }
  t.require(false, `the ${field} field holds ${text}`);
}

async function waitIdle(app, timeout = 170000) {
  await app.page.waitForFunction(() => !window.finlab.state().panels.policy_lab.busy, null, { timeout, polling: 200 });
  await app.settled();
}

async function waitSynced(app) {
  await app.page.waitForFunction(() => !window.finlab.state().sync.pending, null, { timeout: 15000 });
}

// Starts a run, watches the progress bar while it runs, waits for the end.
async function run(app, t, { screenshot } = {}) {
  const before = (await lab(app)).runs.length;
  await press(app, 'policy_lab.run');
  let sawProgress = false;
  let shot = false;
  const t0 = Date.now();
  for (;;) {
    const st = await lab(app);
    if (!st.busy) break;
    if (st.progress && st.progress.fraction > 0 && st.progress.fraction < 1) {
      sawProgress = true;
      if (screenshot && !shot) {
        shot = true;
        await app.page.screenshot({ path: path.join(t.artifacts, `${screenshot}.png`) });
      }
    }
    if (Date.now() - t0 > 170000) throw new Error('the run did not finish');
    await new Promise((r) => setTimeout(r, 100));
  }
  await app.settled();
  const st = await lab(app);
  t.check(st.runs.length === before + 1, `one more run in the browser database (${before} -> ${st.runs.length}); message: ${st.message}`);
  return { st, sawProgress, ms: Date.now() - t0 };
}

// Totals as sorted [name, value] pairs (the page's JSON object is not ordered).
function sorted(o) {
  return o ? Object.entries(o).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)) : o;
}

function tmpdir() {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'finlab-lab-'));
}

async function download(app, name) {
  const [d] = await Promise.all([app.page.waitForEvent('download', { timeout: 10000 }), app.click(name)]);
  const file = path.join(tmpdir(), d.suggestedFilename());
  await d.saveAs(file);
  return file;
}

// Exact difference of two decimal strings with the same number of decimals.
function decDiff(a, b) {
  const scale = (a.split('.')[1] || '').length;
  const n = (s) => BigInt(s.replace('.', ''));
  const d = n(b) - n(a);
  const neg = d < 0n;
  let s = (neg ? -d : d).toString().padStart(scale + 1, '0');
  if (scale) s = s.slice(0, -scale) + '.' + s.slice(-scale);
  return { neg, abs: s };
}

// sim::percent_of: num ÷ den × 100 with 4 decimals, rounded half-up once (non-negative inputs).
function percentOf(num, den) {
  if (den === 0) return '0.0000';
  const n = BigInt(num) * 1000000n;
  const q = (2n * n + BigInt(den)) / (2n * BigInt(den));
  const s = q.toString().padStart(5, '0');
  return `${s.slice(0, -4)}.${s.slice(-4)}`;
}

const fmtInt = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

// What web/policy_lab_csv.cpp writes for a cell: neutralised, then quoted when needed.
function csvCell(text) {
  let s = String(text);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
function csvOf(table) {
  return '\uFEFF' + [table.header, ...table.rows].map((r) => r.map(csvCell).join(',') + '\r\n').join('');
}

// The swap matrix in long form as the CLI's analyses give it: [A, B, users, expected, bads, observed].
function swapRowsFromCli(an, words) {
  const cell = [['both_approve', 'swap_out'], ['swap_in', 'both_decline']];
  const users = [[0, 0, 0], [0, 0, 0], [0, 0, 0]];
  const bads = [[0, 0, 0], [0, 0, 0], [0, 0, 0]];
  for (let a = 0; a < 2; a++) {
    for (let b = 0; b < 2; b++) {
      const u = Number(an[`swap_${cell[a][b]}_count`]);
      const x = Number(an[`swap_${cell[a][b]}_bads`]);
      for (const [i, j] of [[a, b], [a, 2], [2, b], [2, 2]]) {
        users[i][j] += u;
        bads[i][j] += x;
      }
    }
  }
  const rows = [];
  for (let a = 0; a < 3; a++) {
    for (let b = 0; b < 3; b++) {
      const expected = a < 2 && b < 2 ? `${an[`swap_${cell[a][b]}_bad_rate`]}%` : '–';
      rows.push([words[a], words[b], fmtInt(users[a][b]), expected, fmtInt(bads[a][b]), users[a][b] ? `${percentOf(bads[a][b], users[a][b])}%` : '–']);
    }
  }
  return rows;
}

// PSI/CSI verdicts of finlab score monitor (credit::stability_verdict, default thresholds).
const verdictOf = (x) => (x > 0.25 ? 'significant' : x >= 0.1 ? 'moderate' : 'stable');

// The run's scorecard from a native runs database (sqlite3, or Debian's python3).
function cardFromDb(t, db, runId, out) {
  const { execFileSync } = require('child_process');
  const sql = `SELECT scorecard_json FROM sim_runs WHERE run_id = ${Number(runId)}`;
  let text;
  try {
    text = execFileSync('sqlite3', [db, sql], { encoding: 'utf8' });
  } catch (e) {
    text = execFileSync('/usr/bin/python3', ['-c', 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])', db, sql], { encoding: 'utf8' });
  }
  fs.writeFileSync(out, text);
  t.check(text.trim().startsWith('{'), `the native run stored its scorecard (${text.length} bytes)`);
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

module.exports = [
  {
    name: 'policy lab: validation errors with JSON paths; a 10,000-user run equals finlab sim run; reload keeps it',
    async run(t) {
      const app = await t.open();
      await app.click('tab.policy_lab');
      let st = await lab(app);
      t.check(st.policy_valid, `the default policy (baseline-2015) is valid: ${JSON.stringify(st.policy_errors)}`);
      t.equal(st.policy.name, 'baseline-2015', 'the editor starts from assets/policies/baseline-2015.json');
      await app.screenshot('policy_lab-1280x800-policy');

      // Bad input: a cutoff that is not a number, then inverted score bands.
      await app.type('policy_lab.f.cutoff', '600.5');
      st = await lab(app);
      t.check(!st.policy_valid && st.policy_errors.some((e) => e.startsWith('credit.cutoff:')),
        `a non-numeric cutoff is reported at credit.cutoff: ${JSON.stringify(st.policy_errors)}`);
      await app.type('policy_lab.f.score_bands', '600, 560, 640, 680');
      st = await lab(app);
      t.check(st.policy_errors.some((e) => /^credit\.score_bands\[1\]: inverted band/.test(e)),
        `inverted score bands are reported at credit.score_bands[1]: ${JSON.stringify(st.policy_errors)}`);
      await app.click('policy_lab.run');
      st = await lab(app);
      t.check(st.message_error && /problems/.test(st.message), `Run refuses an invalid policy with a message: ${st.message}`);
      t.equal(st.runs.length, 0, 'no run was started for an invalid policy');
      await app.screenshot('policy_lab-1280x800-validation');
      t.equal((await app.state()).errors, {}, 'no panel error (the mistakes are shown in the panel)');

      // A 5x5 matrix by design: adding an income band widens the matrix and
      // the validator is happy; removing it again restores the shape.
      await app.type('policy_lab.f.score_bands', '560, 600, 640, 680');
      await app.type('policy_lab.f.cutoff', '620');
      await app.type('policy_lab.f.refer_from', '590');
      st = await lab(app);
      t.check(st.policy_valid, `the corrected policy is valid: ${JSON.stringify(st.policy_errors)}`);
      t.equal(st.policy.credit.cutoff, 620, 'the cutoff typed in the form is in the policy document');
      t.equal(sorted(st.policy.credit.refer_band), sorted({ from: 590, to: 620, approve_pct: '30' }), 'the refer band follows the cutoff');

      // Run settings, then a 10,000-user run with a progress bar.
      await app.type('policy_lab.users', '10000');
      await app.type('policy_lab.months', '24');
      await app.type('policy_lab.seed', '2015');
      const r1 = await run(app, t, { screenshot: 'policy_lab-1280x800-running' });
      t.check(r1.st.last_run_frames >= 3, `the run advanced in chunks between frames (${r1.st.last_run_frames} frames drawn while it ran)`);
      st = r1.st;
      t.require(st.current && st.current.source === 'browser', `the finished run is shown: ${st.message}`);
      t.equal(st.tab, 'results', 'the Results tab opens when the run finishes');
      t.note(`10,000 users x 24 months in the browser: ${st.current.elapsed_ms} ms (first run: includes training the scorecard on 40,000 history users)`);
      await app.screenshot('policy_lab-1280x800-results');

      // The same policy, scenario, seed and months natively.
      await app.click('policy_lab.tab.policy');
      const policyFile = await download(app, 'policy_lab.export_policy');
      const exported = JSON.parse(fs.readFileSync(policyFile, 'utf8'));
      t.equal(exported.credit.cutoff, 620, 'the exported policy has the edited cutoff');
      const dbFile = path.join(tmpdir(), 'native-runs.sqlite');
      const cli = t.cli(['sim', 'run', '--policy', policyFile, '--scenario', 'baseline', '--users', '10000', '--months', '24',
        '--seed', '2015', '--db', dbFile, '--json', '--no-progress'], { json: true });
      t.equal(sorted(st.current.totals), sorted(cli.totals), 'every total of the browser run equals finlab sim run (decimal strings)');
      t.note(`approval ${st.current.totals.approval_rate}%, loss ${st.current.totals.loss_rate}%, net profit ¥${st.current.totals.net_profit} (CLI: ${cli.totals.approval_rate}%, ${cli.totals.loss_rate}%, ¥${cli.totals.net_profit})`);

      // Key numbers: test API and the ARIA mirror.
      const nums = await app.numbers();
      t.equal(nums['policy_lab.kpi.approval_rate'], `${cli.totals.approval_rate}%`, 'the approval-rate card shows the exact total');
      t.equal(nums['policy_lab.kpi.loss_rate'], `${cli.totals.loss_rate}%`, 'the loss-rate card shows the exact total');
      const mirror = await app.mirror();
      t.equal(mirror['policy_lab.kpi.net_profit'], nums['policy_lab.kpi.net_profit'], 'the ARIA mirror shows the net profit');
      t.check(/^-?¥[\d,]+\.\d\d$/.test(nums['policy_lab.kpi.net_profit']), `net profit shown in yuan: ${nums['policy_lab.kpi.net_profit']}`);

      // Explain this number.
      await app.click('policy_lab.tab.results');
      await app.click('policy_lab.kpi.approval_rate');
      t.equal((await app.state()).explaining, 'policy_lab.kpi.approval_rate', 'clicking a KPI opens its drill-down');
      await app.screenshot('policy_lab-1280x800-explain-approval');
      await app.click('explain.close');
      for (const c of ['approval', 'losses', 'profit', 'vintages', 'scores', 'fund']) {
        const w = (await app.widgets())[`policy_lab.chart.${c}`];
        t.check(!!w, `chart ${c} is drawn`);
      }

      // Reload: the run is still there, and the same seed again (scorecard
      // from the database) gives the same totals.
      await waitSynced(app);
      await app.reload();
      st = await lab(app);
      t.check(st.runs.length === 1 && st.runs[0].status === 'complete', `the run survives a reload: ${JSON.stringify(st.runs)}`);
      t.check(st.current && st.current.run_id === st.runs[0].run_id, 'the run shown before the reload is shown again');
      t.equal(sorted(st.current && st.current.totals), sorted(cli.totals), 'its totals read back from the browser database are unchanged');
      t.equal(st.policy.credit.cutoff, 620, 'the edited policy survives the reload');
      await app.click('tab.policy_lab');
      const r2 = await run(app, t);
      t.equal(sorted(r2.st.current.totals), sorted(cli.totals), 'a second run with the same seed (scorecard reused from the database) is identical');
      t.note(`second 10,000-user run (scorecard reused): ${r2.st.current.elapsed_ms} ms`);

      // A third run at another cutoff, compared with the first.
      await app.click('policy_lab.tab.policy');
      await app.type('policy_lab.f.cutoff', '660');
      await app.type('policy_lab.f.refer_from', '630');
      const r3 = await run(app, t);
      const third = r3.st.current;
      await app.click('policy_lab.tab.compare');
      await app.click('policy_lab.compare_a');
      await app.click('policy_lab.compare_a.0');
      await app.click('policy_lab.compare_b');
      await app.click('policy_lab.compare_b.2');
      st = await lab(app);
      t.require(st.compare, 'two runs are compared');
      t.equal([st.compare.a.run_id, st.compare.b.run_id], [st.runs[0].run_id, st.runs[2].run_id], 'A is the first run, B the third');
      const row = st.compare.rows.find((x) => x.name === 'booked_amount');
      const d = decDiff(cli.totals.booked_amount, third.totals.booked_amount);
      const expected = `${d.neg ? '-' : '+'}¥${d.abs.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;
      t.equal(row && row.diff, expected, 'the difference of the booked amounts is exact (B − A)');
      // Human labels, and each difference judged by the way the figure should move.
      t.equal(row && row.label, 'Amount lent', 'Compare shows a label, not the raw key');
      t.equal(row && row.judgement, d.neg ? -1 : (d.abs === '0.00' ? 0 : 1), 'more lending is judged better, less worse');
      const loss = st.compare.rows.find((x) => x.name === 'loss_rate');
      // A rate shows its 95% interval (docs/sim.md "Uncertainty of the figures"); a difference
      // inside both runs' noise (overlapping intervals) is marked and not judged.
      t.check(loss && /^\d+\.\d{4}% \[\d+\.\d{4}, \d+\.\d{4}\]/.test(loss.a), `the loss rate shows its interval: ${loss && loss.a}`);
      const li = cli.intervals.loss_rate;
      t.check(loss && loss.a.includes(`${cli.totals.loss_rate}% [${li.low}, ${li.high}]`), `A's loss-rate interval in wasm equals finlab sim run's (${li.low}, ${li.high}): ${loss && loss.a}`);
      const approval = st.compare.rows.find((x) => x.name === 'approval_rate');
      t.check(approval && /\[\d+\.\d{4}, \d+\.\d{4}\]/.test(approval.b), `the approval rate of B shows its interval: ${approval && approval.b}`);
      if (loss && / · within noise$/.test(loss.diff)) t.equal(loss.judgement, 0, 'a loss-rate difference within noise is not judged');
      else if (loss && loss.diff && /^[+-]/.test(loss.diff)) t.equal(loss.judgement, loss.diff[0] === '+' ? -1 : 1, 'a higher loss rate is judged worse');
      t.check(st.compare.rows.filter((x) => /within noise/.test(x.diff)).every((x) => x.judgement === 0), 'differences within noise are uncoloured');
      t.check(st.compare.rows.every((x) => x.label !== x.name), `every compared total has a label: ${st.compare.rows.filter((x) => x.label === x.name).map((x) => x.name).join(', ')}`);
      await app.screenshot('policy_lab-1280x800-compare');
      t.equal((await app.state()).errors, {}, 'no panel error');
    },
  },
  {
    name: 'policy lab: cutoff sweep equals finlab sim sweep; a native runs database opens by file picker and drag-and-drop',
    async run(t) {
      const app = await t.open({ hash: 'policy_lab' });
      await typeSetting(t, app, 'users', '3000');
      await typeSetting(t, app, 'months', '12');
      await typeSetting(t, app, 'seed', '7');
      await app.click('policy_lab.tab.sweep');
      await typeSetting(t, app, 'sweep_from', '560');
      await typeSetting(t, app, 'sweep_to', '680');
      await typeSetting(t, app, 'sweep_step', '40');
      await press(app, 'policy_lab.run_sweep');
      await waitIdle(app);
      let st = await lab(app);
      t.require(st.sweep, `the sweep finished: ${st.message}`);
      const cli = t.cli(['sim', 'sweep', '--cutoffs', '560:680:40', '--scenario', 'baseline', '--users', '3000', '--months', '12',
        '--seed', '7', '--json', '--no-progress'], { json: true });
      const keys = ['cutoff', 'efficient', 'approval_rate', 'loss_rate', 'net_profit', 'booked_amount', 'booked_count'];
      const pick = (p) => Object.fromEntries(keys.map((k) => [k, p[k]]));
      t.equal(st.sweep.points.map(pick), cli.points.map(pick), 'every sweep point (and the frontier) equals finlab sim sweep');
      t.check(st.sweep.points.some((p) => p.efficient), 'at least one cutoff is on the efficient frontier');
      await app.screenshot('policy_lab-1280x800-sweep');

      // Runs databases made natively.
      const dir = tmpdir();
      const dbA = path.join(dir, 'stress-runs.sqlite');
      const a = t.cli(['sim', 'run', '--scenario', 'mild-stress', '--users', '2000', '--months', '12', '--seed', '11', '--db', dbA,
        '--json', '--no-progress'], { json: true });
      const b = t.cli(['sim', 'run', '--scenario', 'severe-stress', '--users', '2000', '--months', '12', '--seed', '11', '--db', dbA,
        '--json', '--no-progress'], { json: true });
      await app.click('policy_lab.tab.runs');
      const [chooser] = await Promise.all([app.page.waitForEvent('filechooser', { timeout: 10000 }), app.click('policy_lab.open_db')]);
      await chooser.setFiles(dbA);
      await app.page.waitForFunction(() => window.finlab.state().panels.policy_lab.opened, null, { timeout: 15000 });
      await app.settled();
      st = await lab(app);
      t.equal(st.opened.name, 'stress-runs.sqlite', 'the file picked is open');
      t.equal(st.opened.runs.map((r) => [r.run_id, r.status, r.scenario]), [[a.run_id, 'complete', 'mild-stress'], [b.run_id, 'complete', 'severe-stress']],
        'both native runs are listed');
      t.check(st.current && st.current.source === 'opened' && st.current.run_id === b.run_id, 'the newest opened run is shown');
      t.equal(sorted(st.current && st.current.totals), sorted(b.totals), 'its totals are what finlab sim run printed');
      await app.click(`policy_lab.tab.runs`);
      await app.screenshot('policy_lab-1280x800-opened-db');
      await app.click(`policy_lab.view.i${a.run_id}`);
      st = await lab(app);
      t.equal(sorted(st.current && st.current.totals), sorted(a.totals), 'the other opened run charts with its own totals');
      await app.screenshot('policy_lab-1280x800-opened-run');

      // Drag-and-drop a second database (one run, baseline) onto the page.
      const dbB = path.join(dir, 'dropped.sqlite');
      const c = t.cli(['sim', 'run', '--users', '1500', '--months', '6', '--seed', '3', '--db', dbB, '--json', '--no-progress'], { json: true });
      const b64 = fs.readFileSync(dbB).toString('base64');
      await app.page.evaluate(({ b64, name }) => {
        const bin = atob(b64);
        const bytes = new Uint8Array(bin.length);
        for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
        const dt = new DataTransfer();
        dt.items.add(new File([bytes], name, { type: 'application/vnd.sqlite3' }));
        const canvas = document.getElementById('canvas');
        canvas.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
        canvas.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
      }, { b64, name: 'dropped.sqlite' });
      await app.page.waitForFunction(() => (window.finlab.state().panels.policy_lab.opened || {}).name === 'dropped.sqlite', null, { timeout: 15000 });
      await app.settled();
      st = await lab(app);
      t.equal(sorted(st.current && st.current.totals), sorted(c.totals), 'a dropped runs database opens and its run equals the CLI');

      // Something that is not a runs database is refused with a message.
      await app.page.evaluate(() => {
        const dt = new DataTransfer();
        dt.items.add(new File([new Uint8Array([1, 2, 3, 4])], 'notes.bin'));
        document.getElementById('canvas').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
      });
      await app.page.waitForFunction(() => /notes\.bin/.test(window.finlab.state().panels.policy_lab.message), null, { timeout: 10000 });
      st = await lab(app);
      t.check(st.message_error, `a file that is neither SQLite nor JSON is refused: ${st.message}`);
      t.equal((await app.state()).errors, {}, 'no panel error');
    },
  },
  {
    name: 'policy lab: readable results — event counts, run names, swap matrix and score drift equal the CLI, CSV export, 中文 with nothing untranslated',
    async run(t) {
      const app = await t.open({ hash: 'policy_lab' });
      await typeSetting(t, app, 'users', '3000');
      await typeSetting(t, app, 'months', '12');
      await typeSetting(t, app, 'seed', '11');
      await run(app, t);
      let st = await lab(app);
      t.require(st.current, `the run finished: ${st.message}`);
      const dir = tmpdir();
      const db = path.join(dir, 'runs.sqlite');
      const cli = t.cli(['sim', 'run', '--users', '3000', '--months', '12', '--seed', '11', '--db', db, '--json', '--no-progress'], { json: true });
      t.equal(sorted(st.current.totals), sorted(cli.totals), 'the browser run equals finlab sim run (totals)');
      const show = t.cli(['sim', 'show', String(cli.run_id), '--db', db, '--json'], { json: true });
      t.equal(sorted(st.current.analyses), sorted(show.analyses), 'its analyses (value of data, swap cells, history) equal finlab sim show --json');

      // A name that tells runs apart: policy, time and seed.
      t.check(/baseline-2015 · \d{4}-\d\d-\d\d \d\d:\d\d · seed 11$/.test(st.current.display_name),
        `the run is named by policy, time and seed: ${st.current.display_name}`);

      // Event counts under the rates, and the few-events mark.
      const k = st.current.kpis;
      // Loans booked on an application (draws on an open line are not applications), then the 95% interval.
      const onApplication = Number(cli.totals.booked_count) - Number(cli.totals.repeat_draws);
      t.check(k['policy_lab.kpi.approval_rate'].basis.startsWith(`${fmtInt(onApplication)} loans booked / ${fmtInt(cli.totals.applicants)} applications · 95% interval `),
        `the approval rate shows the loans and applications it rests on, and its interval: ${k['policy_lab.kpi.approval_rate'].basis}`);
      t.equal(k['policy_lab.kpi.loss_rate'].few, Number(cli.totals.chargeoff_count) < 30,
        `the loss rate is marked "few events" exactly when fewer than 30 loans were charged off (${cli.totals.chargeoff_count})`);
      t.equal(k['policy_lab.kpi.approval_rate'].few, onApplication < 30, 'the approval rate mark follows its loan count');
      t.check(k['policy_lab.kpi.net_profit'].basis === '' && !k['policy_lab.kpi.net_profit'].few, 'an amount is not a rate of events: no count, no mark');

      // The swap-in / swap-out matrix: every cell equals the CLI's analyses.
      await app.click('policy_lab.analyses');
      await app.widget('policy_lab.swap_matrix');
      st = await lab(app);
      const swap = st.current.tables.swap;
      t.equal(swap.rows, swapRowsFromCli(show.analyses, ['approves', 'declines', 'total']), 'the swap matrix (users, expected bad rate, bads, observed bad rate, totals) equals finlab sim show --json');
      t.equal(swap.rows[8][2], fmtInt(show.analyses.population), 'the matrix covers the whole population');
      t.equal(st.current.tables.value_of_data.rows.map((r) => r[1]), [show.analyses.behaviour_cutoff, show.analyses.application_cutoff], 'value of data: the two cutoffs');
      await app.screenshot('policy_lab-1280x800-swap');

      // CSV of the swap matrix: downloaded, exactly the table, formula cells neutralised.
      const swapFile = await download(app, 'policy_lab.csv.swap');
      const swapCsv = fs.readFileSync(swapFile, 'utf8');
      t.equal(path.basename(swapFile), 'policy_lab_swap.csv', 'the CSV is named after its table');
      t.equal(swapCsv, csvOf(swap), 'the downloaded CSV is the swap table, cell for cell');
      t.equal(swapCsv.split('\r\n').length - 2, 9, 'nine rows: four cells and five totals');

      // Score drift: PSI by month equals the psi column of finlab sim run; CSI equals finlab score monitor.
      await app.click('policy_lab.drift');
      await app.widget('policy_lab.drift_verdict');
      st = await lab(app);
      const drift = st.current.drift;
      t.require(drift && drift.months.length === 12, `the drift view has 12 months: ${JSON.stringify(drift && drift.error)}`);
      t.equal(drift.months.map((m) => m.psi), show.months_detail.map((m) => m.psi), 'score PSI by month equals the psi column of finlab sim show --json');
      t.equal(drift.months.map((m) => m.verdict), drift.months.map((m) => verdictOf(Number(m.psi))), 'each month is judged by the monitoring thresholds (0.1, 0.25)');
      const card = path.join(dir, 'card.json');
      cardFromDb(t, db, cli.run_id, card);
      const pop = path.join(dir, 'population.csv');
      t.cli(['score', 'generate', '--users', '3000', '--seed', '11', '--out', pop]);
      const mon = t.cli(['score', 'monitor', '--model', card, '--data', pop, '--by', 'none', '--json'], { json: true });
      const all = mon.periods.find((p) => p.period === 'all');
      t.equal(drift.features.map((f) => f.name), all.features.map((f) => f.name), 'CSI for every card feature, in the card\'s order');
      const far = drift.features.filter((f, i) => Math.abs(Number(f.csi) - all.features[i].csi) > 1e-6);
      t.check(far.length === 0, `every CSI equals finlab score monitor --json (±1e-6): ${far.map((f) => f.name).join(', ')}`);
      t.equal(drift.features.map((f) => f.verdict), all.features.map((f) => f.verdict), 'every feature verdict equals finlab score monitor');
      t.check(Math.abs(Number(drift.population.score_psi) - all.score_psi) <= 1e-6, `population score PSI ${drift.population.score_psi} equals finlab score monitor ${all.score_psi}`);
      t.note(`drift: month PSI ${drift.months.map((m) => m.psi).join(' ')}; largest CSI ${Math.max(...all.features.map((f) => f.csi)).toFixed(4)}`);
      const months = await download(app, 'policy_lab.csv.drift_months');
      t.equal(fs.readFileSync(months, 'utf8'), csvOf(st.current.tables.drift_months), 'the drift months download as CSV');
      await app.screenshot('policy_lab-1280x800-drift');

      // A second run of an edited policy gets its own name; Compare's CSV neutralises signed differences.
      await app.click('policy_lab.tab.policy');
      await app.type('policy_lab.f.name', 'promo-A');
      await app.type('policy_lab.f.cutoff', '640');
      await run(app, t);
      st = await lab(app);
      t.check(/promo-A · .* · seed 11$/.test(st.current.display_name), `the edited policy's run is named after it: ${st.current.display_name}`);
      await app.click('policy_lab.tab.compare');
      await app.click('policy_lab.compare_a');
      await app.click('policy_lab.compare_a.0');
      await app.click('policy_lab.compare_b');
      await app.click('policy_lab.compare_b.1');
      st = await lab(app);
      t.require(st.compare, 'two runs are compared');
      const cmpFile = await download(app, 'policy_lab.csv.compare');
      const cmpLines = fs.readFileSync(cmpFile, 'utf8').replace(/^\uFEFF/, '').split('\r\n').filter((x) => x);
      t.equal(cmpLines.length, st.compare.rows.length + 1, 'the Compare CSV has a header and a line per total');
      const signed = st.compare.rows.filter((r) => /^[+-]/.test(r.diff));
      t.check(signed.length > 0, `some differences are signed (${signed.length})`);
      const risky = cmpLines.slice(1).filter((l) => l.split(',').some((c) => /^"?[=+\-@]/.test(c)));
      t.equal(risky, [], 'no CSV cell starts with = + - @ (formula injection neutralised)');
      t.check(cmpLines.slice(1).every((l, i) => l.startsWith(csvCell(st.compare.rows[i].label))), 'each CSV line starts with the human label');
      t.check(cmpLines.every((l) => !/\b[a-z]+_[a-z_]+\b/.test(l)), 'no raw total names (like booked_count) in the CSV');

      // 中文: every Policy lab state visited has no untranslated string, labels included.
      await app.click('lang.zh');
      for (const sub of ['results', 'compare', 'sweep', 'runs', 'policy', 'results']) await app.click(`policy_lab.tab.${sub}`);
      await app.widget('policy_lab.swap_matrix');
      await app.widget('policy_lab.drift_verdict');
      await app.click('policy_lab.all_totals');
      await app.screenshot('policy_lab-zh-1280x800-results');
      st = await lab(app);
      t.check(st.current.tables.swap.rows.every((r) => !/[A-Za-z]/.test(r[0] + r[1])), `the swap matrix reads in Chinese: ${st.current.tables.swap.rows[0].slice(0, 2)}`);
      t.check(st.current.tables.drift_features.rows.every((r) => !/_/.test(r[0])), 'features are named, not keyed, in the drift table');
      await app.click('policy_lab.tab.compare');
      await app.screenshot('policy_lab-zh-1280x800-compare');
      const zhCmp = await download(app, 'policy_lab.csv.compare');
      t.check(/放款金额/.test(fs.readFileSync(zhCmp, 'utf8')), 'the Compare CSV carries the Chinese labels in 中文');
      const whole = await app.state();
      t.equal(whole.untranslated, [], 'no untranslated strings in the Policy lab states visited (English and 中文)');
      t.equal(whole.errors, {}, 'no panel error');
    },
  },
  {
    name: 'policy lab: phone 390x844 layout',
    async run(t) {
      const app = await t.open({ width: 390, height: 844, dpr: 3, touch: true, hash: 'policy_lab' });
      let st = await app.state();
      t.equal(st.tab, 'policy_lab', 'the URL opens the Policy lab');
      t.check(st.compact, 'phone layout');
      await app.screenshot('policy_lab-390x844-policy');
      await app.type('policy_lab.users', '2000');
      await app.type('policy_lab.months', '12');
      const c = await app.center('policy_lab.run');
      await app.page.touchscreen.tap(c.x, c.y);
      await waitIdle(app);
      st = await app.state();
      t.check(LAB(st).current && LAB(st).current.users === 2000, `a tap on Run runs 2,000 users: ${LAB(st).message}`);
      await app.screenshot('policy_lab-390x844-results');
      // The analyses and the drift view on a phone, in English and 中文. The
      // wheel does not scroll a touch page: focusing a header's accessible
      // control brings it into view, then a tap opens it.
      for (const [label, name, shot] of [['Value of behaviour data and swap-in / swap-out', 'policy_lab.analyses', 'swap'], ['Score drift (monitoring)', 'policy_lab.drift', 'drift']]) {
        t.require(await reveal(app, label), `the header "${label}" is in the accessible layer`);
        await app.tap(name);
        await app.screenshot(`policy_lab-390x844-${shot}`);
      }
      const csv = (await app.widgets())['policy_lab.csv.drift_months'];
      t.check(csv && csv.h >= 43.5, `the CSV button is a 44 px touch target on a phone (${csv && csv.h.toFixed(1)} px)`);
      await app.tap('lang.zh');
      t.check(await reveal(app, '评分漂移（监控）'), 'the drift header reads in Chinese');
      await app.screenshot('policy_lab-zh-390x844-drift');
      t.check(await reveal(app, '行为数据的价值与换入/换出'), 'the analyses header reads in Chinese');
      await app.screenshot('policy_lab-zh-390x844-swap');
      st = await app.state();
      t.equal(st.errors, {}, 'no panel error');
    },
  },
];
