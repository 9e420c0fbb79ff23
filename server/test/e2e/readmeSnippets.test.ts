import { strict as assert } from 'node:assert';
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EXPECTED_HOVER_SIGNATURE, FIXTURE, HOVER_FILE, HOVER_POSITION, SYNTAX_ERROR_FILE } from './editorFixture';
import { REPO_ROOT } from './neovimHarness';

/**
 * The README's editor snippets, tested as written: each is read out of README.md and given to
 * the real editor as its configuration; `hielements-language-server` is on PATH, as after
 * `npm install -g` (a wrapper around this checkout's server). The editor is started outside the
 * repository on the fixture's files; it must show the syntax error and answer a hover.
 */
const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');

/** The first ```lang block after `label`. */
function snippet(label: string, lang: string): string {
  const at = readme.indexOf(label);
  assert.ok(at >= 0, `README.md has no ${label}`);
  const start = readme.indexOf('```' + lang + '\n', at);
  assert.ok(start >= 0, `README.md has no \`\`\`${lang} block after ${label}`);
  const body = start + lang.length + 4;
  return readme.slice(body, readme.indexOf('```', body));
}

interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
}

function runEditor(command: string, args: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const killer = setTimeout(() => child.kill('SIGKILL'), 60000);
    child.on('error', (e) => {
      clearTimeout(killer);
      reject(e);
    });
    child.on('close', (status) => {
      clearTimeout(killer);
      resolve({ status, stdout, stderr });
    });
  });
}

/**
 * The probe's result: a JSON object on a line of its own, or after a prompt Emacs printed in batch
 * mode without a line break (the server asking whether a workspace with external plugins is trusted
 * can come just before the result, depending on timing).
 */
const jsonLine = (r: Ran): any => {
  for (const line of r.stdout.split('\n')) {
    const at = line.indexOf('{"');
    if (at === -1) continue;
    try {
      return JSON.parse(line.slice(at));
    } catch {
      // not the result
    }
  }
  throw new Error(`the editor printed no result (exit ${r.status})\nstdout: ${r.stdout}\nstderr: ${r.stderr.slice(-3000)}`);
};

describe('e2e: the README editor snippets, as written', function () {
  this.timeout(90000);
  let dir: string;
  let PATH: string;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hie-readme-editors-'));
    const bin = path.join(dir, 'bin');
    fs.mkdirSync(bin);
    const server = path.join(bin, 'hielements-language-server');
    fs.writeFileSync(server, `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(path.join(REPO_ROOT, 'server', 'bin', 'hielements-language-server.js'))} "$@"\n`);
    fs.chmodSync(server, 0o755);
    PATH = `${bin}${path.delimiter}${process.env.PATH}`;
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('Neovim (the version setup:editors installs, 0.7.2 on Debian 12): the lua snippet starts the server, shows the error and a hover', async () => {
    const version = execFileSync('nvim', ['--version'], { encoding: 'utf8' }).split('\n')[0];
    const init = path.join(dir, 'init.lua');
    fs.writeFileSync(init, snippet('**Neovim**', 'lua'));
    const probe = path.join(REPO_ROOT, 'scripts', 'e2e', 'nvim-readme-probe.lua');
    const ran = await runEditor('nvim', ['--headless', '-u', init, '-i', 'NONE', '-n', '-c', `luafile ${probe}`, SYNTAX_ERROR_FILE], {
      PATH,
      HIE_HOVER: JSON.stringify({ path: HOVER_FILE, ...HOVER_POSITION }),
    }, dir);
    const r = jsonLine(ran);
    assert.equal(r.ok, true, JSON.stringify(r));
    assert.equal(`NVIM v${r.nvim}`, version);
    assert.equal(r.filetype, 'hielements');
    assert.deepEqual(r.clients, [{ name: 'hielements', root_dir: FIXTURE }], 'one client, rooted at the folder of hielements.toml');
    assert.deepEqual(r.diagnostics, [{ lnum: 0, col: 9, end_lnum: 0, end_col: 10, severity: 1, code: 'E007', message: 'Expected Colon, found Newline' }]);
    assert.ok(String(r.hover.contents.value).includes(EXPECTED_HOVER_SIGNATURE), JSON.stringify(r.hover));
  });

  it('Emacs with eglot: the elisp snippet starts the server, shows the error and a hover', async () => {
    const file = path.join(dir, 'hielements.el');
    fs.writeFileSync(file, snippet('**Emacs**', 'elisp'));
    const probe = path.join(REPO_ROOT, 'scripts', 'e2e', 'emacs-readme-probe.el');
    const ran = await runEditor('emacs', ['--batch', '-l', probe], {
      PATH,
      HIE_SNIPPET: file,
      HIE_FILE: SYNTAX_ERROR_FILE,
      HIE_HOVER_FILE: HOVER_FILE,
      HIE_HOVER_LINE: String(HOVER_POSITION.line),
      HIE_HOVER_CHARACTER: String(HOVER_POSITION.character),
    }, dir);
    const r = jsonLine(ran);
    assert.equal(r.ok, true, JSON.stringify(r) + ran.stderr.slice(-2000));
    assert.equal(r.mode, 'hielements-mode');
    assert.equal(r.server, true);
    // flymake moves a diagnostic at the end of a line onto its last character
    assert.deepEqual(r.diagnostics, [{ line: 0, character: 8, end_character: 9, type: 'eglot-error', text: 'hielements [E007]: Expected Colon, found Newline' }]);
    assert.ok(String(r.hover).includes(EXPECTED_HOVER_SIGNATURE), r.hover);
  });
});
