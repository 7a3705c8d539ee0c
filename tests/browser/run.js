#!/usr/bin/env node
// Browser end-to-end tests: serves the built site, drives headless Debian
// Chromium through playwright-core, runs every flow in tests/browser/flows/.
// Each flow clicks real widgets (positions from window.finlab), fails on any
// console error, page error or failed request, and saves screenshots under
// build/test-artifacts/. Exit status 1 if any flow fails.
//
//   node tests/browser/run.js [--site build/web] [--only NAME] [--cli build/bin/finlab]
//                             [--artifacts build/test-artifacts] [--list]
'use strict';
const fs = require('fs');
const path = require('path');
const { launchSite } = require('./lib/launch');
const { TestContext, TestFailure } = require('./lib/harness');

const ROOT = path.resolve(__dirname, '..', '..');

function parseArgs(argv) {
  const o = {
    site: path.join(ROOT, 'build', 'web'),
    artifacts: path.join(ROOT, 'build', 'test-artifacts'),
    cli: process.env.FINLAB_CLI || [path.join(ROOT, 'build', 'bin', 'finlab'), path.join(ROOT, 'build', 'h-web', 'bin', 'finlab')].find((p) => fs.existsSync(p)) || path.join(ROOT, 'build', 'bin', 'finlab'),
    only: null,
    list: false,
    timeout: 180000,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => {
      if (i + 1 >= argv.length) die(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--site') o.site = path.resolve(val());
    else if (a === '--artifacts') o.artifacts = path.resolve(val());
    else if (a === '--cli') o.cli = path.resolve(val());
    else if (a === '--only') o.only = val();
    else if (a === '--timeout') o.timeout = Number(val()) * 1000;
    else if (a === '--list') o.list = true;
    else if (a === '-h' || a === '--help') {
      process.stdout.write(fs.readFileSync(__filename, 'utf8').split('\n').slice(1, 10).join('\n') + '\n');
      process.exit(0);
    } else die(`unknown argument ${a}`);
  }
  return o;
}

function die(msg) {
  process.stderr.write(`run.js: ${msg}\n`);
  process.exit(2);
}

function loadFlows() {
  const dir = path.join(__dirname, 'flows');
  const flows = [];
  for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.js')).sort()) {
    const mod = require(path.join(dir, f));
    for (const flow of Array.isArray(mod) ? mod : [mod]) flows.push({ ...flow, file: f });
  }
  return flows;
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  let flows = loadFlows();
  if (o.only) flows = flows.filter((f) => f.name.includes(o.only) || f.file.includes(o.only));
  if (o.list) {
    flows.forEach((f) => process.stdout.write(`${f.name}  (${f.file})  ${f.description || ''}\n`));
    return 0;
  }
  if (!flows.length) die(`no flow matches '${o.only}'`);
  fs.mkdirSync(o.artifacts, { recursive: true });
  let server, browser;
  try {
    ({ server, browser } = await launchSite(o.site));
  } catch (e) {
    die(e.message);
  }
  const results = [];
  for (const flow of flows) {
    const t = new TestContext({ browser, url: server.url, artifacts: o.artifacts, cli: o.cli, name: flow.name, siteDir: o.site });
    const t0 = Date.now();
    let error = null;
    try {
      await Promise.race([
        flow.run(t),
        // A flow may ask for more time than the default (flow.timeout, ms; --timeout raises both).
        new Promise((_, rej) => { const ms = Math.max(o.timeout, flow.timeout || 0); setTimeout(() => rej(new TestFailure(`timed out after ${ms / 1000} s`)), ms).unref(); }),
      ]);
    } catch (e) {
      error = e instanceof TestFailure ? e.message : (e && e.stack) || String(e);
    }
    await t.close();
    if (error) t.failures.unshift(error);
    const ms = Date.now() - t0;
    const ok = t.failures.length === 0;
    results.push({ name: flow.name, ok, ms, failures: t.failures });
    process.stdout.write(`${ok ? 'PASS' : 'FAIL'}  ${flow.name}  (${(ms / 1000).toFixed(1)} s)\n`);
    for (const n of t.notes) process.stdout.write(`      ${n}\n`);
    for (const f of t.failures) process.stdout.write(`      - ${f.split('\n').join('\n        ')}\n`);
  }
  await browser.close();
  await server.close();
  const failed = results.filter((r) => !r.ok);
  process.stdout.write(`\nbrowser tests: ${results.length - failed.length} passed, ${failed.length} failed, ${results.length} total` +
    ` (screenshots in ${path.relative(process.cwd(), o.artifacts) || o.artifacts})\n`);
  return failed.length ? 1 : 0;
}

main().then((code) => process.exit(code), (e) => {
  process.stderr.write(`run.js: ${e && e.stack ? e.stack : e}\n`);
  process.exit(1);
});
