// The Test Explorer on test-fixtures/test-explorer/: the spec's files → elements → checks (the excluded
// examples/ are not listed), "Run All Tests" gives pass/fail icons, and one check is re-run from its row
// after the files both failing checks look for were created: it turns green, the other stays red.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { ENV, log, openFile, runCommand } = require('../session');

const ROW = '.test-explorer .monaco-list-row';
const CHECK = {
  rerun: "files.exists(src, 'later.rs')",
  stillFailing: "files.exists(src, 'missing.rs')",
};

/** Label and status icon of every visible Test Explorer row. */
function rows(page) {
  return page.$$eval(ROW, (els) => els.map((e) => {
    const icon = e.querySelector('.computed-state');
    const cls = icon ? icon.className : '';
    const state = /testing-passed/.test(cls) ? 'passed' : /testing-failed|testing-error/.test(cls) ? 'failed' : /skipped/.test(cls) ? 'skipped' : 'none';
    return { label: (e.querySelector('.label') || e).textContent.trim(), state, expanded: e.getAttribute('aria-expanded') };
  }));
}

async function waitForRows(page, predicate, what) {
  for (let i = 0; i < 200; i++) {
    const current = await rows(page);
    if (predicate(current)) return current;
    await page.waitForTimeout(100);
  }
  throw new Error(`Test Explorer: ${what}; rows: ${JSON.stringify(await rows(page))}`);
}

/** Expands every collapsed row until none is left. */
async function expandAll(page) {
  for (let round = 0; round < 10; round++) {
    const collapsed = page.locator(`${ROW}[aria-expanded="false"]`);
    if ((await collapsed.count()) === 0) return;
    await collapsed.first().locator('.monaco-tl-twistie').click();
    await page.waitForTimeout(150);
  }
}

const row = (page, label) => page.locator(ROW, { has: page.locator('.label', { hasText: label }) }).first();
const stateOf = (list, label) => (list.find((r) => r.label.includes(label)) || {}).state;

module.exports = {
  name: 'test-explorer',
  workspace: path.join(ENV.repo, 'test-fixtures', 'test-explorer'),
  trusted: true,
  settings: {
    'hielements.checks.run': 'never',
    'testing.automaticallyOpenPeekView': 'never',
    'testing.openTesting': 'neverOpen',
    'testing.gutterEnabled': true,
  },
  checks: ['tree', 'specs only', 'pass/fail icons', 'single check re-run', 'run lenses'],

  async run({ page, dirs, shot }, check) {
    // the Testing view (flask in the activity bar)
    await page.locator('.activitybar .action-item .action-label[aria-label^="Testing"]').first().click();
    await waitForRows(page, (r) => r.some((x) => x.label.includes('arch.hie')), 'no arch.hie row');
    await expandAll(page);
    let list = await waitForRows(page, (r) => r.some((x) => x.label.includes(CHECK.stillFailing)), 'the checks are not listed');
    log('tree:', JSON.stringify(list));
    const labels = list.map((r) => r.label);
    check('tree', ['arch.hie', 'app', CHECK.rerun, 'core', CHECK.stillFailing].every((l) => labels.some((x) => x.includes(l))), labels.join(' | '));
    check('specs only', !labels.some((l) => l.includes('example')), labels.join(' | '));

    await runCommand(page, 'Test: Run All Tests');
    list = await waitForRows(page, (r) => stateOf(r, CHECK.stillFailing) === 'failed' && stateOf(r, "'main.rs'") === 'passed', 'no results after Run All');
    log('after run all:', JSON.stringify(list));
    check('pass/fail icons', stateOf(list, CHECK.rerun) === 'failed' && stateOf(list, "'lib.rs'") === 'passed' && stateOf(list, 'arch.hie') === 'failed',
      JSON.stringify(list));
    await page.screenshot({ path: shot('code-server-test-explorer.png') });

    // create the files both failing checks look for, then re-run one check alone from its row:
    // it turns green, the other stays red (it was not run)
    fs.writeFileSync(path.join(dirs.workspace, 'src', 'later.rs'), 'pub fn later() {}\n');
    fs.writeFileSync(path.join(dirs.workspace, 'src', 'missing.rs'), 'pub fn found() {}\n');
    const target = row(page, CHECK.rerun);
    await target.hover();
    await target.locator('.action-label[aria-label^="Run"]').first().click();
    list = await waitForRows(page, (r) => stateOf(r, CHECK.rerun) === 'passed', 'the re-run check did not pass');
    log('after re-run:', JSON.stringify(list));
    await page.screenshot({ path: shot('code-server-test-explorer-rerun.png') });
    check('single check re-run', stateOf(list, CHECK.rerun) === 'passed' && stateOf(list, CHECK.stillFailing) === 'failed', JSON.stringify(list));

    // the spec beside the tree: a "Run" lens per check, results per element, files per scope
    await openFile(page, 'arch.hie');
    const lenses = page.locator('.monaco-editor .codelens-decoration a');
    await page.waitForFunction(() => [...document.querySelectorAll('.monaco-editor .codelens-decoration a')].some((a) => /Run/.test(a.textContent || '')),
      undefined, { timeout: ENV.timeouts.ui }).catch(() => {});
    const titles = await lenses.allTextContents();
    log('lenses:', JSON.stringify(titles));
    await page.mouse.move(5, 5);
    await page.screenshot({ path: shot('code-server-test-explorer-editor.png') });
    check('run lenses', titles.filter((t) => t.includes('Run')).length === 4 && titles.some((t) => /passed/.test(t)), JSON.stringify(titles));
  },
};
