// formulajs peer of the loan benchmark (npm @formulajs/formulajs, pinned in
// package-lock.json). Reads DIR/irr_flows.txt and DIR/schedules.txt (fen
// integers) and times formulajs IRR (default guess) and PMT in node, writing
// DIR/formulajs_irr.{irr,time} and DIR/formulajs_pmt.{pmt,time}. Timing uses
// process.cpuUsage() (user + system CPU time), best of three.
'use strict';
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..', '..');
const formulajs = require(path.join(root, 'node_modules', '@formulajs', 'formulajs', 'lib', 'cjs', 'index.cjs'));

const dir = process.argv[2];
const maxIrr = Number(process.argv[3] || 50000);
if (!dir) {
  console.error('usage: node formulajs_peer.js DIR [max_irr_inputs]');
  process.exit(2);
}

function cpuSeconds() {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}
function bestOfThree(f) {
  let best = Infinity;
  for (let rep = 0; rep < 3; ++rep) {
    const t0 = cpuSeconds();
    f();
    best = Math.min(best, cpuSeconds() - t0);
  }
  return best;
}

// IRR
const lines = fs.readFileSync(path.join(dir, 'irr_flows.txt'), 'utf8').split('\n');
const n = Math.min(Number(lines[0]), maxIrr);
const flows = [];
for (let k = 1; k <= n; ++k) {
  const parts = lines[k].trim().split(' ').map(Number);
  flows.push(parts.slice(1).map((fen) => fen / 100));
}
const irr = new Array(n);
const tIrr = bestOfThree(() => {
  for (let k = 0; k < n; ++k) irr[k] = formulajs.IRR(flows[k]);
});
fs.writeFileSync(path.join(dir, 'formulajs_irr.irr'),
  irr.map((v) => (typeof v === 'number' && Number.isFinite(v) ? v.toPrecision(17) : 'nan')).join('\n') + '\n');
fs.writeFileSync(path.join(dir, 'formulajs_irr.time'), String(n / tIrr) + '\n');
console.log(`  formulajs IRR                      ${(n / tIrr).toFixed(0).padStart(10)} solves/s over ${n} inputs`);

// PMT of the 12-period schedules (annual rate / 12)
const s = fs.readFileSync(path.join(dir, 'schedules.txt'), 'utf8').split('\n');
const m = Number(s[0]);
const rate = new Float64Array(m), pv = new Float64Array(m);
for (let k = 0; k < m; ++k) {
  const [p, r] = s[k + 1].split(' ').map(Number);
  pv[k] = p / 100;
  rate[k] = r / 1e10 / 12;
}
const pmt = new Float64Array(m);
const tPmt = bestOfThree(() => {
  for (let k = 0; k < m; ++k) pmt[k] = formulajs.PMT(rate[k], 12, pv[k]);
});
fs.writeFileSync(path.join(dir, 'formulajs_pmt.pmt'), Array.from(pmt, (v) => v.toPrecision(17)).join('\n') + '\n');
fs.writeFileSync(path.join(dir, 'formulajs_pmt.time'), String(m / tPmt) + '\n');
console.log(`  formulajs PMT                      ${(m / tPmt).toFixed(0).padStart(10)} payments/s over ${m} loans`);
