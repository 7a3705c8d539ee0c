// Without WebAssembly or WebGL2 the page says so in words instead of failing silently.
'use strict';

async function fatalText(app) {
  await app.page.waitForSelector('#fatal:not([hidden])', { timeout: 10000 });
  return app.page.textContent('#fatal-text');
}

module.exports = [
  {
    name: 'fallback: a readable message when WebGL2 is unavailable',
    async run(t) {
      const app = await t.open({
        noGoto: true,
        init: () => {
          const orig = HTMLCanvasElement.prototype.getContext;
          HTMLCanvasElement.prototype.getContext = function (type, ...rest) {
            return type === 'webgl2' ? null : orig.call(this, type, ...rest);
          };
        },
      });
      await app.page.goto(app.url);
      const text = await fatalText(app);
      t.check(/WebGL2/.test(text), `message names WebGL2: ${text}`);
      t.check(!(await app.page.$('#loading')), 'loading indicator removed');
      await app.page.screenshot({ path: require('path').join(t.artifacts, 'fallback-no-webgl2.png') });
    },
  },
  {
    name: 'fallback: a readable message when WebAssembly is unavailable',
    async run(t) {
      const app = await t.open({ noGoto: true, init: () => { delete window.WebAssembly; } });
      await app.page.goto(app.url);
      const text = await fatalText(app);
      t.check(/WebAssembly/.test(text), `message names WebAssembly: ${text}`);
    },
  },
];
