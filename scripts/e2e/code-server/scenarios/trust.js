// Workspace trust (trust.md §1–2) in VS Code: test-fixtures/editor-trust/ opens in Restricted Mode. Its
// external plugin must not start: hielements.toml shows the warning, the check says why, and the plugin's
// marker file ran.txt does not appear. The entry's quick-fix "Trust this workspace…" opens VS Code's Manage
// Workspace Trust; after the user grants trust there, the extension tells the server, the plugin runs and
// its answer shows on the check.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { ENV, log, openFile, runCommand } = require('../session');

const CONFIG = {
  /** The warning on the external plugin's entry in Restricted Mode. */
  warning: /External library 'marker' was not started: this workspace is not trusted/,
  /** The check's diagnostic in Restricted Mode. */
  notStarted: /External library 'marker' was not started/,
  /** The check's diagnostic once the plugin runs. */
  ran: /the plugin ran/,
  /** The quick-fix on the entry's warning. */
  quickFix: 'Trust this workspace…',
  marker: 'ran.txt',
};

/** aria-labels of the Problems panel rows. */
async function problems(page) {
  return page.$$eval('.markers-panel .monaco-list-row', (rows) => rows.map((r) => r.getAttribute('aria-label') || ''));
}

/** Waits until a Problems row matches `re`; returns the rows seen last. */
async function waitForProblem(page, re, timeout = ENV.timeouts.diagnostics) {
  await page.waitForFunction((src) => [...document.querySelectorAll('.markers-panel .monaco-list-row')]
    .some((r) => new RegExp(src).test(r.getAttribute('aria-label') || '')), re.source, { timeout }).catch(() => {});
  return problems(page);
}

/** Answers VS Code's "Do you trust the authors…?" dialog with No, if it is shown. */
async function declineTrustPrompt(page) {
  const no = page.locator('.monaco-dialog-box .monaco-button', { hasText: /No, I don.t trust the authors/ }).first();
  if (await no.waitFor({ state: 'visible', timeout: ENV.timeouts.ui }).then(() => true, () => false)) {
    await no.click();
    log('trust prompt: declined');
  }
}

module.exports = {
  name: 'trust',
  workspace: path.join(ENV.repo, 'test-fixtures', 'editor-trust'),
  trusted: false,
  checks: ['restricted mode', 'warning on the entry', 'check says why', 'nothing ran', 'quick-fix opens Manage Workspace Trust', 'trust granted', 'plugin runs after trust'],

  /** @param {{page: import('playwright-core').Page, dirs: any, shot: (n: string) => string}} session */
  async run({ page, dirs, shot }, check) {
    const marker = path.join(dirs.workspace, CONFIG.marker);
    await declineTrustPrompt(page);
    const restricted = await page.waitForFunction(() => /Restricted Mode/.test(document.querySelector('.statusbar')?.textContent || ''), null, { timeout: ENV.timeouts.ui })
      .then(() => true, () => false);
    check('restricted mode', restricted, 'no "Restricted Mode" in the status bar');

    // the .hie file and hielements.toml: warning on the entry, the check explains
    await openFile(page, 'checks.hie');
    await openFile(page, 'hielements.toml');
    await page.keyboard.press('Control+Shift+M');
    let rows = await waitForProblem(page, CONFIG.warning);
    rows = await waitForProblem(page, CONFIG.notStarted, ENV.timeouts.ui);
    log('problems (restricted):', rows);
    check('warning on the entry', rows.some((r) => CONFIG.warning.test(r)), rows.join(' | '));
    check('check says why', rows.filter((r) => CONFIG.notStarted.test(r)).length >= 2, rows.join(' | '));
    await page.screenshot({ path: shot('code-server-trust-restricted.png') });
    // give a wrongly started plugin time to show itself
    await page.waitForTimeout(2000);
    check('nothing ran', !fs.existsSync(marker), `${CONFIG.marker} exists: the plugin was started in Restricted Mode`);

    // grant trust the way a user does: the entry's quick-fix "Trust this workspace…" opens Manage Workspace Trust → Trust
    const squiggle = page.locator('.monaco-editor .squiggly-warning').first();
    await squiggle.waitFor({ timeout: ENV.timeouts.diagnostics });
    const sq = await squiggle.boundingBox();
    await page.mouse.click(sq.x + Math.min(4, sq.width / 2), sq.y + sq.height / 2);
    await page.keyboard.press('Control+.');
    const action = page.locator('.action-widget .monaco-list-row', { hasText: CONFIG.quickFix }).first();
    const offered = await action.waitFor({ state: 'visible', timeout: ENV.timeouts.ui }).then(() => true, () => false);
    if (offered) {
      // the menu sits behind a pointer-blocking overlay: choose the action with the keyboard
      for (let i = 0; i < 20; i++) {
        const focused = await page.locator('.action-widget .monaco-list-row.focused').first().textContent().catch(() => '');
        if ((focused || '').includes(CONFIG.quickFix)) break;
        await page.keyboard.press('ArrowDown');
      }
      await page.keyboard.press('Enter');
    } else {
      await page.keyboard.press('Escape');
      await runCommand(page, 'Workspaces: Manage Workspace Trust');
    }
    const trustButton = page.locator('.workspace-trust-editor .monaco-button', { hasText: /^Trust( Folder)?$/ }).first();
    const editorOpened = await trustButton.waitFor({ state: 'visible', timeout: ENV.timeouts.ui }).then(() => true, () => false);
    check('quick-fix opens Manage Workspace Trust', offered && editorOpened, offered ? 'the trust editor did not open' : 'no "Trust this workspace…" quick-fix');
    if (!editorOpened) {
      await runCommand(page, 'Workspaces: Manage Workspace Trust');
      await trustButton.waitFor({ state: 'visible', timeout: ENV.timeouts.ui });
    }
    await trustButton.click();
    const granted = await page.waitForFunction(() => !/Restricted Mode/.test(document.querySelector('.statusbar')?.textContent || ''), null, { timeout: ENV.timeouts.ui })
      .then(() => true, () => false);
    check('trust granted', granted, 'still in Restricted Mode');

    let ran = false;
    for (let i = 0; i < 300 && !ran; i++) {
      rows = await problems(page);
      ran = fs.existsSync(marker) && rows.some((r) => CONFIG.ran.test(r));
      if (!ran) await page.waitForTimeout(200);
    }
    log('problems (trusted):', rows);
    await page.screenshot({ path: shot('code-server-trust-granted.png') });
    check('plugin runs after trust', ran, `marker ${fs.existsSync(marker)}; problems: ${rows.join(' | ')}`);
  },
};
