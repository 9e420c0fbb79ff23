import * as fs from 'node:fs';
import type { CallContext, SourceRange, SourceSite } from '../../library';
import type { Locator } from '../define';
import { byArgument, definitionOnly, rangesIn, scopeArg, selectedFiles, stringArg, wholeFiles, type ArgumentLocator } from '../locate';
import { crateLocation } from './crate';
import type { RustFacts, RustSite } from './facts';
import { rustContext, rustFacts } from './rustWorkspace';
import { itemFinders, rustSelectors } from './selectors';

/**
 * Editor navigation for the rust library (`Library.locate`): the declarations a name argument
 * stands for, found like the checks find them (the same selectors and facts), so go to
 * definition lands exactly on what made a check pass.
 */

const selected = (selector: string, name: string, ctx: CallContext): Promise<string[]> => selectedFiles(rustSelectors, selector, name, ctx);

function sitesIn(files: readonly string[], ctx: CallContext, pick: (facts: RustFacts) => SourceRange[]): Promise<SourceSite[]> {
  const rc = rustContext(ctx);
  return rangesIn(files, ctx, (file, text) => rustFacts(rc, file, text), pick);
}

const ofKind = (kind: RustSite['kind'], name: string) => (f: RustFacts): SourceRange[] =>
  f.sites.filter((s) => s.kind === kind && (s.name === name || (kind === 'impl' && s.typeText === name))).map((s) => s.range);

/** Argument `index` names an item of `kind`, found with `selector`. */
function item(kind: RustSite['kind'], selector: string, index = 0): ArgumentLocator {
  return definitionOnly(async (request, ctx) => {
    const name = stringArg(request, index);
    return name === undefined ? [] : sitesIn(await selected(selector, name, ctx), ctx, ofKind(kind, name));
  });
}

/** Argument `index` names a module: its files. */
function module(index: number): ArgumentLocator {
  return definitionOnly(async (request, ctx) => {
    const name = stringArg(request, index);
    return name === undefined ? [] : wholeFiles(await selected('module_selector', name, ctx));
  });
}

/** `impl Trait for Type` blocks: the type argument lands on their self types, the trait argument on the trait. */
function implementsArgument(which: 'type' | 'trait'): ArgumentLocator {
  return definitionOnly(async (request, ctx) => {
    const type = stringArg(request, 0);
    const trait = stringArg(request, 1);
    if (type === undefined || trait === undefined) return [];
    if (which === 'trait') {
      const declared = await sitesIn(await selected('trait_selector', trait, ctx), ctx, ofKind('trait', trait));
      if (declared.length > 0) return declared;
    }
    const rc = rustContext(ctx);
    const files = (await itemFinders.implements(rc, type, trait)).map((p) => rc.ws.absolute(p));
    return sitesIn(files, ctx, (f) =>
      f.sites
        .filter((s) => s.kind === 'impl' && (s.name === type || s.typeText === type) && s.trait && (s.trait.name === trait || s.trait.text === trait))
        .map((s) => (which === 'type' ? s.range : s.trait!.range)),
    );
  });
}

/** The manifest declaring a crate, on its `name = "…"` value (also a document link). */
const crateManifest: ArgumentLocator = async (request, ctx) => {
  const name = stringArg(request, 0);
  if (name === undefined) return [];
  const crate = await crateLocation(rustContext(ctx), name).catch(() => undefined);
  if (!crate) return [];
  let text = '';
  try {
    text = fs.readFileSync(crate.manifest, 'utf8');
  } catch {
    return [{ path: crate.manifest }];
  }
  const range = packageNameRange(text, name);
  return [range ? { path: crate.manifest, range } : { path: crate.manifest }];
};

/** Range of the crate name's string in `name = "…"` under `[package]`. */
export function packageNameRange(text: string, name: string): SourceRange | undefined {
  const lines = text.split('\n');
  let inPackage = false;
  for (let row = 0; row < lines.length; row++) {
    const line = lines[row];
    const header = /^\s*\[([^\]]*)\]/.exec(line);
    if (header) inPackage = header[1].trim() === 'package';
    const m = inPackage ? /^(\s*name\s*=\s*)(["'])(.*?)\2/.exec(line) : null;
    if (m && m[3] === name) return { start: { row, column: m[1].length }, end: { row, column: m[1].length + m[3].length + 2 } };
  }
  return undefined;
}

/** A derive names a trait: its declaration when the workspace has one. */
const deriveTrait: ArgumentLocator = definitionOnly(async (request, ctx) => {
  const derive = stringArg(request, 1);
  if (derive === undefined || scopeArg(request, 0) === undefined) return [];
  const name = derive.split('::').pop() ?? derive;
  return sitesIn(await selected('trait_selector', name, ctx), ctx, ofKind('trait', name));
});

export const rustLocators: { selector: Record<string, Locator>; check: Record<string, Locator> } = {
  selector: {
    crate_selector: byArgument({ 0: crateManifest }),
    module_selector: byArgument({ 0: module(0) }),
    struct_selector: byArgument({ 0: item('struct', 'struct_selector') }),
    enum_selector: byArgument({ 0: item('enum', 'enum_selector') }),
    function_selector: byArgument({ 0: item('function', 'function_selector') }),
    trait_selector: byArgument({ 0: item('trait', 'trait_selector') }),
    impl_selector: byArgument({ 0: item('impl', 'impl_selector') }),
  },
  check: {
    struct_exists: byArgument({ 0: item('struct', 'struct_selector') }),
    enum_exists: byArgument({ 0: item('enum', 'enum_selector') }),
    function_exists: byArgument({ 0: item('function', 'function_selector') }),
    trait_exists: byArgument({ 0: item('trait', 'trait_selector') }),
    impl_exists: byArgument({ 0: item('impl', 'impl_selector') }),
    implements: byArgument({ 0: implementsArgument('type'), 1: implementsArgument('trait') }),
    uses: byArgument({ 1: module(1) }),
    has_derive: byArgument({ 1: deriveTrait }),
  },
};
