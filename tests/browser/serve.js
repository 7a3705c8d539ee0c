#!/usr/bin/env node
// Static server for the built site (build/web): correct MIME types (.wasm must
// be application/wasm for streaming compilation), gzip when the client accepts
// it, no caching, 127.0.0.1 only. No backend: the page does all its work in wasm.
//
//   node tests/browser/serve.js <site_dir> <port>     (./dev demo; Ctrl-C stops)
//   require('./serve').start(dir, port) -> Promise<{url, port, close()}>  (tests)
'use strict';
const http = require('http');
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.data': 'application/octet-stream',
  '.json': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.sqlite': 'application/vnd.sqlite3',
};

function start(siteDir, port, opts = {}) {
  const root = path.resolve(siteDir);
  const gzCache = new Map();
  const log = opts.log || (() => {});
  const server = http.createServer((req, res) => {
    let urlPath;
    try {
      urlPath = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch (e) {
      res.writeHead(400).end('bad request');
      return;
    }
    if (urlPath.endsWith('/')) urlPath += 'index.html';
    const file = path.resolve(root, '.' + urlPath);
    if (!file.startsWith(root + path.sep) && file !== root) {
      res.writeHead(403).end('forbidden');
      return;
    }
    fs.stat(file, (err, st) => {
      if (err || !st.isFile()) {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found: ' + urlPath);
        log(`404 ${urlPath}`);
        return;
      }
      const type = MIME[path.extname(file).toLowerCase()] || 'application/octet-stream';
      const headers = { 'Content-Type': type, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' };
      const wantsGzip = /\bgzip\b/.test(req.headers['accept-encoding'] || '') && !/^image\/png/.test(type);
      if (wantsGzip) {
        const key = `${file}:${st.mtimeMs}:${st.size}`;
        let body = gzCache.get(key);
        if (!body) {
          body = zlib.gzipSync(fs.readFileSync(file), { level: 9 });
          gzCache.set(key, body);
        }
        headers['Content-Encoding'] = 'gzip';
        headers['Content-Length'] = body.length;
        headers['Vary'] = 'Accept-Encoding';
        res.writeHead(200, headers);
        res.end(req.method === 'HEAD' ? undefined : body);
      } else {
        headers['Content-Length'] = st.size;
        res.writeHead(200, headers);
        if (req.method === 'HEAD') res.end();
        else fs.createReadStream(file).pipe(res);
      }
      log(`200 ${urlPath}`);
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const actual = server.address().port;
      resolve({
        url: `http://127.0.0.1:${actual}/`,
        port: actual,
        close: () => new Promise((r) => { server.closeAllConnections && server.closeAllConnections(); server.close(() => r()); }),
      });
    });
  });
}

function usage(msg) {
  process.stderr.write(`serve.js: ${msg}\nusage: node tests/browser/serve.js <site_dir> <port>\n`);
  process.exit(2);
}

if (require.main === module) {
  const [dir, portText] = process.argv.slice(2);
  if (!dir || portText === undefined) usage('needs a site folder and a port');
  if (!/^\d+$/.test(portText) || Number(portText) < 1 || Number(portText) > 65535) {
    usage(`port must be a number from 1 to 65535, got '${portText}'`);
  }
  if (!fs.existsSync(path.join(dir, 'index.html'))) {
    process.stderr.write(`serve.js: ${path.join(dir, 'index.html')} not found (run ./dev build first)\n`);
    process.exit(1);
  }
  start(dir, Number(portText))
    .then((s) => {
      process.stdout.write(`finlab is being served at ${s.url}  (Ctrl-C to stop)\n`);
      const stop = () => { s.close().then(() => process.exit(0)); setTimeout(() => process.exit(0), 500).unref(); };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    })
    .catch((e) => {
      const why = e.code === 'EADDRINUSE' ? `port ${portText} is already in use (choose another with --port)`
        : e.code === 'EACCES' ? `no permission to listen on port ${portText} (ports below 1024 need root; choose another with --port)`
        : e.message;
      process.stderr.write(`serve.js: cannot serve on 127.0.0.1:${portText}: ${why}\n`);
      process.exit(1);
    });
}

module.exports = { start, MIME };
