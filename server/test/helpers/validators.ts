import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, chmodSync, constants, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * Validators written elsewhere, so that our outputs are judged by their consumers rather than
 * by our own reading of the formats: Microsoft's SARIF Multitool (npm devDependency) and
 * Debian's python3-junitparser (apt, run with /usr/bin/python3).
 */

export interface SarifValidation {
  errors: string[];
  warnings: string[];
}

/** The Multitool's native binary; npm may skip the install script that makes it executable. */
function multitool(): string {
  const dir = path.dirname(require.resolve('@microsoft/sarif-multitool-linux/package.json'));
  const binary = path.join(dir, 'Sarif.Multitool');
  try {
    accessSync(binary, constants.X_OK);
  } catch {
    chmodSync(binary, statSync(binary).mode | 0o100);
  }
  return binary;
}

const messageText = (run: any, r: any): string => {
  const rule = run.tool.driver.rules?.[r.ruleIndex];
  const template: string = r.message.text ?? rule?.messageStrings?.[r.message.id]?.text ?? r.message.id;
  return `${r.ruleId}: ${template.replace(/\{(\d+)\}/g, (_m: string, i: string) => r.message.arguments?.[Number(i)] ?? '')}`;
};

/** `sarif validate FILE -o OUT` and the results it reports, by level (absent level = warning). */
export function validateSarif(sarifText: string): SarifValidation {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hie-sarif-'));
  try {
    const input = path.join(dir, 'report.sarif');
    const output = path.join(dir, 'validation.sarif');
    writeFileSync(input, sarifText);
    const r = spawnSync(multitool(), ['validate', input, '-o', output], { encoding: 'utf8', env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1' } });
    if (r.error) throw r.error;
    const log = JSON.parse(readFileSync(output, 'utf8'));
    const run = log.runs[0];
    const out: SarifValidation = { errors: [], warnings: [] };
    for (const res of run.results ?? []) (res.level === 'error' ? out.errors : out.warnings).push(messageText(run, res));
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface JUnitResult {
  kind: 'Failure' | 'Error' | 'Skipped';
  message: string | null;
  type: string | null;
  text: string | null;
}

export interface JUnitReport {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
  suites: { name: string; tests: number; failures: number; errors: number; skipped: number; cases: { name: string; classname: string; file: string; line: string; results: JUnitResult[] }[] }[];
}

/** The report as junitparser reads it (throws with python's error when it cannot). */
export function readJUnit(xmlText: string): JUnitReport {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hie-junit-'));
  try {
    const file = path.join(dir, 'report.xml');
    writeFileSync(file, xmlText);
    const script = path.resolve(__dirname, '..', '..', '..', 'test', 'helpers', 'junitRead.py');
    return JSON.parse(execFileSync('/usr/bin/python3', [script, file], { encoding: 'utf8' })) as JUnitReport;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
