import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { hoverText, LspDiagnostic, ProbeJob, ProbeResult, REPO_ROOT } from './neovimHarness';

/** test-fixtures/editor and what a correct server answers there (shared by the editor tests). */
export const FIXTURE = path.join(REPO_ROOT, 'test-fixtures', 'editor');
export const SYNTAX_ERROR_FILE = path.join(FIXTURE, 'syntax-error.hie');
export const HOVER_FILE = path.join(FIXTURE, 'hover.hie');
/** `    check files.exists(root, 'hielements.toml')`: character 18 is inside `exists`. */
export const HOVER_POSITION = { line: 3, character: 18 };

export const EXPECTED_SYNTAX_ERRORS = [
  {
    range: { start: { line: 0, character: 9 }, end: { line: 0, character: 10 } },
    severity: 1,
    code: 'E007',
    message: 'Expected Colon, found Newline',
  },
];
export const EXPECTED_HOVER_SIGNATURE = 'files.exists(scope: Scope, filename: string)';

export function probeJob(cmd: string[]): ProbeJob {
  return {
    cmd,
    rootDir: FIXTURE,
    timeoutMs: 15000,
    files: [
      { path: SYNTAX_ERROR_FILE, waitForDiagnostics: true },
      { path: HOVER_FILE, hover: HOVER_POSITION },
    ],
  };
}

function essentials(d: LspDiagnostic) {
  return { range: d.range, severity: d.severity, code: d.code, message: d.message };
}

function failure(r: ProbeResult, what: string): string {
  return `${what}: ${r.error ?? 'no result'}\nserver stderr:\n${r.serverStderr.slice(-3000)}`;
}

export function assertSyntaxError(r: ProbeResult): void {
  assert.equal(r.error, undefined, failure(r, 'probe failed'));
  const file = r.files.find((f) => f.path === SYNTAX_ERROR_FILE);
  assert.ok(file, 'no result for syntax-error.hie');
  assert.deepEqual(file.diagnostics.map(essentials), EXPECTED_SYNTAX_ERRORS);
}

export function assertHover(r: ProbeResult): void {
  assert.ok(r.ok, failure(r, 'probe failed'));
  const file = r.files.find((f) => f.path === HOVER_FILE);
  assert.ok(file, 'no result for hover.hie');
  assert.equal(file.hover_error, undefined, `hover failed: ${JSON.stringify(file.hover_error)}`);
  const text = hoverText(file.hover);
  assert.ok(text.includes(EXPECTED_HOVER_SIGNATURE), `hover text does not contain the signature: ${JSON.stringify(text)}`);
}
