// The extension's basics on test-fixtures/editor/: our grammar colours tokens, a syntax error gives a
// squiggle and a Problems row, a hover shows a library signature, "Run Checks" fills the status bar,
// and the capability quick-fix in hielements.toml is applied and saved (read back from disk).
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { ENV, log, openFile, tokenBox, waitForToken, hoverText, runCommand, waitForStatusBar } = require('../session');

const CONFIG = {
  /** File with a syntax error, and the Problems panel row expected for it. */
  diagnostics: { file: 'syntax-error.hie', problem: /Expected Colon, found Newline/ },
  /** File whose word `word` (on 1-based `line`) is hovered; the hover must contain `text`. */
  hover: { file: 'hover.hie', line: 4, word: 'exists', text: 'files.exists(scope: Scope, filename: string)' },
  /** Two tokens on the hover line that our TextMate grammar colours differently (keyword vs variable). */
  grammar: { keyword: 'check', variable: 'root' },
  statusBar: /\d+ passed\s+\d+ failed/,
  runChecksCommand: 'Hielements: Run Checks',
  /** Quick-fix applied in `file` on its first warning/error; the saved file must match `expect`. */
  quickFix: {
    file: 'hielements.toml',
    title: 'Grant capabilities.fs = "read" to deps',
    expect: /\[libraries\.deps\][^[]*capabilities\s*=\s*\{\s*fs\s*=\s*"read"\s*\}/,
  },
};

module.exports = {
  name: 'basics',
  workspace: path.join(ENV.repo, 'test-fixtures', 'editor'),
  trusted: true,
  checks: ['squiggle', 'problems row', 'hover', 'grammar colours', 'status bar', 'quick-fix'],

  /** @param {{page: import('playwright-core').Page, dirs: any, shot: (n: string) => string}} session */
  async run({ page, dirs, shot }, check) {
    // 1) squiggles + Problems panel for the syntax error
    await openFile(page, CONFIG.diagnostics.file);
    await page.waitForSelector('.monaco-editor .squiggly-error', { timeout: ENV.timeouts.diagnostics });
    const squiggles = await page.locator('.monaco-editor .squiggly-error').count();
    check('squiggle', squiggles >= 1, `${squiggles} error squiggles`);
    await page.keyboard.press('Control+Shift+M');
    await page.waitForFunction((re) => [...document.querySelectorAll('.markers-panel .monaco-list-row')]
      .some((r) => new RegExp(re).test(r.getAttribute('aria-label') || '')), CONFIG.diagnostics.problem.source,
    { timeout: ENV.timeouts.ui }).catch(() => {});
    const problems = await page.$$eval('.markers-panel .monaco-list-row', (rows) => rows.map((r) => r.getAttribute('aria-label')));
    log('problems:', problems);
    check('problems row', problems.some((p) => CONFIG.diagnostics.problem.test(p || '')), problems.join(' | '));

    // 2) grammar + hover
    await openFile(page, CONFIG.hover.file);
    await waitForToken(page, CONFIG.hover.line, CONFIG.hover.word);
    const keyword = await tokenBox(page, CONFIG.hover.line, CONFIG.grammar.keyword);
    const variable = await tokenBox(page, CONFIG.hover.line, CONFIG.grammar.variable);
    check('grammar colours', Boolean(keyword && variable && keyword.className !== variable.className),
      `keyword ${keyword && keyword.className}, variable ${variable && variable.className}`);
    const hover = await hoverText(page, CONFIG.hover.line, CONFIG.hover.word, CONFIG.hover.text);
    // the screenshot (docs/images/vscode-hover-problems.png) shows the capability warning (W530) too, once the plugins
    // are loaded; a Problems row's label has the message, not the code
    await page.waitForFunction(() => [...document.querySelectorAll('.markers-panel .monaco-list-row')]
      .some((r) => /has no file access/.test(r.getAttribute('aria-label') || '')), undefined, { timeout: ENV.timeouts.diagnostics }).catch(() => {});
    await page.screenshot({ path: shot('code-server-hover.png') });
    log('hover:', JSON.stringify(hover));
    check('hover', hover.includes(CONFIG.hover.text), hover);
    await page.mouse.move(5, 5);
    await page.keyboard.press('Escape');

    // 3) Run Checks command -> status bar summary
    await runCommand(page, CONFIG.runChecksCommand);
    const statusBar = await waitForStatusBar(page, CONFIG.statusBar).catch(() => '');
    log('status bar:', statusBar);
    check('status bar', CONFIG.statusBar.test(statusBar || ''), statusBar);

    // 4) quick-fix in hielements.toml, saved and read back from disk
    await openFile(page, CONFIG.quickFix.file);
    const squiggle = page.locator('.monaco-editor .squiggly-warning, .monaco-editor .squiggly-error, .monaco-editor .squiggly-info').first();
    await squiggle.waitFor({ timeout: ENV.timeouts.diagnostics });
    const sq = await squiggle.boundingBox();
    await page.mouse.click(sq.x + Math.min(4, sq.width / 2), sq.y + sq.height / 2);
    await page.keyboard.press('Control+.');
    const action = page.locator('.action-widget .monaco-list-row', { hasText: CONFIG.quickFix.title }).first();
    await action.waitFor({ state: 'visible', timeout: ENV.timeouts.ui });
    // the menu sits behind a pointer-blocking overlay: choose the action with the keyboard
    for (let i = 0; i < 20; i++) {
      const focused = await page.locator('.action-widget .monaco-list-row.focused').first().textContent().catch(() => '');
      if ((focused || '').includes(CONFIG.quickFix.title)) break;
      await page.keyboard.press('ArrowDown');
    }
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+S');
    const tomlPath = path.join(dirs.workspace, CONFIG.quickFix.file);
    const before = fs.readFileSync(path.join(module.exports.workspace, CONFIG.quickFix.file), 'utf8');
    let after = before;
    // wait for the saved text itself: an editor's save may show an empty file for a moment
    for (let i = 0; i < 100 && (after === before || !CONFIG.quickFix.expect.test(after)); i++) {
      await page.waitForTimeout(100);
      after = fs.readFileSync(tomlPath, 'utf8');
    }
    await page.screenshot({ path: shot('code-server-e2e.png') });
    check('quick-fix', CONFIG.quickFix.expect.test(after), after);
  },
};
