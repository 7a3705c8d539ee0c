// English and 简体中文 switch at run time; every string drawn through the
// translation table has a Chinese entry (finlab.state().untranslated is empty
// after visiting every tab and drill-down in both languages).
'use strict';
const { ANSWERS, assess } = require('../lib/suitability');

const TABS = ['wallet', 'loans', 'credit', 'policy_lab', 'portfolio', 'securities'];
// Latin words that are names or symbols in Chinese text too.
const LATIN_OK = new Set(['TWR', 'MWR', 'APR', 'EAR', 'IRR', 'PD', 'AUM', 'PSI', 'GARCH', 'CSV', 'JSON', 'English', 'finlab', 'wasm',
  'WoE', 'IV', 'KS', 'AUC', 'LPR', 'PBOC', 'SSE', 'SZSE', 'NAV', 'T', 'A', 'B', 'C', 'D', 'E', 'XIRR', 'sim', 'json', 'p5', 'p25', 'p50', 'p75', 'p95', 'pp']);

// English words left in what the accessible layer says in 中文 mode: control
// labels, key-number labels and values, announced messages.
async function englishLeft(app) {
  const texts = await app.page.evaluate(() => {
    const out = window.finlab.controls().map((c) => c.label + (c.value ? ' ' + c.value : ''));
    document.querySelectorAll('#a11y-numbers p, #a11y-status, #a11y-alert').forEach((el) => out.push(el.textContent));
    return out;
  });
  const bad = new Set();
  for (const s of texts) {
    for (const w of s.match(/[A-Za-z][A-Za-z]{2,}/g) || []) if (!LATIN_OK.has(w)) bad.add(`${w} (in "${s.slice(0, 60)}")`);
  }
  return [...bad];
}

// English words in sentences the core says (catalog messages) shown in 中文.
function englishIn(label, texts) {
  const bad = [];
  for (const s of texts) {
    for (const w of String(s).match(/[A-Za-z][A-Za-z]{2,}/g) || []) if (!LATIN_OK.has(w)) bad.push(`${label}: ${w} (in "${String(s).slice(0, 80)}")`);
    // ASCII punctuation next to Chinese ("(640). 最多").
    if (/[\u4e00-\u9fff][(),;:]|[(),;:][\u4e00-\u9fff]|\. [\u4e00-\u9fff]/.test(s)) bad.push(`${label}: ASCII punctuation in "${String(s).slice(0, 80)}"`);
  }
  return bad;
}

const sentences = {
  name: 'i18n: order timing notes, refusals, money in transit, reasons and counterfactuals in 中文',
  async run(t) {
    const app = await t.open();
    await app.click('lang.zh');
    await app.click('tab.wallet');
    // A deposit on a holiday (National Day), then a normal redemption and a refused fast one.
    await app.type('wallet.goto_input', '2015-10-01 10:00');
    await app.type('wallet.amount', '10000');
    await app.click('wallet.deposit');
    await app.type('wallet.goto_input', '2015-10-09 14:00');
    await app.type('wallet.amount', '1000');
    await app.click('wallet.redeem');
    let st = (await app.state()).panels.wallet;
    t.equal(st.orders.map((o) => o.accepted), [true, true], 'the deposit and the redemption are accepted');
    t.check(/国庆节/.test(st.orders[0].reason_text), `the holiday is named in Chinese: ${st.orders[0].reason_text}`);
    t.check(/周末/.test(st.orders[1].reason_text), `the weekend before T+1 is named: ${st.orders[1].reason_text}`);
    const nums = await app.numbers();
    t.check(/^¥1,000\.00$/.test(nums['wallet.in_transit'] || ''), `转出中 shows the redemption in transit: ${nums['wallet.in_transit']}`);
    t.equal(st.orders[1].funds_available_on, '2015-10-12', 'the cash of a Friday-before-15:00 redemption arrives on Monday, after the weekend');
    await app.screenshot('i18n-zh-1280x800-wallet-transit');
    await app.type('wallet.amount', '999999');
    await app.click('wallet.redeem_fast');
    st = (await app.state()).panels.wallet;
    t.check(st.orders.length === 3 && !st.orders[2].accepted, 'an oversized fast redemption is refused');
    // (orders[].refusal in the state is the core's English, as the CLI prints it; the panel shows st.message.)
    const bad = englishIn('wallet', [...st.orders.map((o) => o.reason_text || ''), st.message]);
    t.check(/转出/.test(st.message), `the refusal is shown in Chinese: ${st.message}`);
    t.check(bad.length === 0, `wallet sentences in 中文: ${bad.slice(0, 6).join('; ')}`);

    await app.click('tab.credit');
    await app.page.waitForFunction(() => window.finlab.state().panels.credit.score !== undefined, null, { timeout: 120000 });
    await app.settled();
    for (const c of ['device', 'location', 'app_usage', 'consumption']) {
      if (!(await app.state()).panels.credit.consent.includes(c)) await app.click(`credit.consent.${c}`);
    }
    const cr = (await app.state()).panels.credit;
    t.check(cr.reason_texts.length > 0, `reasons shown (${cr.reason_texts.length})`);
    t.check(cr.counterfactual_texts.length > 0 || cr.counterfactual.already_top, `counterfactual changes shown (${cr.counterfactual_texts.length})`);
    const cbad = englishIn('credit', [...cr.reason_texts, ...cr.counterfactual_texts]);
    t.check(cbad.length === 0, `credit sentences in 中文: ${cbad.slice(0, 6).join('; ')}`);
    t.note(`reason: ${cr.reason_texts[0]}; change: ${cr.counterfactual_texts[0]}`);
    await app.screenshot('i18n-zh-1280x800-credit-reasons');

    // Portfolio: a plan parser error, the plan names and every transaction note of a run, in Chinese.
    await app.click('tab.portfolio');
    await assess(app, 'portfolio.suit', ANSWERS.c5);
    await app.type('portfolio.invest_amount', '-5');
    let pf = (await app.state()).panels.portfolio;
    t.check(/regular_investments\[0\]\.amount：必须大于零/.test(pf.plan_error), `the parser's error is in Chinese, with its JSON path: ${pf.plan_error}`);
    const ebad = englishIn('portfolio error', [pf.plan_error.replace(/^\$[\w.[\]]+/, '')]);
    t.check(ebad.length === 0, `plan error in 中文: ${ebad.join('; ')}`);
    await app.screenshot('i18n-zh-1280x800-portfolio-error');
    await app.type('portfolio.invest_amount', '1000');
    await app.click('portfolio.plan');
    await app.click('portfolio.plan.1');  // rebalancing: allocation, rebalance sells and buys, moved 定投
    pf = (await app.state()).panels.portfolio;
    t.equal(pf.plan_error, '', 'the plan is valid again');
    const nbad = englishIn('plan names', pf.plan_names);
    t.check(pf.plan_names.length === 2 && nbad.length === 0, `plan names in 中文: ${pf.plan_names.join(' | ')} ${nbad.join('; ')}`);
    await app.type('portfolio.paths', '60');
    await app.type('portfolio.years', '3');
    await app.click('portfolio.run');
    await app.page.waitForFunction(() => { const p = window.finlab.state().panels.portfolio; return p.result && !p.running; }, null, { timeout: 120000 });
    await app.settled();
    const notes = (await app.state()).panels.portfolio.result.notes;
    t.check(notes.length > 5, `transaction notes shown (${notes.length})`);
    t.check(notes.some((n) => /份额/.test(n)) && notes.some((n) => /再平衡|初始配置/.test(n)), 'buys and rebalancing are among them');
    const pbad = englishIn('portfolio notes', notes);
    t.check(pbad.length === 0, `transaction notes in 中文: ${pbad.slice(0, 6).join('; ')}`);
    t.note(`note: ${notes.find((n) => /份额/.test(n))}`);
    await app.screenshot('i18n-zh-1280x800-portfolio-notes');
    t.equal((await app.state()).untranslated, [], 'no untranslated strings in these states');
  },
};


// Drops a file on the canvas (the page opens it like a picked file).
async function dropFile(app, name, text) {
  await app.page.evaluate(({ name, text }) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], name));
    document.getElementById('canvas').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, { name, text });
  await app.page.waitForFunction((n) => window.finlab.state().panels.policy_lab.message.includes(n), name, { timeout: 10000 });
  await app.settled();
}

// Replaces the text of a multi-line field (Enter would add a line).
async function typeMultiline(app, name, text) {
  const frame = () => app.page.evaluate(() => window.finlab.frames(1));
  await app.click(name);
  await app.page.keyboard.press('Control+A');
  await frame();
  await app.page.keyboard.press('Backspace');
  await frame();
  const cdp = await app.context.newCDPSession(app.page);
  await cdp.send('Input.insertText', { text });
  await frame();
}

const errors = {
  name: 'i18n: JSON syntax errors, policy mistakes, plan parser reasons, wallet input errors and refusals in 中文, re-rendered after a language switch; credit bins in words',
  async run(t) {
    const app = await t.open();
    // Wallet: a refusal said in English follows a switch to 中文, and back.
    await app.click('tab.wallet');
    await app.type('wallet.amount', '999999');
    await app.click('wallet.redeem');
    let st = (await app.state()).panels.wallet;
    t.check(/^Refused: redeeming/.test(st.message), `refused in English: ${st.message}`);
    await app.click('lang.zh');
    st = (await app.state()).panels.wallet;
    let bad = englishIn('wallet refusal', [st.message]);
    t.check(/^已拒绝：转出/.test(st.message) && bad.length === 0, `the same refusal in 中文 after the switch: ${st.message} ${bad.join('; ')}`);
    // Input errors: an amount with three decimals, a date that does not exist.
    await app.type('wallet.amount', '12.345');
    await app.click('wallet.deposit');
    st = (await app.state()).panels.wallet;
    bad = englishIn('wallet amount', [st.message]);
    t.check(/12\.345/.test(st.message) && /金额/.test(st.message) && bad.length === 0, `a bad amount in 中文: ${st.message} ${bad.join('; ')}`);
    await app.type('wallet.goto_input', '2015-13-01 10:00');
    await app.click('wallet.goto');
    st = (await app.state()).panels.wallet;
    bad = englishIn('wallet go to', [st.message]);
    t.check(/2015-13-01/.test(st.message) && /日期/.test(st.message) && bad.length === 0, `a bad date in 中文: ${st.message} ${bad.join('; ')}`);
    await app.click('lang.en');
    st = (await app.state()).panels.wallet;
    t.check(/^Go to: month 13 out of range/.test(st.message), `back in English, the core's own words: ${st.message}`);
    await app.click('lang.zh');

    // Portfolio: the 定投 day and a rarer parser reason (an amount with too many decimals).
    await app.click('tab.portfolio');
    await assess(app, 'portfolio.suit', ANSWERS.c5);
    await app.type('portfolio.invest_day', '1.5');
    let pf = (await app.state()).panels.portfolio;
    bad = englishIn('定投 day', [pf.plan_error]);
    t.check(/定投日/.test(pf.plan_error) && /1\.5/.test(pf.plan_error) && bad.length === 0, `the 定投 day in 中文: ${pf.plan_error} ${bad.join('; ')}`);
    await app.type('portfolio.invest_day', '10');
    await app.type('portfolio.invest_amount', '1.234');
    pf = (await app.state()).panels.portfolio;
    bad = englishIn('plan amount', [pf.plan_error.replace(/^\$[\w.[\]]+/, '')]);
    t.check(/1\.234/.test(pf.plan_error) && bad.length === 0, `a parser reason in 中文: ${pf.plan_error} ${bad.join('; ')}`);
    await app.click('lang.en');
    pf = (await app.state()).panels.portfolio;
    t.check(/is not a decimal number/.test(pf.plan_error), `and in English after a switch: ${pf.plan_error}`);
    await app.click('lang.zh');
    await app.type('portfolio.invest_amount', '1000');

    // Policy lab: bad JSON pasted and a bad file dropped; the message follows the language.
    await app.click('tab.policy_lab');
    await app.click('policy_lab.tab.policy');
    await app.click('policy_lab.sec.json');
    await typeMultiline(app, 'policy_lab.f.json', '{\n  "name": ,\n}');
    await app.click('policy_lab.apply_json');
    let lab = (await app.state()).panels.policy_lab;
    bad = englishIn('JSON syntax', [lab.message]);
    t.check(lab.message_error && /^JSON：第 2 行/.test(lab.message) && /语法错误/.test(lab.message) && bad.length === 0,
      `a JSON syntax error in 中文: ${lab.message} ${bad.join('; ')}`);
    await app.click('lang.en');
    lab = (await app.state()).panels.policy_lab;
    t.check(/line 2, column \d+: invalid JSON/.test(lab.message), `the same message in English after the switch: ${lab.message}`);
    await app.click('lang.zh');
    lab = (await app.state()).panels.policy_lab;
    t.check(/语法错误/.test(lab.message), `and in 中文 again: ${lab.message}`);
    await dropFile(app, 'dup.json', '{"name": "a", "name": "b"}');
    lab = (await app.state()).panels.policy_lab;
    bad = englishIn('JSON file', [lab.message.replace(/^dup\.json/, '').replace(/\$[\w.[\]]+/g, '')]);
    t.check(lab.message_error && /\$\.name：键重复/.test(lab.message) && bad.length === 0, `a bad policy file in 中文: ${lab.message} ${bad.join('; ')}`);
    await app.screenshot('i18n-zh-1280x800-policy-json-error');

    // Policy lab: a bad value in the form is reported at its JSON path in the UI's language.
    await app.type('policy_lab.f.cutoff', '600.5');
    lab = (await app.state()).panels.policy_lab;
    const cut = lab.policy_errors.find((e) => e.startsWith('credit.cutoff'));
    bad = englishIn('policy error', lab.policy_errors.map((e) => e.replace(/^[\w.[\]]+：/, '').replace(/“[^”]*”/g, '“”')));
    // (the typed text is checked by shape: the form may keep a digit of the old value)
    t.check(!lab.policy_valid && /^credit\.cutoff：应为整数，实际为文本“[\d.]+”$/.test(cut) && bad.length === 0,
      `a bad cutoff in 中文: ${JSON.stringify(lab.policy_errors)} ${bad.join('; ')}`);
    await app.screenshot('i18n-zh-1280x800-policy-field-error');
    await app.click('lang.en');
    lab = (await app.state()).panels.policy_lab;
    t.check(lab.policy_errors.some((e) => /^credit\.cutoff: expected a whole number, got a string "[\d.]+"$/.test(e)),
      `the same mistake in English after the switch: ${JSON.stringify(lab.policy_errors)}`);
    await app.click('lang.zh');
    await app.type('policy_lab.f.cutoff', '600');

    // Credit: bins in words (yuan ranges, percentages), no raw {…} or [a, b) notation.
    await app.click('tab.credit');
    await app.page.waitForFunction(() => window.finlab.state().panels.credit.score !== undefined, null, { timeout: 120000 });
    await app.settled();
    for (const c of ['device', 'location', 'app_usage', 'consumption']) {
      if (!(await app.state()).panels.credit.consent.includes(c)) await app.click(`credit.consent.${c}`);
    }
    for (const lang of ['zh', 'en']) {
      await app.click(`lang.${lang}`);
      const cr = (await app.state()).panels.credit;
      const texts = [...cr.reason_texts, ...cr.counterfactual_texts];
      const raw = texts.filter((x) => /[{}]|\[[\d.-]+, [\d.-]+\)|\d+k\b|>=/.test(x));
      t.check(texts.length > 0 && raw.length === 0, `${lang}: credit reasons in words, no bin notation: ${raw.slice(0, 3).join(' | ') || texts[0]}`);
      if (lang === 'zh') t.check(englishIn('credit', texts).length === 0, `credit sentences in 中文: ${englishIn('credit', texts).slice(0, 4).join('; ')}`);
    }
    t.equal((await app.state()).untranslated, [], 'no untranslated strings in these states');
  },
};

module.exports = [{
  name: 'i18n: every visible string is translated; Chinese renders with the CJK subset',
  async run(t) {
    const app = await t.open();
    for (const lang of ['zh', 'en']) {
      await app.click(`lang.${lang}`);
      t.equal((await app.state()).lang, lang, `language switched to ${lang}`);
      for (const tab of TABS) {
        await app.click(`tab.${tab}`);
        // Panels whose results only appear after a run: run a small one so its strings are drawn too.
        if (lang === 'zh' && tab === 'portfolio') {
          await assess(app, 'portfolio.suit', ANSWERS.c3);  // before the first index fund
          await app.type('portfolio.paths', '100');
          await app.type('portfolio.years', '2');
          await app.click('portfolio.run');
          await app.page.waitForFunction(() => { const p = window.finlab.state().panels.portfolio; return p.result && !p.running; }, null, { timeout: 60000 });
          await app.settled();
        }
        if (lang === 'zh' && tab === 'policy_lab') {
          await app.type('policy_lab.users', '2000');
          await app.type('policy_lab.months', '12');
          await app.click('policy_lab.run');
          await app.page.waitForFunction(() => !window.finlab.state().busy, null, { timeout: 120000 });
          await app.settled();
          for (const sub of ['compare', 'sweep', 'runs', 'policy', 'results']) await app.click(`policy_lab.tab.${sub}`);
        }
        if (lang === 'zh' && tab === 'securities') {
          // The Portfolio's assessment (dated on its plan's start, 2015) has expired by 2023: assess again, then trade.
          await assess(app, 'securities.suit', ANSWERS.c3);
          await app.type('securities.deposit_amount', '100000');
          await app.click('securities.deposit');
          await app.click('securities.send');
          await app.click('securities.stock');
          await app.click('securities.stock.5');  // ChiNext: the mismatch warning
          await app.click('securities.next_day');
          await app.click('securities.suit.head');
        }
        // Open the drill-down of every key number that is a figure on screen.
        const widgets = await app.widgets();
        for (const key of Object.keys(await app.numbers()).filter((k) => widgets[k] && k.startsWith(`${tab}.`))) {
          await app.click(key);
          if ((await app.state()).explaining === key) await app.click('explain.close');
        }
        if (lang === 'zh') {
          const left = await englishLeft(app);
          t.check(left.length === 0, `中文 ${tab}: English words left: ${left.slice(0, 12).join('; ')}`);
          await app.screenshot(`i18n-zh-1280x800-${tab}`);
        }
      }
    }
    const st = await app.state();
    t.equal(st.untranslated, [], 'no untranslated strings');
  },
}, sentences, errors];
