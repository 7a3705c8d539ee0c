// The risk questionnaire (风险承受能力评估) answered through the real widgets
// ("<prefix>.q.<i>" combos, "<prefix>.submit"), and answer sets whose class
// `finlab suitability assess` gives (questionnaire finlab-2017-07).
'use strict';

const ANSWERS = {
  lowest: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],      // no loss accepted: C1, lowest category (6 points)
  c1: [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0],          // C1 by score (10 points), not the lowest category
  c3: [0, 1, 3, 3, 0, 0, 1, 0, 1, 1, 0],          // C3 (40 points)
  c5: [0, 3, 3, 3, 3, 3, 3, 3, 3, 3, 0],          // C5 (90 points)
};

// Answers every question and asks for the result. `press` is 'click' or 'tap'.
async function assess(app, prefix, answers, press = 'click') {
  for (let i = 0; i < answers.length; i++) {
    await app[press](`${prefix}.q.${i}`);
    await app[press](`${prefix}.q.${i}.${answers[i]}`);
  }
  await app[press](`${prefix}.submit`);
}

module.exports = { ANSWERS, assess };
