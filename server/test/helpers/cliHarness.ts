import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/cli/main';

export interface CliResult {
  exit: number;
  stdout: string;
  stderr: string;
}

/** A temporary workspace: files are written relative to `dir`, which is also the cwd. */
export class TempWorkspace {
  readonly dir: string;

  constructor(files: Record<string, string> = {}) {
    this.dir = mkdtempSync(path.join(os.tmpdir(), 'hie-test-'));
    this.write(files);
  }

  write(files: Record<string, string>): this {
    for (const [rel, content] of Object.entries(files)) {
      const file = path.join(this.dir, rel);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, content);
    }
    return this;
  }

  async cli(...argv: string[]): Promise<CliResult> {
    let stdout = '';
    let stderr = '';
    const exit = await main(argv, { out: (t) => (stdout += t), err: (t) => (stderr += t), cwd: this.dir });
    return { exit, stdout, stderr };
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export interface ReportedDiagnostic {
  severity: string;
  code: string;
  message: string;
  line: number;
  column: number;
}

/** `hielements check t.hie --format json` on `text`; diagnostics flattened, errors first. */
export async function checkText(text: string, files: Record<string, string> = {}): Promise<{ exit: number; diagnostics: ReportedDiagnostic[] }> {
  const ws = new TempWorkspace({ 't.hie': text, ...files });
  try {
    const result = await ws.cli('check', 't.hie', '--format', 'json');
    const report = JSON.parse(result.stdout);
    const flatten = (d: { severity: string; code: string; message: string; span: { start: { line: number; column: number } } }) => ({
      severity: d.severity,
      code: d.code,
      message: d.message,
      line: d.span.start.line,
      column: d.span.start.column,
    });
    return { exit: result.exit, diagnostics: [...report.errors.map(flatten), ...report.warnings.map(flatten)] };
  } finally {
    ws.dispose();
  }
}

/** `hielements parse t.hie` → the AST object (throws with the stderr text when it fails). */
export async function parseText(text: string): Promise<any> {
  const ws = new TempWorkspace({ 't.hie': text });
  try {
    const result = await ws.cli('parse', 't.hie');
    if (result.exit !== 0) throw new Error(`parse failed (${result.exit}): ${result.stderr}`);
    return JSON.parse(result.stdout);
  } finally {
    ws.dispose();
  }
}

/** `code line:column message` of a diagnostic, the form conformance.md writes them in. */
export const brief = (d: ReportedDiagnostic): string => `${d.code} ${d.line}:${d.column} ${d.message}`;

/** Remove every `span` key (conformance compares ASTs ignoring spans). */
export function withoutSpans(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSpans);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([k]) => k !== 'span').map(([k, v]) => [k, withoutSpans(v)]));
  }
  return value;
}
