import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { HieDiagnostic } from '../../diagnostics/diagnostic';
import type { CheckResult } from '../../eval/types';
import { checkFunction, isBaselined, resultSpan, specLocation, violationLocations, type Location, type SpecReport } from './report';

/**
 * SARIF 2.1.0 (GitHub code scanning, Azure DevOps, …): one run; a rule per library function
 * the checks used (and per diagnostic code); a result per failing or erroring check at the
 * check in the `.hie` file, with the library's violation locations as related locations.
 * Baselined failures carry an external suppression and `baselineState: "unchanged"`.
 */

export interface ToolInfo {
  name: string;
  version: string;
  informationUri: string;
}

interface Rule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  defaultConfiguration: { level: 'error' | 'warning' | 'note' };
  properties?: Record<string, unknown>;
}

const SRCROOT = 'SRCROOT';

/** `files.no_files_matching` → `FilesNoFilesMatching` (SARIF asks for Pascal-case rule names). */
const pascal = (id: string): string => id.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0].toUpperCase() + w.slice(1)).join('');

const firstSentence = (text: string): string => {
  const m = /^(.*?[.!?])(\s|$)/s.exec(text);
  return (m ? m[1] : text).trim();
};

/** SARIF messages are sentences. */
const sentence = (text: string): string => (/[.!?]$/.test(text.trimEnd()) ? text : `${text}.`);

function artifact(loc: Location): { uri: string; uriBaseId?: string } {
  if (path.posix.isAbsolute(loc.path)) return { uri: pathToFileURL(loc.path).href };
  return { uri: encodeURI(loc.path), uriBaseId: SRCROOT };
}

function physical(loc: Location): Record<string, unknown> {
  const region = loc.region ?? (loc.line !== undefined ? { startLine: loc.line } : undefined);
  return { artifactLocation: artifact(loc), ...(region ? { region } : {}) };
}

class RuleTable {
  readonly rules: Rule[] = [];
  private readonly index = new Map<string, number>();

  add(rule: Rule): number {
    let i = this.index.get(rule.id);
    if (i === undefined) {
      i = this.rules.push(rule) - 1;
      this.index.set(rule.id, i);
    }
    return i;
  }
}

function functionRule(report: SpecReport, id: string): Rule {
  const doc = report.run?.functionDocs?.get(id);
  const description = doc?.description || `Architecture check \`${id}\`.`;
  return {
    id,
    name: pascal(id),
    shortDescription: { text: sentence(firstSentence(description)) },
    fullDescription: { text: sentence(description) },
    defaultConfiguration: { level: 'error' },
    properties: { library: id.split('.')[0], tags: ['architecture'] },
  };
}

const CHECK_RULE = 'hielements.check';

function diagnosticRule(d: HieDiagnostic): Rule {
  const what = d.code.startsWith('W') ? 'warning' : 'error';
  return {
    id: d.code,
    name: `Hielements${d.code}`,
    shortDescription: { text: `Hielements validation ${what} ${d.code}.` },
    fullDescription: { text: `The .hie file does not validate: ${what} ${d.code} of the Hielements language.` },
    defaultConfiguration: { level: what === 'warning' ? 'warning' : 'error' },
  };
}

const fingerprint = (...parts: string[]): string => createHash('sha256').update(JSON.stringify(parts)).digest('hex');

function checkResult(report: SpecReport, r: CheckResult, rules: RuleTable): Record<string, unknown> {
  const fn = checkFunction(r) ?? CHECK_RULE;
  const ruleIndex = rules.add(fn === CHECK_RULE ? { ...functionRule(report, fn), name: 'HielementsCheck' } : functionRule(report, fn));
  const o = r.outcome as { status: 'fail' | 'error'; message: string; code?: string };
  const related = violationLocations(report, r).map((loc, i) => ({ id: i + 1, physicalLocation: physical(loc), message: { text: 'Violation found here.' } }));
  const links = related.map((rel, i) => `[${violationLabel(violationLocations(report, r)[i])}](${rel.id})`);
  const prefix = o.status === 'error' ? 'Check could not run: ' : '';
  const text = sentence(`${prefix}${o.message}`) + (links.length > 0 ? ` Found in ${links.join(', ')}.` : '');
  const baselined = isBaselined(report, r);
  const specPath = specLocation(report, r.check.span).path;
  return {
    ruleId: fn,
    ruleIndex,
    level: 'error',
    kind: 'fail',
    message: { text },
    locations: [{ physicalLocation: physical(specLocation(report, resultSpan(r))), logicalLocations: [{ fullyQualifiedName: r.elementPath }] }],
    ...(related.length > 0 ? { relatedLocations: related } : {}),
    partialFingerprints: { 'hielementsCheck/v1': fingerprint(specPath, r.elementPath, r.text) },
    ...(report.run?.baseline ? { baselineState: baselined ? 'unchanged' : 'new' } : {}),
    ...(baselined ? { suppressions: [{ kind: 'external', justification: `Known failure listed in the baseline ${report.run?.baseline?.file}.` }] } : {}),
    properties: { element: r.elementPath, check: r.text, status: o.status, ...(o.code ? { code: o.code } : {}) },
  };
}

const violationLabel = (loc: Location): string => (loc.line !== undefined ? `${loc.path}:${loc.line}` : loc.path).replace(/[[\]]/g, '\\$&');

function diagnosticResult(report: SpecReport, d: HieDiagnostic, rules: RuleTable): Record<string, unknown> {
  return {
    ruleId: d.code,
    ruleIndex: rules.add(diagnosticRule(d)),
    level: d.severity === 'error' ? 'error' : 'warning',
    message: { text: sentence(d.message) },
    locations: [{ physicalLocation: physical(specLocation(report, d.span)) }],
  };
}

export function sarifReport(report: SpecReport, tool: ToolInfo): string {
  const rules = new RuleTable();
  const results: Record<string, unknown>[] = report.diagnostics.map((d) => diagnosticResult(report, d, rules));
  for (const r of report.run?.results ?? []) {
    const fn = checkFunction(r);
    if (fn) rules.add(functionRule(report, fn)); // every function used is a rule, failing or not
    if (r.outcome.status !== 'pass') results.push(checkResult(report, r, rules));
  }
  const stale = report.run?.baseline?.comparison.stale ?? [];
  const run = {
    tool: { driver: { name: tool.name, version: tool.version, semanticVersion: tool.version, informationUri: tool.informationUri, rules: rules.rules } },
    invocations: [{ executionSuccessful: true }],
    originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(report.cwd.endsWith(path.sep) ? report.cwd : report.cwd + path.sep).href } },
    columnKind: 'utf16CodeUnits',
    results,
    ...(report.run?.baseline ? { properties: { baseline: report.run.baseline.file, staleBaselineEntries: stale } } : {}),
  };
  return JSON.stringify({ $schema: 'https://json.schemastore.org/sarif-2.1.0.json', version: '2.1.0', runs: [run] }, null, 2);
}
