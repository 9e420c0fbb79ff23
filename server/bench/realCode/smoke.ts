import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { cacheDir, type Corpus } from './corpora';
import { specFor } from './specs';

/** The installed CLI entry (server/bin), run in a fresh process like a CI job would. */
const BIN = path.resolve(__dirname, '..', '..', '..', 'bin', 'hielements.js');
const REPORT_RSS = path.join(__dirname, 'reportRss.js');

export interface CheckLine {
  check: string;
  element: string;
  message: string | null;
  status: 'pass' | 'fail' | 'error';
}

export interface SpecRun {
  specFile: string;
  wallMs: number;
  maxRssBytes: number;
  summary: { total: number; passed: number; failed: number; errors: number };
  results: CheckLine[];
  /** Why the run is a failure of the tools: ERROR results, a crash, output that is not the JSON report. */
  problems: string[];
}

export interface SmokeResult extends SpecRun {
  corpus: Corpus;
  sourceFiles: number;
}

interface Report {
  results?: CheckLine[];
  summary?: SpecRun['summary'];
}

/** Generate the corpus's spec (`specs.ts`) and run it. */
export function smokeRun(corpus: Corpus, specDir = path.join(cacheDir(), 'specs')): SmokeResult {
  const spec = specFor(corpus);
  const run = runSpec(corpus, spec.text, path.join(specDir, `${corpus.language}-${corpus.name}.hie`));
  if (run.results.length > 0 && run.results.length !== spec.checks) run.problems.push(`${run.results.length} results for ${spec.checks} checks`);
  return { ...run, corpus, sourceFiles: spec.sourceFiles };
}

/**
 * Write `specText` to `specFile`, run `hielements run SPEC -w CORPUS --format json` in a new
 * process and read its report. Exit 0 or 1 with a report is a normal run; anything else
 * (another exit code, a signal, no JSON, a spec that does not validate, ERROR results) is
 * listed in `problems`.
 */
export function runSpec(corpus: Corpus, specText: string, specFile: string): SpecRun {
  mkdirSync(path.dirname(specFile), { recursive: true });
  writeFileSync(specFile, specText);
  const start = process.hrtime.bigint();
  const child = spawnSync(process.execPath, ['-r', REPORT_RSS, BIN, 'run', specFile, '-w', corpus.root, '--format', 'json'], {
    encoding: 'utf8',
    maxBuffer: 256 << 20,
  });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  const problems: string[] = [];
  if (child.error) problems.push(`could not start the CLI: ${child.error.message}`);
  if (child.signal) problems.push(`the CLI was killed by ${child.signal}`);
  else if (child.status !== 0 && child.status !== 1) problems.push(`the CLI exited with ${child.status}: ${lastLines(child.stderr)}`);
  let report: Report = {};
  try {
    report = JSON.parse(child.stdout) as Report;
  } catch {
    problems.push(`no JSON report on stdout: ${lastLines(child.stdout || child.stderr)}`);
  }
  const results = report.results ?? [];
  if (!report.results && problems.length === 0) problems.push(`the spec did not validate: ${lastLines(child.stdout)}`);
  for (const r of results) if (r.status === 'error') problems.push(`ERROR ${r.element} :: ${r.check} --> ${r.message}`);
  const rss = /maxRSS (\d+)/.exec(child.stderr ?? '');
  return {
    specFile,
    wallMs,
    maxRssBytes: rss ? Number(rss[1]) * 1024 : NaN,
    summary: report.summary ?? { total: 0, passed: 0, failed: 0, errors: 0 },
    results,
    problems,
  };
}

function lastLines(text: string | undefined): string {
  const lines = (text ?? '').trim().split('\n');
  return lines.slice(-5).join(' | ') || '(empty)';
}
