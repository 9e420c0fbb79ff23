#!/usr/bin/env node
// End-to-end test of the packaged extension in a real VS Code: code-server 4.100.3 (VS Code 1.100.3) driven
// through Debian's chromium with playwright-core. Installs client/hielements.vsix into a fresh code-server,
// opens a copy of test-fixtures/editor/, and checks: syntax highlighting by our grammar, error squiggles,
// the Problems panel, a hover, the "Run Checks" command + status bar, and a quick-fix in hielements.toml
// (the edited file is read back from disk). Saves screenshots to test-artifacts/.
//
// Prerequisites: scripts/e2e/setup-editors.sh code-server ; npm run package -w client
// Usage: node scripts/e2e/code-server-e2e.js      (prints ONE JSON line on stdout; exit 0 = pass)
// Env: CS_BIN, VSIX, WORKSPACE, PORT, CHROMIUM, ARTIFACTS, KEEP=1 (keep temp dirs + code-server.log)
'use strict';
const { spawn, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const http = require('node:http');

const REPO = path.resolve(__dirname, '..', '..');
const CACHE = process.env.HIELEMENTS_EDITOR_CACHE || path.join(REPO, '.cache');

/** Everything the test looks for; adjust here when the server's texts change. */
const CONFIG = {
  codeServerBin: process.env.CS_BIN || path.join(CACHE, 'code-server', 'node_modules', '.bin', 'code-server'),
  vsix: process.env.VSIX || path.join(REPO, 'client', 'hielements.vsix'),
  workspace: process.env.WORKSPACE || path.join(REPO, 'test-fixtures', 'editor'),
  chromium: process.env.CHROMIUM || '/usr/bin/chromium',
  /** 0 = a free port picked at start (several checkouts may run this test at once). */
  port: Number(process.env.PORT || 0),
  artifacts: process.env.ARTIFACTS || path.join(REPO, 'test-artifacts'),
  /** File with a syntax error, and the Problems panel row expected for it. */
  diagnostics: { file: 'syntax-error.hie', problem: /Expected Colon, found Newline/ },
  /** File whose word `word` (on 1-based `line`) is hovered; the hover must contain `text`. */
  hover: { file: 'hover.hie', line: 4, word: 'exists', text: 'files.exists(scope: Scope, filename: string)' },
  /** Two tokens on the hover line that our TextMate grammar colours differently (keyword vs variable). */
  grammar: { keyword: 'check', variable: 'root' },
  /** Status bar text after "Hielements: Run Checks". */
  statusBar: /\d+ passed\s+\d+ failed/,
  runChecksCommand: 'Hielements: Run Checks',
  /** Quick-fix applied in `file` on its first warning/error; the saved file must match `expect`. */
  quickFix: {
    file: 'hielements.toml',
    title: 'Grant capabilities.fs = "read" to deps',
    expect: /\[libraries\.deps\][^[]*capabilities\s*=\s*\{\s*fs\s*=\s*"read"\s*\}/,
  },
  timeouts: { workbench: 90000, diagnostics: 60000, hover: 20000, ui: 20000 },
};

const T0 = Date.now();
const log = (...a) => console.error(`[${((Date.now() - T0) / 1000).toFixed(1)}s]`, ...a);

function loadPlaywright() {
  for (const from of [path.join(CACHE, 'code-server', 'node_modules', 'playwright-core'), 'playwright-core']) {
    try {
      return require(from);
    } catch {
      // try the next location
    }
  }
  throw new Error('playwright-core not found: run scripts/e2e/setup-editors.sh code-server');
}

function checkPrerequisites() {
  const missing = [];
  if (!fs.existsSync(CONFIG.codeServerBin)) missing.push(`code-server (${CONFIG.codeServerBin}): run scripts/e2e/setup-editors.sh code-server`);
  if (!fs.existsSync(CONFIG.chromium)) missing.push(`chromium (${CONFIG.chromium}): run scripts/e2e/setup-editors.sh code-server`);
  if (!fs.existsSync(CONFIG.vsix)) missing.push(`the extension (${CONFIG.vsix}): run npm run package -w client`);
  if (!fs.existsSync(CONFIG.workspace)) missing.push(`the workspace ${CONFIG.workspace}`);
  if (missing.length > 0) throw new Error(`missing prerequisites:\n  ${missing.join('\n  ')}`);
}

function httpOk(url) {
  return new Promise((resolve) => {
    http.get(url, (r) => { r.resume(); resolve(r.statusCode < 500); }).on('error', () => resolve(false));
  });
}

/** Fresh user/extension dirs, settings, and a copy of the workspace (the quick-fix edits it). */
function prepareDirs() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hie-cs-e2e-'));
  const dirs = {
    tmp,
    user: path.join(tmp, 'user'),
    ext: path.join(tmp, 'ext'),
    browser: path.join(tmp, 'chromium'),
    home: path.join(tmp, 'home'),
    workspace: path.join(tmp, 'workspace'),
  };
  fs.mkdirSync(path.join(dirs.user, 'User'), { recursive: true });
  fs.mkdirSync(dirs.ext, { recursive: true });
  fs.mkdirSync(dirs.home, { recursive: true });
  // a brand-new extensions dir makes the first --install-extension fail without this file
  fs.writeFileSync(path.join(dirs.ext, 'extensions.json'), '[]');
  fs.cpSync(CONFIG.workspace, dirs.workspace, { recursive: true });
  fs.writeFileSync(path.join(dirs.user, 'User', 'settings.json'), JSON.stringify({
    'workbench.startupEditor': 'none',
    'security.workspace.trust.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'update.mode': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'editor.hover.delay': 100,
    'editor.minimap.enabled': false,
    'files.autoSave': 'off',
    'chat.disableAIFeatures': true,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
  }, null, 1));
  return dirs;
}

async function openFile(page, file) {
  await page.locator('.monaco-workbench .part.editor').click({ position: { x: 5, y: 5 } }).catch(() => {});
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: CONFIG.timeouts.ui });
  await input.fill(file);
  await page.locator(`.quick-input-list .monaco-list-row[aria-label*="${path.basename(file)}"]`).first()
    .waitFor({ timeout: CONFIG.timeouts.ui });
  await page.keyboard.press('Enter');
  await page.locator(`.tab.active[aria-label*="${path.basename(file)}"]`).waitFor({ timeout: CONFIG.timeouts.ui });
  await page.locator('.monaco-editor .view-lines').first().waitFor({ timeout: CONFIG.timeouts.ui });
}

/** Screen rectangle and token class of the `nth` rendered span whose text is exactly `word` on 1-based `line`. */
async function tokenBox(page, line, word) {
  return page.evaluate(({ line, word }) => {
    const editor = document.querySelector('.editor-group-container.active .monaco-editor') || document.querySelector('.monaco-editor');
    const lineNumbers = [...editor.querySelectorAll('.margin-view-overlays .line-numbers')];
    const marker = lineNumbers.find((n) => n.textContent.trim() === String(line));
    if (!marker) return null;
    const top = marker.getBoundingClientRect().top;
    const viewLine = [...editor.querySelectorAll('.view-lines .view-line')]
      .find((l) => Math.abs(l.getBoundingClientRect().top - top) < 3);
    if (!viewLine) return null;
    const span = [...viewLine.querySelectorAll('span span')].find((s) => s.textContent === word);
    if (!span) return null;
    const r = span.getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width, height: r.height, className: span.className };
  }, { line, word });
}

async function runCommand(page, title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: CONFIG.timeouts.ui });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: CONFIG.timeouts.ui });
  await page.keyboard.press('Enter');
}

/** A TCP port nobody listens on right now. */
function freePort() {
  const net = require('node:net');
  return new Promise((resolve, reject) => {
    const probe = net.createServer().once('error', reject).listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

async function main() {
  checkPrerequisites();
  if (!CONFIG.port) CONFIG.port = await freePort();
  const { chromium } = loadPlaywright();
  const dirs = prepareDirs();
  fs.mkdirSync(CONFIG.artifacts, { recursive: true });
  const shot = (name) => path.join(CONFIG.artifacts, name);
  const csArgs = ['--user-data-dir', dirs.user, '--extensions-dir', dirs.ext];
  const env = { ...process.env, HOME: dirs.home, XDG_CONFIG_HOME: path.join(dirs.home, '.config') };
  const result = { ok: false, steps: {} };

  log('installing', CONFIG.vsix);
  execFileSync(CONFIG.codeServerBin, [...csArgs, '--install-extension', CONFIG.vsix], { env, stdio: ['ignore', 2, 2] });

  const cs = spawn(CONFIG.codeServerBin, [...csArgs, '--auth', 'none', '--bind-addr', `127.0.0.1:${CONFIG.port}`,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
    '--log', 'info', dirs.workspace], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const csLog = fs.createWriteStream(path.join(dirs.tmp, 'code-server.log'));
  cs.stdout.pipe(csLog);
  cs.stderr.pipe(csLog);
  let browser;
  let page;
  try {
    for (let i = 0; !(await httpOk(`http://127.0.0.1:${CONFIG.port}/healthz`)); i++) {
      if (i > 300) throw new Error('code-server did not come up within 30 s');
      await new Promise((r) => setTimeout(r, 100));
    }
    browser = await chromium.launchPersistentContext(dirs.browser, {
      executablePath: CONFIG.chromium,
      headless: true,
      viewport: { width: 1400, height: 900 },
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
    });
    page = browser.pages()[0] || (await browser.newPage());
    page.on('pageerror', (e) => log('pageerror:', e.message));
    await page.goto(`http://127.0.0.1:${CONFIG.port}/?folder=${encodeURIComponent(dirs.workspace)}`);
    await page.waitForSelector('.monaco-workbench .part.editor', { timeout: CONFIG.timeouts.workbench });
    await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: CONFIG.timeouts.workbench });
    log('workbench loaded');

    // 1) squiggles + Problems panel for the syntax error
    await openFile(page, CONFIG.diagnostics.file);
    await page.waitForSelector('.monaco-editor .squiggly-error', { timeout: CONFIG.timeouts.diagnostics });
    result.steps.squiggles = await page.locator('.monaco-editor .squiggly-error').count();
    await page.keyboard.press('Control+Shift+M');
    await page.waitForFunction((re) => [...document.querySelectorAll('.markers-panel .monaco-list-row')]
      .some((r) => new RegExp(re).test(r.getAttribute('aria-label') || '')), CONFIG.diagnostics.problem.source,
    { timeout: CONFIG.timeouts.ui });
    result.steps.problems = await page.$$eval('.markers-panel .monaco-list-row', (rows) => rows.map((r) => r.getAttribute('aria-label')));
    log('problems:', result.steps.problems);

    // 2) grammar + hover
    await openFile(page, CONFIG.hover.file);
    let box = null;
    for (let i = 0; i < 50 && !box; i++) {
      box = await tokenBox(page, CONFIG.hover.line, CONFIG.hover.word);
      if (!box) await page.waitForTimeout(100);
    }
    if (!box) throw new Error(`token "${CONFIG.hover.word}" not rendered on line ${CONFIG.hover.line} of ${CONFIG.hover.file}`);
    const keyword = await tokenBox(page, CONFIG.hover.line, CONFIG.grammar.keyword);
    const variable = await tokenBox(page, CONFIG.hover.line, CONFIG.grammar.variable);
    result.steps.grammar = { keyword: keyword && keyword.className, variable: variable && variable.className, fn: box.className };
    await page.mouse.move(5, 5);
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 3 });
    const hover = page.locator('.monaco-hover', { hasText: CONFIG.hover.text }).first();
    await hover.waitFor({ state: 'visible', timeout: CONFIG.timeouts.hover });
    result.steps.hover = (await hover.innerText()).trim();
    await page.screenshot({ path: shot('code-server-hover.png') });
    log('hover:', JSON.stringify(result.steps.hover));
    await page.mouse.move(5, 5);
    await page.keyboard.press('Escape');

    // 3) Run Checks command -> status bar summary
    await runCommand(page, CONFIG.runChecksCommand);
    await page.waitForFunction((re) => [...document.querySelectorAll('.statusbar-item')]
      .some((e) => new RegExp(re).test(e.textContent || '')), CONFIG.statusBar.source, { timeout: CONFIG.timeouts.ui });
    result.steps.statusBar = await page.$$eval('.statusbar-item', (items, re) => items.map((e) => (e.textContent || '').trim())
      .find((t) => new RegExp(re).test(t)), CONFIG.statusBar.source);
    log('status bar:', result.steps.statusBar);

    // 4) quick-fix in hielements.toml, saved and read back from disk
    await openFile(page, CONFIG.quickFix.file);
    const squiggle = page.locator('.monaco-editor .squiggly-warning, .monaco-editor .squiggly-error, .monaco-editor .squiggly-info').first();
    await squiggle.waitFor({ timeout: CONFIG.timeouts.diagnostics });
    const sq = await squiggle.boundingBox();
    await page.mouse.click(sq.x + Math.min(4, sq.width / 2), sq.y + sq.height / 2);
    await page.keyboard.press('Control+.');
    const action = page.locator('.action-widget .monaco-list-row', { hasText: CONFIG.quickFix.title }).first();
    await action.waitFor({ state: 'visible', timeout: CONFIG.timeouts.ui });
    result.steps.quickFixes = await page.$$eval('.action-widget .monaco-list-row', (rows) => rows.map((r) => (r.textContent || '').trim()));
    // the menu sits behind a pointer-blocking overlay: choose the action with the keyboard
    for (let i = 0; i < 20; i++) {
      const focused = await page.locator('.action-widget .monaco-list-row.focused').first().textContent().catch(() => '');
      if ((focused || '').includes(CONFIG.quickFix.title)) break;
      await page.keyboard.press('ArrowDown');
    }
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+S');
    const tomlPath = path.join(dirs.workspace, CONFIG.quickFix.file);
    const before = fs.readFileSync(path.join(CONFIG.workspace, CONFIG.quickFix.file), 'utf8');
    let after = before;
    for (let i = 0; i < 100 && after === before; i++) {
      await page.waitForTimeout(100);
      after = fs.readFileSync(tomlPath, 'utf8');
    }
    result.steps.tomlAfter = after;
    await page.screenshot({ path: shot('code-server-e2e.png') });

    const failures = [];
    if (!(result.steps.squiggles >= 1)) failures.push('no error squiggle');
    if (!result.steps.problems.some((p) => CONFIG.diagnostics.problem.test(p || ''))) failures.push('problem row missing');
    if (!result.steps.hover.includes(CONFIG.hover.text)) failures.push('hover text');
    const g = result.steps.grammar;
    if (!g.keyword || !g.variable || g.keyword === g.variable) failures.push('grammar: keyword and variable tokens are coloured alike');
    if (!CONFIG.statusBar.test(result.steps.statusBar || '')) failures.push('status bar');
    if (!CONFIG.quickFix.expect.test(after)) failures.push(`quick-fix: ${CONFIG.quickFix.file} does not match ${CONFIG.quickFix.expect}`);
    result.failures = failures;
    result.ok = failures.length === 0;
  } catch (error) {
    result.error = error.message.split('\n')[0];
    log('FAILED:', error.message);
    try { if (page) await page.screenshot({ path: shot('code-server-e2e-fail.png') }); } catch { /* best effort */ }
    try { console.error(fs.readFileSync(path.join(dirs.tmp, 'code-server.log'), 'utf8').slice(-4000)); } catch { /* none */ }
  } finally {
    try { if (browser) await browser.close(); } catch { /* already gone */ }
    cs.kill('SIGTERM');
    if (!process.env.KEEP) fs.rmSync(dirs.tmp, { recursive: true, force: true });
    else log('kept', dirs.tmp);
  }
  result.ms_total = Date.now() - T0;
  console.log(JSON.stringify(result));
  process.exitCode = result.ok ? 0 : 1;
}

main().catch((error) => {
  console.log(JSON.stringify({ ok: false, error: error.message }));
  process.exitCode = 1;
});
