import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { hoverText, LspDiagnostic, ProbeResult, REPO_ROOT, runNeovimProbe } from './neovimHarness';

/**
 * The language server in a real editor: Neovim's built-in LSP client starts
 * `node server/bin/hielements-language-server.js --stdio` on test-fixtures/editor.
 * (HIELEMENTS_E2E_SERVER=<file.js> runs another server module instead, e.g. a locally built bundle.)
 */
const FIXTURE = path.join(REPO_ROOT, 'test-fixtures', 'editor');
const SERVER = process.env.HIELEMENTS_E2E_SERVER ?? path.join(REPO_ROOT, 'server', 'bin', 'hielements-language-server.js');

const SYNTAX_ERROR_FILE = path.join(FIXTURE, 'syntax-error.hie');
const HOVER_FILE = path.join(FIXTURE, 'hover.hie');
/** `    check files.exists(root, 'hielements.toml')`: character 18 is inside `exists`. */
const HOVER_POSITION = { line: 3, character: 18 };

function essentials(d: LspDiagnostic) {
  return { range: d.range, severity: d.severity, code: d.code, message: d.message };
}

describe('e2e: Neovim built-in LSP client', function () {
  this.timeout(30000);
  let probe: Promise<ProbeResult> | undefined;
  const result = () =>
    (probe ??= runNeovimProbe({
      cmd: ['node', SERVER, '--stdio'],
      rootDir: FIXTURE,
      timeoutMs: 15000,
      files: [
        { path: SYNTAX_ERROR_FILE, waitForDiagnostics: true },
        { path: HOVER_FILE, hover: HOVER_POSITION },
      ],
    }));

  it('shows the syntax error of `element a` without a colon', async () => {
    const r = await result();
    assert.equal(r.error, undefined, `probe failed: ${r.error}\nserver stderr:\n${r.serverStderr.slice(-3000)}`);
    const file = r.files.find((f) => f.path === SYNTAX_ERROR_FILE);
    assert.ok(file, 'no result for syntax-error.hie');
    assert.deepEqual(file.diagnostics.map(essentials), [
      {
        range: { start: { line: 0, character: 9 }, end: { line: 0, character: 10 } },
        severity: 1,
        code: 'E007',
        message: 'Expected Colon, found Newline',
      },
    ]);
  });

  it('shows the signature of files.exists on hover', async () => {
    const r = await result();
    assert.ok(r.ok, `probe failed: ${r.error ?? 'no hover result'}\nserver stderr:\n${r.serverStderr.slice(-3000)}`);
    const file = r.files.find((f) => f.path === HOVER_FILE);
    assert.ok(file, 'no result for hover.hie');
    assert.equal(file.hover_error, undefined, `hover failed: ${JSON.stringify(file.hover_error)}`);
    const text = hoverText(file.hover);
    assert.ok(
      text.includes('files.exists(scope: Scope, filename: string)'),
      `hover text does not contain the signature: ${JSON.stringify(text)}`,
    );
  });
});
