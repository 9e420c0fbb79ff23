import * as path from 'node:path';
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver';
import type { CheckResult } from '../../eval/types';
import type { ScopeValue } from '../../eval/values';
import { scopeKindText } from '../../eval/values';
import { libraryDoc, findFunction, functionMarkdown, libraryMarkdown } from '../libraryDocs';
import { modelIndex, type Declaration } from '../modelIndex';
import { toRange } from '../positions';
import type { HieFile } from '../workspaceState';
import { KEYWORD_DOCS } from './keywords';
import { wordAt } from './wordAt';

/** How many resolved paths a scope hover lists. */
const SCOPE_PATHS_SHOWN = 5;

export async function hover(file: HieFile, position: Position): Promise<Hover | null> {
  const index = modelIndex(file.doc.analysis.program);
  const markdown = (value: string, span = undefined as Parameters<typeof toRange>[0] | undefined): Hover => ({
    contents: { kind: MarkupKind.Markdown, value },
    range: span ? toRange(span) : undefined,
  });

  const call = index.callAt(position);
  if (call) {
    const lib = (await file.project.documentedLibraries()).get(call.call.library.name);
    if (!lib) return markdown(`Unknown library \`${call.call.library.name}\``, call.call.library.span);
    const doc = await libraryDoc(lib);
    if (call.part === 'library') return markdown(libraryMarkdown(lib, doc), call.call.library.span);
    const fn = doc && findFunction(doc, call.call.fn.name, call.call.isCheck);
    const text = fn ? functionMarkdown(lib.name, fn) : `\`${lib.name}.${call.call.fn.name}\`: no such function in library \`${lib.name}\``;
    const site = call.call.isCheck ? index.checkAt(position) : undefined;
    const result = site ? lastResult(file, site.elementPath, site.check.span.startIndex) : undefined;
    return markdown(result ? `${text}\n\n---\n\n${resultMarkdown(result)}` : text, call.call.fn.span);
  }

  const occurrence = index.occurrenceAt(position);
  const declaration = occurrence && index.declarations.get(occurrence.key);
  if (occurrence && declaration) return markdown(await declarationMarkdown(file, declaration), occurrence.span);

  const site = index.checkAt(position);
  if (site) {
    const result = lastResult(file, site.elementPath, site.check.span.startIndex);
    return markdown(result ? resultMarkdown(result) : `**check** in \`${site.elementPath}\`: not evaluated yet`, site.check.span);
  }

  const word = wordAt(file.doc.text, file.doc.lineIndex, position);
  if (word && KEYWORD_DOCS[word.text]) return markdown(`**${word.text}** (keyword)\n\n${KEYWORD_DOCS[word.text]}`, word.span);
  return null;
}

/** The check's result in the last run (results move with the text, keptResults.ts). */
function lastResult(file: HieFile, elementPath: string, checkStart: number): CheckResult | undefined {
  const record = file.checks;
  if (!record) return undefined;
  return record.results.find((r) => r.elementPath === elementPath && r.check.span.startIndex === checkStart);
}

export function resultMarkdown(result: CheckResult): string {
  const { outcome } = result;
  const head = outcome.status === 'pass' ? '✓ **passed**' : outcome.status === 'fail' ? '✗ **failed**' : '⚠ **error**';
  const lines = [`${head}: \`${result.text}\``];
  if (outcome.status !== 'pass') lines.push('', outcome.message);
  return lines.join('\n');
}

async function declarationMarkdown(file: HieFile, d: Declaration): Promise<string> {
  const doc = d.docComment ? `\n\n${d.docComment}` : '';
  switch (d.kind) {
    case 'element':
      return `**element** \`${d.path}\`${doc}${elementSummary(file, d.path)}`;
    case 'pattern': {
      const count = modelIndex(file.doc.analysis.program)
        .declarationsOf('element')
        .filter((e) => e.element?.implements.some((i) => i.name === d.name)).length;
      return `**pattern** \`${d.name}\`${doc}\n\nImplemented by ${count} element${count === 1 ? '' : 's'} in this file.`;
    }
    case 'ref':
      return `**ref** \`${d.path}\`${d.ref ? `: \`${d.ref.type.name}\`` : ''}`;
    case 'scope':
      return `**scope** \`${d.path}\`${d.scope?.language ? ` <${d.scope.language.name}>` : ''}\n\n${await scopeValueText(file, d)}`;
  }
}

function elementSummary(file: HieFile, path: string): string {
  const record = file.checks;
  if (!record) return '';
  const own = record.results.filter((r) => r.elementPath === path);
  if (own.length === 0) return '';
  const count = (s: string): number => own.filter((r) => r.outcome.status === s).length;
  return `\n\nChecks: ${count('pass')} passed, ${count('fail')} failed, ${count('error')} errors`;
}

async function scopeValueText(file: HieFile, d: Declaration): Promise<string> {
  if (d.inPattern) return 'Pattern placeholder (not evaluated).';
  if (!d.scope?.expression) return 'Unbounded (no expression).';
  const record = file.checks;
  const evaluation = record ? record.scopes.find((s) => s.elementPath === d.owner && s.name === d.name) : undefined;
  if (!evaluation) return 'Not evaluated yet.';
  if (evaluation.outcome.kind === 'error') return `Not defined: ${evaluation.outcome.message}`;
  if (evaluation.outcome.kind === 'unbounded') return 'Unbounded (no expression).';
  const value = evaluation.outcome.value;
  if (value.type !== 'scope') return `Value: \`${JSON.stringify(value)}\``;
  const files = scopeFiles(file, value);
  const shown = files.slice(0, SCOPE_PATHS_SHOWN).map((f) => `- \`${f}\``);
  const more = files.length > SCOPE_PATHS_SHOWN ? [`- … and ${files.length - SCOPE_PATHS_SHOWN} more`] : [];
  const kind = Object.keys(value.kind)[0];
  return [`${kind} \`${scopeKindText(value.kind)}\`: resolves to ${files.length} file${files.length === 1 ? '' : 's'}`, '', ...shown, ...more].join('\n');
}

/** The files of a scope, relative to the project folder when inside it. */
function scopeFiles(file: HieFile, value: ScopeValue): string[] {
  const root = file.project.root;
  return value.paths.map((p) => {
    const rel = path.relative(root, path.resolve(root, p));
    return rel.startsWith('..') || path.isAbsolute(rel) ? p : rel;
  });
}
