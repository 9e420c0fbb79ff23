// The static checker in VS Code (test-fixtures/editor-static/): a misspelt check function is an
// error squiggle and a Problems row as soon as the file opens (no check has run), with a
// "did you mean" quick-fix; applied and saved, the file on disk is fixed and the squiggle goes.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { ENV, log, openFile } = require('../session');

const FILE = 'typo.hie';
const PROBLEM = /Unknown check function: files\.exist \(did you mean 'files\.exists'\?\)/;
const TITLE = "Change 'exist' to 'exists'";

module.exports = {
  name: 'didYouMean',
  workspace: path.join(ENV.repo, 'test-fixtures', 'editor-static'),
  trusted: true,
  checks: ['squiggle', 'problems row', 'quick-fix', 'clean'],

  /** @param {{page: import('playwright-core').Page, dirs: any, shot: (n: string) => string}} session */
  async run({ page, dirs, shot }, check) {
    await openFile(page, FILE);
    const squiggle = page.locator('.monaco-editor .squiggly-error').first();
    await squiggle.waitFor({ timeout: ENV.timeouts.diagnostics });
    check('squiggle', true);

    await page.keyboard.press('Control+Shift+M');
    await page.waitForFunction((re) => [...document.querySelectorAll('.markers-panel .monaco-list-row')]
      .some((r) => new RegExp(re).test(r.getAttribute('aria-label') || '')), PROBLEM.source, { timeout: ENV.timeouts.ui }).catch(() => {});
    const problems = await page.$$eval('.markers-panel .monaco-list-row', (rows) => rows.map((r) => r.getAttribute('aria-label')));
    log('problems:', problems);
    check('problems row', problems.some((p) => PROBLEM.test(p || '')), problems.join(' | '));

    // the quick-fix, chosen with the keyboard (the menu sits behind a pointer-blocking overlay)
    // code lenses and inlay hints arriving after a run re-render the lines: wait for the squiggle to settle
    let box = null;
    for (let i = 0; i < 50 && !box; i++) {
      box = await squiggle.boundingBox();
      if (!box) await page.waitForTimeout(100);
    }
    await page.mouse.click(box.x + Math.min(4, box.width / 2), box.y + box.height / 2);
    await page.keyboard.press('Control+.');
    await page.locator('.action-widget .monaco-list-row', { hasText: TITLE }).first().waitFor({ state: 'visible', timeout: ENV.timeouts.ui });
    for (let i = 0; i < 20; i++) {
      const focused = await page.locator('.action-widget .monaco-list-row.focused').first().textContent().catch(() => '');
      if ((focused || '').includes(TITLE)) break;
      await page.keyboard.press('ArrowDown');
    }
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+S');
    const file = path.join(dirs.workspace, FILE);
    let text = '';
    for (let i = 0; i < 100; i++) {
      text = fs.readFileSync(file, 'utf8');
      if (text.includes('files.exists(')) break;
      await page.waitForTimeout(100);
    }
    check('quick-fix', text.includes("check files.exists(root, 'typo.hie')"), text);

    await page.waitForFunction(() => document.querySelectorAll('.monaco-editor .squiggly-error').length === 0, undefined, { timeout: ENV.timeouts.diagnostics }).catch(() => {});
    const left = await page.locator('.monaco-editor .squiggly-error').count();
    await page.screenshot({ path: shot('code-server-did-you-mean.png') });
    check('clean', left === 0, `${left} error squiggles left`);
  },
};
