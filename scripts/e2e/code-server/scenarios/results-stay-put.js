// Results that stay put: a failing check's squiggle survives an edit elsewhere in the file, moved
// with the text; the status bar says the totals are from an older revision until the next run
// (checks run on save here, so the squiggle after the edit can only be the kept result).
'use strict';
const path = require('node:path');
const { ENV, log, openFile, runCommand, waitForStatusBar } = require('../session');

const CONFIG = {
  file: 'checks.hie',
  /** The failing check (`files.exists(src, 'missing.py')`): 1-based line before and after the edit. */
  failing: { problem: /missing\.py/, lineBefore: 5, lineAfter: 6 },
  /** The edit: a comment line typed at the start of line 3, above the checks (no auto-indent). */
  editLine: 3,
  typed: '# typed above the checks',
  olderRevision: /older revision/,
  current: /\d+ passed\s+\d+ failed(?![\s\S]*older revision)/,
};

/** 1-based line numbers that carry an error squiggle in the active editor. */
async function squiggleLines(page) {
  return page.evaluate(() => {
    const editor = document.querySelector('.editor-group-container.active .monaco-editor') || document.querySelector('.monaco-editor');
    const numbers = [...editor.querySelectorAll('.margin-view-overlays .line-numbers')]
      .map((n) => ({ line: Number(n.textContent.trim()), top: n.getBoundingClientRect().top }));
    const lines = new Set();
    for (const squiggle of editor.querySelectorAll('.view-overlays .squiggly-error')) {
      const top = squiggle.getBoundingClientRect().top;
      const hit = numbers.find((n) => Math.abs(n.top - top) < 4);
      if (hit) lines.add(hit.line);
    }
    return [...lines].sort((a, b) => a - b);
  });
}

/** Waits until `predicate(lines)` holds for the squiggled lines (or the time is up) and returns them. */
async function waitForSquiggles(page, predicate, timeout = ENV.timeouts.diagnostics) {
  const until = Date.now() + timeout;
  let lines = [];
  while (Date.now() < until) {
    lines = await squiggleLines(page);
    if (predicate(lines)) return lines;
    await page.waitForTimeout(200);
  }
  return lines;
}

async function problemRows(page) {
  return page.$$eval('.markers-panel .monaco-list-row', (rows) => rows.map((r) => r.getAttribute('aria-label') || ''));
}

module.exports = {
  name: 'results-stay-put',
  workspace: path.join(ENV.repo, 'test-fixtures', 'lsp', 'checks'),
  trusted: true,
  settings: { 'hielements.checks.run': 'onSave', 'editor.autoIndent': 'none' },
  checks: ['squiggle on the failing check', 'squiggle survives an edit elsewhere', 'problem moved with the text', 'status bar: older revision', 'status bar after the next run'],

  /** @param {{page: import('playwright-core').Page, shot: (n: string) => string}} session */
  async run({ page, shot }, check) {
    await openFile(page, CONFIG.file);
    const before = await waitForSquiggles(page, (lines) => lines.includes(CONFIG.failing.lineBefore));
    log('squiggled lines before the edit:', before);
    check('squiggle on the failing check', before.includes(CONFIG.failing.lineBefore), `lines ${before}`);

    // type a new line above the checks (Ctrl+G to the line, Home, text, Enter)
    await page.keyboard.press('Control+G');
    await page.keyboard.type(String(CONFIG.editLine));
    await page.keyboard.press('Enter');
    await page.keyboard.press('Home');
    await page.keyboard.press('Home');
    await page.keyboard.type(CONFIG.typed);
    await page.keyboard.press('Enter');
    const statusBar = await waitForStatusBar(page, CONFIG.olderRevision).catch(() => '');
    log('status bar after the edit:', statusBar);
    check('status bar: older revision', CONFIG.olderRevision.test(statusBar || ''), statusBar);

    const after = await waitForSquiggles(page, (lines) => lines.includes(CONFIG.failing.lineAfter) && !lines.includes(CONFIG.failing.lineBefore));
    log('squiggled lines after the edit:', after);
    await page.screenshot({ path: shot('code-server-results-stay-put.png') });
    check('squiggle survives an edit elsewhere', after.includes(CONFIG.failing.lineAfter), `lines ${after}`);

    await page.keyboard.press('Control+Shift+M');
    let rows = [];
    for (let i = 0; i < 50; i++) {
      rows = (await problemRows(page)).filter((r) => CONFIG.failing.problem.test(r));
      if (rows.some((r) => r.includes(`line ${CONFIG.failing.lineAfter}`))) break;
      await page.waitForTimeout(200);
    }
    log('problem rows:', rows);
    check('problem moved with the text', rows.some((r) => r.includes(`line ${CONFIG.failing.lineAfter}`)), rows.join(' | '));

    // save: checks run, the totals are current again
    await page.keyboard.press('Control+S');
    await runCommand(page, 'Hielements: Run Checks').catch(() => {});
    const current = await waitForStatusBar(page, CONFIG.current).catch(() => '');
    log('status bar after the run:', current);
    check('status bar after the next run', CONFIG.current.test(current || ''), current);
  },
};
