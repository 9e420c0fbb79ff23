import type { CheckDecl, Element, Program } from '../../model/types';
import { expressionText } from '../../model/expressionText';
import { toRange } from '../positions';
import type { HieFile } from '../workspaceState';
import type { TestItemData } from './protocol';

/** One check of a program with the names the Test Explorer knows it by. */
export interface CheckEntry {
  elementPath: string;
  /** The check's text, `#2`, `#3`… for a repeated text in the same element. */
  key: string;
  text: string;
  check: CheckDecl;
}

/** The checks of a program's elements (not patterns), in document order (pre-order walk). */
export function checkEntries(program: Program): CheckEntry[] {
  const out: CheckEntry[] = [];
  const visit = (el: Element, parent: string): void => {
    const path = parent ? `${parent}.${el.name.name}` : el.name.name;
    const seen = new Map<string, number>();
    for (const check of el.checks) {
      const text = expressionText(check.expression);
      const n = (seen.get(text) ?? 0) + 1;
      seen.set(text, n);
      out.push({ elementPath: path, key: n === 1 ? text : `${text}#${n}`, text, check });
    }
    for (const child of el.children) visit(child, path);
  };
  for (const el of program.elements) visit(el, '');
  return out;
}

/** Test ids: `<uri>` (file), `<uri>#<element path>`, `<uri>#<element path>#<check key>`. */
export const elementId = (uri: string, elementPath: string): string => `${uri}#${elementPath}`;
export const checkId = (uri: string, entry: Pick<CheckEntry, 'elementPath' | 'key'>): string => `${uri}#${entry.elementPath}#${entry.key}`;

export interface ParsedTestId {
  uri: string;
  elementPath?: string;
  key?: string;
}

/** The parts of a test id (a `#` inside a file URI is always percent-encoded; element names have none). */
export function parseTestId(id: string): ParsedTestId {
  const first = id.indexOf('#');
  if (first < 0) return { uri: id };
  const uri = id.slice(0, first);
  const second = id.indexOf('#', first + 1);
  if (second < 0) return { uri, elementPath: id.slice(first + 1) };
  return { uri, elementPath: id.slice(first + 1, second), key: id.slice(second + 1) };
}

/** Whether an entry lies under the item a parsed id names (an element covers its descendants). */
export function entryUnder(entry: CheckEntry, id: ParsedTestId): boolean {
  if (id.elementPath === undefined) return true;
  if (id.key !== undefined) return entry.elementPath === id.elementPath && entry.key === id.key;
  return entry.elementPath === id.elementPath || entry.elementPath.startsWith(`${id.elementPath}.`);
}

/** The file's test tree: its elements (nested) with their checks. */
export function fileTestItem(file: HieFile, label: string): TestItemData {
  const uri = file.uri;
  const keys = new Map(checkEntries(file.doc.analysis.program).map((e) => [e.check, e]));
  const element = (el: Element, parent: string): TestItemData => {
    const path = parent ? `${parent}.${el.name.name}` : el.name.name;
    const checks = el.checks.flatMap((c): TestItemData[] => {
      const entry = keys.get(c);
      return entry ? [{ id: checkId(uri, entry), kind: 'check', label: entry.text, uri, range: toRange(c.span), children: [] }] : [];
    });
    return {
      id: elementId(uri, path),
      kind: 'element',
      label: el.name.name,
      uri,
      range: toRange(el.span),
      children: [...checks, ...el.children.map((c) => element(c, path))],
    };
  };
  return { id: uri, kind: 'file', label, uri, children: file.doc.analysis.program.elements.map((el) => element(el, '')) };
}
