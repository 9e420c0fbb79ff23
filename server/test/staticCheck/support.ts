import { HieParser } from '../../src/syntax/hieParser';
import { analyze } from '../../src/model/analyze';
import type { Program } from '../../src/model/types';
import { librariesWithoutPlugins } from '../../src/staticCheck/catalogues';
import { staticCheck, type StaticOptions, type StaticResult } from '../../src/staticCheck/checker';
import { findingText, type Finding } from '../../src/staticCheck/findings';
import type { StaticLibraries } from '../../src/staticCheck/libraries';

let parser: HieParser | undefined;

export async function programOf(text: string): Promise<Program> {
  parser ??= await HieParser.create();
  const tree = parser.parse(text);
  try {
    return analyze(tree, text, { knownLibraries: new Set(['files', 'python', 'rust']) }).program;
  } finally {
    tree.delete();
  }
}

/** `severity code line:col-line:col text [fix: 'new']`, 1-based (as the editor shows them). */
export function render(f: Finding): string {
  const at = `${f.span.start.row + 1}:${f.span.start.column + 1}-${f.span.end.row + 1}:${f.span.end.column + 1}`;
  const fix = f.fix ? ` [fix ${f.fix.span.start.row + 1}:${f.fix.span.start.column + 1}-${f.fix.span.end.row + 1}:${f.fix.span.end.column + 1} → '${f.fix.newText}': ${f.fix.title}]` : '';
  return `${f.severity} ${f.code} ${at} ${findingText(f)}${fix}`;
}

export async function check(text: string, libraries: StaticLibraries = librariesWithoutPlugins([]), options: StaticOptions = {}): Promise<StaticResult> {
  return staticCheck(await programOf(text), libraries, options);
}

export async function findings(text: string, libraries?: StaticLibraries, options?: StaticOptions): Promise<string[]> {
  return (await check(text, libraries, options)).findings.map(render);
}

/** An element `demo` with `scope root = files.folder_selector('.')` and these checks. */
export const demo = (...checks: string[]): string =>
  ['import files', '', 'element demo:', "    scope root = files.folder_selector('.')", ...checks.map((c) => `    check ${c}`)].join('\n') + '\n';
