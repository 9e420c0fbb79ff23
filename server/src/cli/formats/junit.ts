import type { CheckResult } from '../../eval/types';
import { isBaselined, reportPath, resultSpan, specLocation, violationLocations, type SpecReport } from './report';

/**
 * JUnit XML (GitLab, Jenkins, Azure Pipelines): one testsuite per element (per `.hie` file
 * for validation), one testcase per check; `<failure>` for a failed check, `<error>` for one
 * that could not run, `<skipped>` for a baselined failure, each with message and location.
 */

// XML 1.0 has no escape for most control characters: they are dropped
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const xml = (s: string): string =>
  s.replace(INVALID_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

interface Case {
  name: string;
  classname: string;
  file: string;
  line: number;
  /** `<failure …>`, `<error …>`, `<skipped …/>` or nothing. */
  body: string;
  kind: 'pass' | 'failure' | 'error' | 'skipped';
}

interface Suite {
  name: string;
  file: string;
  cases: Case[];
}

function element(tag: 'failure' | 'error', message: string, type: string, detail: string): string {
  return `<${tag} message="${xml(message)}" type="${type}">${xml(detail)}</${tag}>`;
}

function checkCase(report: SpecReport, r: CheckResult): Case {
  const at = specLocation(report, resultSpan(r));
  const where = `${at.path}:${at.region?.startLine}:${at.region?.startColumn}`;
  const base = { name: r.text, classname: r.elementPath, file: at.path, line: at.region?.startLine ?? 1 };
  const o = r.outcome;
  if (o.status === 'pass') return { ...base, body: '', kind: 'pass' };
  if (o.status === 'error') return { ...base, body: element('error', o.message, o.code ?? 'error', `${where}: ${o.message}`), kind: 'error' };
  if (isBaselined(report, r)) {
    return { ...base, body: `<skipped message="${xml(`known failure (baseline ${report.run?.baseline?.file}): ${o.message}`)}"/>`, kind: 'skipped' };
  }
  const violations = violationLocations(report, r).map((v) => `\nviolation: ${v.path}${v.line !== undefined ? `:${v.line}` : ''}`);
  return { ...base, body: element('failure', o.message, 'fail', `${where}: ${o.message}${violations.join('')}`), kind: 'failure' };
}

function suites(report: SpecReport): Suite[] {
  const file = reportPath(report.cwd, report.file);
  const out: Suite[] = [];
  const errors = report.diagnostics.filter((d) => d.severity === 'error');
  if (!report.run || errors.length > 0) {
    const cases: Case[] = errors.map((d) => {
      const at = specLocation(report, d.span);
      const where = `${at.path}:${at.region?.startLine}:${at.region?.startColumn}`;
      return { name: `${d.code} at ${where}`, classname: file, file, line: at.region?.startLine ?? 1, body: element('error', d.message, d.code, `${where}: ${d.message}`), kind: 'error' };
    });
    if (cases.length === 0) cases.push({ name: `${file} validates`, classname: file, file, line: 1, body: '', kind: 'pass' });
    out.push({ name: `${file} (validation)`, file, cases });
  }
  const byElement = new Map<string, Case[]>();
  for (const r of report.run?.results ?? []) {
    const list = byElement.get(r.elementPath) ?? [];
    list.push(checkCase(report, r));
    byElement.set(r.elementPath, list);
  }
  for (const [name, cases] of byElement) out.push({ name, file, cases });
  const stale = report.run?.baseline?.comparison.stale ?? [];
  if (stale.length > 0) {
    const message = `stale baseline entry: no longer fails; update ${report.run?.baseline?.file} with --write-baseline`;
    out.push({
      name: `baseline ${report.run?.baseline?.file}`,
      file,
      cases: stale.map((e) => ({ name: e.check, classname: e.element, file, line: 1, body: `<skipped message="${xml(message)}"/>`, kind: 'skipped' })),
    });
  }
  return out;
}

const count = (cases: Case[], kind: Case['kind']): number => cases.filter((c) => c.kind === kind).length;
const counts = (cases: Case[]): string =>
  `tests="${cases.length}" failures="${count(cases, 'failure')}" errors="${count(cases, 'error')}" skipped="${count(cases, 'skipped')}"`;

export function junitReport(report: SpecReport): string {
  const all = suites(report);
  let out = `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="hielements" ${counts(all.flatMap((s) => s.cases))}>\n`;
  for (const s of all) {
    out += `  <testsuite name="${xml(s.name)}" ${counts(s.cases)} file="${xml(s.file)}">\n`;
    for (const c of s.cases) {
      const open = `    <testcase name="${xml(c.name)}" classname="${xml(c.classname)}" file="${xml(c.file)}" line="${c.line}"`;
      out += c.body === '' ? `${open}/>\n` : `${open}>\n      ${c.body}\n    </testcase>\n`;
    }
    out += '  </testsuite>\n';
  }
  return out + '</testsuites>\n';
}
