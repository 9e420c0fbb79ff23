import * as path from 'node:path';
import type { CallContext, SourceRange, SourceSite } from '../../library';
import type { Locator } from '../define';
import { byArgument, definitionOnly, rangesIn, scopeArg, selectedFiles, stringArg, wholeFiles, type ArgumentLocator } from '../locate';
import type { PythonFacts, PythonSite } from './facts';
import { pythonContext, pythonFacts } from './pythonWorkspace';
import { pythonSelectors } from './selectors';

/**
 * Editor navigation for the python library (`Library.locate`): the `def`s, classes and module
 * files a name argument stands for, found with the library's own selectors and facts.
 */

const selected = (selector: string, name: string, ctx: CallContext): Promise<string[]> => selectedFiles(pythonSelectors, selector, name, ctx);

function sitesIn(files: readonly string[], ctx: CallContext, pick: (facts: PythonFacts) => SourceRange[]): Promise<SourceSite[]> {
  const pc = pythonContext(ctx);
  return rangesIn(files, ctx, (file, text) => pythonFacts(pc, file, text), pick);
}

const ofKind = (kind: PythonSite['kind'], name: string) => (f: PythonFacts): SourceRange[] =>
  f.sites.filter((s) => s.kind === kind && s.name === name).map((s) => s.range);

const SELECTOR: Record<PythonSite['kind'], string> = { function: 'function_selector', class: 'class_selector' };

/**
 * Argument `index` names a function or class. With `inScope`, the files of the scope argument
 * at that index are searched when the last run knows them (else the whole workspace).
 */
function item(kind: PythonSite['kind'], index: number, inScope?: number): ArgumentLocator {
  return definitionOnly(async (request, ctx) => {
    const name = stringArg(request, index);
    if (name === undefined) return [];
    const scope = inScope === undefined ? undefined : scopeArg(request, inScope);
    const files = scope && scope.paths.length > 0 ? scope.paths.map((p) => path.resolve(p)) : await selected(SELECTOR[kind], name, ctx);
    return sitesIn(files, ctx, ofKind(kind, name));
  });
}

/** Argument `index` names a module (dotted): its files. */
function module(index: number): ArgumentLocator {
  return definitionOnly(async (request, ctx) => {
    const name = stringArg(request, index);
    return name === undefined ? [] : wholeFiles(await selected('module_selector', name, ctx));
  });
}

export const pythonLocators: { selector: Record<string, Locator>; check: Record<string, Locator> } = {
  selector: {
    module_selector: byArgument({ 0: module(0) }),
    function_selector: byArgument({ 0: item('function', 0) }),
    class_selector: byArgument({ 0: item('class', 0) }),
  },
  check: {
    imports: byArgument({ 1: module(1) }),
    no_import: byArgument({ 1: module(1) }),
    returns_type: byArgument({ 1: item('class', 1) }),
    function_returns_type: byArgument({ 1: item('function', 1, 0), 2: item('class', 2) }),
    calls_function: byArgument({ 1: module(1), 2: item('function', 2, 0) }),
  },
};
