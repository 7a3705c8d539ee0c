// Serves a built site and launches headless Debian Chromium with the flags
// TOOLCHAIN.md lists for WebGL2 on software rendering (SwiftShader). Shared by
// the browser tests (tests/browser/run.js) and tools/screens.js. Throws an
// Error whose message says what is missing and how to install it.
'use strict';
const fs = require('fs');
const path = require('path');
const { start } = require('../serve');

const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--use-gl=angle', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
];
const CHROMIUM = process.env.FINLAB_CHROMIUM || '/usr/bin/chromium';

async function launchSite(site) {
  if (!fs.existsSync(path.join(site, 'index.html'))) throw new Error(`${site}/index.html not found: build the web app first (./dev build)`);
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: apt-get install chromium (or set FINLAB_CHROMIUM)`);
  let playwright;
  try {
    playwright = require('playwright-core');
  } catch (e) {
    throw new Error('playwright-core is not installed: run ./dev setup (npm ci)');
  }
  const server = await start(site, 0);
  const browser = await playwright.chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  return { server, browser };
}

module.exports = { launchSite };
