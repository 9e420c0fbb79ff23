// One code-server session for one scenario: fresh user/extension/home dirs, a copy of the scenario's
// workspace, code-server on a free port, headless Debian chromium driven by playwright-core, and the
// UI helpers scenarios share (open a file, find a rendered token, run a command).
'use strict';
const { spawn, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const http = require('node:http');
const net = require('node:net');

const REPO = path.resolve(__dirname, '..', '..', '..');
const CACHE = process.env.HIELEMENTS_EDITOR_CACHE || path.join(REPO, '.cache');

const ENV = {
  repo: REPO,
  codeServerBin: process.env.CS_BIN || path.join(CACHE, 'code-server', 'node_modules', '.bin', 'code-server'),
  vsix: process.env.VSIX || path.join(REPO, 'client', 'hielements.vsix'),
  chromium: process.env.CHROMIUM || '/usr/bin/chromium',
  artifacts: process.env.ARTIFACTS || path.join(REPO, 'test-artifacts'),
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

function checkPrerequisites(workspace) {
  const missing = [];
  if (!fs.existsSync(ENV.codeServerBin)) missing.push(`code-server (${ENV.codeServerBin}): run scripts/e2e/setup-editors.sh code-server`);
  if (!fs.existsSync(ENV.chromium)) missing.push(`chromium (${ENV.chromium}): run scripts/e2e/setup-editors.sh code-server`);
  if (!fs.existsSync(ENV.vsix)) missing.push(`the extension (${ENV.vsix}): run npm run package -w client`);
  if (!fs.existsSync(workspace)) missing.push(`the workspace ${workspace}`);
  if (missing.length > 0) throw new Error(`missing prerequisites:\n  ${missing.join('\n  ')}`);
}

function httpOk(url) {
  return new Promise((resolve) => {
    http.get(url, (r) => { r.resume(); resolve(r.statusCode < 500); }).on('error', () => resolve(false));
  });
}

/** A TCP port nobody listens on right now (several checkouts may run this test at once). */
function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().once('error', reject).listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** Fresh user/extension dirs, settings, and a copy of the workspace (scenarios may edit it). */
function prepareDirs(workspace, { trusted, settings }) {
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
  fs.cpSync(workspace, dirs.workspace, { recursive: true });
  fs.writeFileSync(path.join(dirs.user, 'User', 'settings.json'), JSON.stringify({
    'workbench.startupEditor': 'none',
    'security.workspace.trust.enabled': !trusted,
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
    ...settings,
  }, null, 1));
  return dirs;
}

/**
 * Starts code-server with the packaged extension on a copy of `workspace` and opens it in chromium.
 * `trusted: false` leaves VS Code's workspace trust on (the folder opens in Restricted Mode).
 * Returns { page, dirs, shot(name), close() }.
 */
async function openSession({ workspace, trusted = true, settings = {} }) {
  checkPrerequisites(workspace);
  const { chromium } = loadPlaywright();
  const dirs = prepareDirs(workspace, { trusted, settings });
  fs.mkdirSync(ENV.artifacts, { recursive: true });
  const port = Number(process.env.PORT || 0) || (await freePort());
  const csArgs = ['--user-data-dir', dirs.user, '--extensions-dir', dirs.ext];
  const env = { ...process.env, HOME: dirs.home, XDG_CONFIG_HOME: path.join(dirs.home, '.config') };

  log('installing', ENV.vsix);
  execFileSync(ENV.codeServerBin, [...csArgs, '--install-extension', ENV.vsix], { env, stdio: ['ignore', 2, 2] });

  const cs = spawn(ENV.codeServerBin, [...csArgs, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry', '--disable-update-check', ...(trusted ? ['--disable-workspace-trust'] : []),
    '--disable-getting-started-override', '--log', 'info', dirs.workspace], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  // two sources, one log: neither pipe may end it (the other could still write, which throws); the
  // log ends when the process has closed both
  const csLog = fs.createWriteStream(path.join(dirs.tmp, 'code-server.log'));
  csLog.on('error', (e) => log('code-server log:', e.message));
  cs.stdout.pipe(csLog, { end: false });
  cs.stderr.pipe(csLog, { end: false });
  const exited = new Promise((resolve) => cs.on('close', () => csLog.end(resolve)));
  let browser;
  const close = async () => {
    try { if (browser) await browser.close(); } catch { /* already gone */ }
    cs.kill('SIGTERM');
    const killer = setTimeout(() => cs.kill('SIGKILL'), 10000);
    await exited;
    clearTimeout(killer);
    if (!process.env.KEEP) fs.rmSync(dirs.tmp, { recursive: true, force: true });
    else log('kept', dirs.tmp);
  };
  try {
    for (let i = 0; !(await httpOk(`http://127.0.0.1:${port}/healthz`)); i++) {
      if (i > 300) throw new Error('code-server did not come up within 30 s');
      await new Promise((r) => setTimeout(r, 100));
    }
    browser = await chromium.launchPersistentContext(dirs.browser, {
      executablePath: ENV.chromium,
      headless: true,
      viewport: { width: 1400, height: 900 },
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
    });
    const page = browser.pages()[0] || (await browser.newPage());
    page.on('pageerror', (e) => log('pageerror:', e.message));
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(dirs.workspace)}`);
    await page.waitForSelector('.monaco-workbench .part.editor', { timeout: ENV.timeouts.workbench });
    await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: ENV.timeouts.workbench });
    log('workbench loaded');
    return {
      page,
      dirs,
      shot: (name) => path.join(ENV.artifacts, name),
      serverLog: () => { try { return fs.readFileSync(path.join(dirs.tmp, 'code-server.log'), 'utf8'); } catch { return ''; } },
      close,
    };
  } catch (error) {
    try { console.error(fs.readFileSync(path.join(dirs.tmp, 'code-server.log'), 'utf8').slice(-4000)); } catch { /* none */ }
    await close();
    throw error;
  }
}

async function openFile(page, file) {
  await page.locator('.monaco-workbench .part.editor').click({ position: { x: 5, y: 5 } }).catch(() => {});
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: ENV.timeouts.ui });
  await input.fill(file);
  await page.locator(`.quick-input-list .monaco-list-row[aria-label*="${path.basename(file)}"]`).first()
    .waitFor({ timeout: ENV.timeouts.ui });
  await page.keyboard.press('Enter');
  await page.locator(`.tab.active[aria-label*="${path.basename(file)}"]`).waitFor({ timeout: ENV.timeouts.ui });
  await page.locator('.monaco-editor .view-lines').first().waitFor({ timeout: ENV.timeouts.ui });
}

/** Screen rectangle and token class of the first rendered span whose text is exactly `word` on 1-based `line`. */
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

/** Waits until `word` is rendered on `line` and returns its box (the editor renders lazily). */
async function waitForToken(page, line, word, tries = 50) {
  for (let i = 0; i < tries; i++) {
    const box = await tokenBox(page, line, word);
    if (box) return box;
    await page.waitForTimeout(100);
  }
  throw new Error(`token "${word}" not rendered on line ${line}`);
}

/**
 * Text of the hover that shows `text` once the mouse rests on `line`'s `word`, or '' if none does
 * within `timeout`. The pointer is moved away and back until then, as a user does when the first
 * rest went unnoticed (the editor was still laying out, or a notification covered the word).
 */
async function hoverText(page, line, word, text, timeout = ENV.timeouts.hover) {
  const deadline = Date.now() + timeout;
  const hover = page.locator('.monaco-hover', { hasText: text }).first();
  while (Date.now() < deadline) {
    const box = await waitForToken(page, line, word);
    await page.mouse.move(5, 5);
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 3 });
    const shown = await hover.waitFor({ state: 'visible', timeout: Math.max(1, Math.min(5000, deadline - Date.now())) }).then(() => true, () => false);
    if (shown) return (await hover.innerText().catch(() => '')).trim();
  }
  return '';
}

async function runCommand(page, title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: ENV.timeouts.ui });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: ENV.timeouts.ui });
  await page.keyboard.press('Enter');
}

/** Text of the first status bar item matching `re`, once one does. */
async function waitForStatusBar(page, re) {
  await page.waitForFunction((src) => [...document.querySelectorAll('.statusbar-item')]
    .some((e) => new RegExp(src).test(e.textContent || '')), re.source, { timeout: ENV.timeouts.ui });
  return page.$$eval('.statusbar-item', (items, src) => items.map((e) => (e.textContent || '').trim())
    .find((t) => new RegExp(src).test(t)), re.source);
}

module.exports = { ENV, log, openSession, openFile, tokenBox, waitForToken, hoverText, runCommand, waitForStatusBar };
