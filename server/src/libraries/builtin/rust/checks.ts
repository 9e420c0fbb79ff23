import type { ScopeValue } from '../../../eval/values';
import type { CheckOutcome } from '../../library';
import { checkError, defineFunction, fail, outcome, pass, scopeParam, stringParam } from '../define';
import { scopeFileText } from '../sourceState';
import { containsRun } from '../treeText';
import { containsWord } from '../wordMatch';
import type { RustFacts } from './facts';
import { itemFinders } from './selectors';
import { findRustFiles, moduleName, rustContext, rustFacts, type RustContext } from './rustWorkspace';

function existenceCheck(
  name: string,
  param: string,
  paramDescription: string,
  code: string,
  message: string,
  description: string,
  example: string,
  find: (rc: RustContext, n: string) => Promise<string[]>,
  failure: (n: string) => string,
) {
  return defineFunction({
    name,
    description,
    params: [stringParam(param, paramDescription, code, message)],
    returns: 'CheckResult',
    example,
    async run([n], ctx): Promise<CheckOutcome> {
      return outcome((await find(rustContext(ctx), n)).length > 0, failure(n));
    },
  });
}

/**
 * The Rust files of a scope, in order. A folder scope also holds READMEs, manifests and
 * data files; parsed as Rust, a README's code block would count as tests or docs.
 */
const rustPaths = (s: ScopeValue): string[] => s.paths.filter((p) => p.endsWith('.rs'));

/**
 * Facts of every readable Rust file of a scope, in order (unreadable files skipped). Files
 * whose text fails `mayHold` (a sound textual pre-filter) are not parsed.
 */
async function scopeFacts(rc: RustContext, s: ScopeValue, mayHold: (text: string) => boolean = () => true): Promise<RustFacts[]> {
  const out: RustFacts[] = [];
  for (const p of rustPaths(s)) {
    const text = await scopeFileText(rc.ctx, rc.ws, p);
    if (text === undefined || !mayHold(text)) continue;
    out.push(await rustFacts(rc, rc.ws.absolute(p), text));
  }
  return out;
}

async function someFileOf(rc: RustContext, s: ScopeValue, has: (facts: RustFacts) => boolean, mayHold?: (text: string) => boolean): Promise<boolean> {
  for (const p of rustPaths(s)) {
    const text = await scopeFileText(rc.ctx, rc.ws, p);
    if (text === undefined || (mayHold && !mayHold(text))) continue;
    if (has(await rustFacts(rc, rc.ws.absolute(p), text))) return true;
  }
  return false;
}

function scopeCheck(
  name: string,
  codes: { scope: [string, string]; arg?: [string, string, string, string] },
  description: string,
  example: string,
  holds: (facts: RustFacts, arg: string) => boolean,
  failure: (arg: string) => string,
  mayHold: (text: string, arg: string) => boolean,
) {
  const scopeP = scopeParam('scope', 'Files to inspect', codes.scope[0], codes.scope[1]);
  if (codes.arg) {
    const [pname, pdesc, code, message] = codes.arg;
    return defineFunction({
      name,
      description,
      params: [scopeP, stringParam(pname, pdesc, code, message)],
      returns: 'CheckResult',
      example,
      async run([s, arg], ctx): Promise<CheckOutcome> {
        return outcome(await someFileOf(rustContext(ctx), s, (f) => holds(f, arg), (t) => mayHold(t, arg)), failure(arg));
      },
    });
  }
  return defineFunction({
    name,
    description,
    params: [scopeP],
    returns: 'CheckResult',
    example,
    async run([s], ctx): Promise<CheckOutcome> {
      return outcome(await someFileOf(rustContext(ctx), s, (f) => holds(f, ''), (t) => mayHold(t, '')), failure(''));
    },
  });
}

/** Every path of a file: `use` paths and all others. */
function allPaths(f: RustFacts): string[][] {
  return [...f.usePaths, ...f.paths];
}

const LEADING = new Set(['crate', 'super', 'self']);

/**
 * Whether a file depends on module `target` (stdlib.md §3.4, on paths instead of
 * substrings): a path with `target` followed by more segments (`target::x`), a `use`
 * whose first segment after `crate`/`super`/`self` is `target`, or `mod target;`.
 */
function dependsOnModule(f: RustFacts, target: string): boolean {
  if (f.modDeclarations.has(target)) return true;
  for (const p of f.usePaths) {
    let i = 0;
    while (i < p.length && LEADING.has(p[i])) i++;
    if (p[i] === target) return true;
  }
  return allPaths(f).some((p) => p.slice(0, -1).includes(target));
}

/** `pass` names the (first) file found depending on the target. */
type DependencyResult = { kind: 'pass'; file: string } | { kind: 'fail'; targets: string[] } | { kind: 'error'; message: string };

async function dependency(rc: RustContext, a: ScopeValue, b: ScopeValue): Promise<DependencyResult> {
  const targets: string[] = [];
  for (const p of b.paths) {
    const m = moduleName(p);
    if (m !== undefined && !targets.includes(m)) targets.push(m);
  }
  if ('File' in b.kind) {
    const segments = b.kind.File.split('::');
    const last = segments[segments.length - 1];
    if (!targets.includes(last)) targets.push(last);
  }
  if (targets.length === 0) return { kind: 'error', message: 'Could not determine target module names' };
  if (a.paths.length === 0) return { kind: 'error', message: 'Source scope has no paths' };
  for (const p of rustPaths(a)) {
    const text = await scopeFileText(rc.ctx, rc.ws, p);
    if (text === undefined) return { kind: 'error', message: `Could not read file: ${p}` };
    if (!targets.some((t) => containsWord(text, t))) continue;
    const facts = await rustFacts(rc, rc.ws.absolute(p), text);
    if (targets.some((t) => dependsOnModule(facts, t))) return { kind: 'pass', file: rc.ws.absolute(p) };
  }
  return { kind: 'fail', targets };
}

/** `X` of `struct:X`/`enum:X`/`trait:X` kinds, else the first plainly `pub` struct (then enum) of the files. */
async function primaryType(rc: RustContext, s: ScopeValue): Promise<string | undefined> {
  if ('File' in s.kind) {
    const m = /^(struct|enum|trait):(.*)$/s.exec(s.kind.File);
    if (m) return m[2];
  }
  for (const facts of await scopeFacts(rc, s, (text) => containsWord(text, 'struct') || containsWord(text, 'enum'))) {
    const found = facts.structs.find((x) => x.isPub) ?? facts.enums.find((x) => x.isPub);
    if (found) return found.name;
  }
  return undefined;
}

async function scopeMentions(rc: RustContext, s: ScopeValue, name: string): Promise<boolean> {
  return someFileOf(rc, s, (f) => f.identifiers.has(name), (text) => containsWord(text, name));
}

const dependsOn = defineFunction({
  name: 'depends_on',
  description: 'Check that some Rust file of the first scope uses a module of the second (`use crate::m`, `m::item`, `mod m;`, …).',
  params: [
    scopeParam('scope_a', 'Source files', 'E323', 'depends_on requires a source scope as first argument'),
    scopeParam('scope_b', 'Target module files', 'E324', 'depends_on requires a target scope as second argument'),
  ],
  returns: 'CheckResult',
  example: 'check rust.depends_on(parser, lexer)',
  async run([a, b], ctx): Promise<CheckOutcome> {
    const r = await dependency(rustContext(ctx), a, b);
    if (r.kind === 'pass') return pass();
    if (r.kind === 'error') return checkError(r.message);
    return fail(`No dependency found: source does not use '${r.targets.join(', ')}'`);
  },
});

const noDependency = defineFunction({
  name: 'no_dependency',
  description: 'Check that no file of the first scope uses a module of the second (the inverse of `depends_on`).',
  params: [
    scopeParam('scope_a', 'Source files', 'E325', 'no_dependency requires a source scope as first argument'),
    scopeParam('scope_b', 'Forbidden module files', 'E326', 'no_dependency requires a target scope as second argument'),
  ],
  returns: 'CheckResult',
  example: 'check rust.no_dependency(lexer, parser)',
  async run([a, b], ctx): Promise<CheckOutcome> {
    const r = await dependency(rustContext(ctx), a, b);
    if (r.kind === 'pass') return fail('Forbidden dependency detected', [{ path: r.file }]);
    if (r.kind === 'error') return checkError(r.message);
    return pass();
  },
});

const pipelineConnects = defineFunction({
  name: 'pipeline_connects',
  description:
    'Check that the main type of the output scope (its first `pub struct`, else `pub enum`) is used by the input scope or by files of the same module name.',
  params: [
    scopeParam('output_scope', 'Producing stage', 'E327', 'pipeline_connects requires an output scope as first argument'),
    scopeParam('input_scope', 'Consuming stage', 'E328', 'pipeline_connects requires an input scope as second argument'),
  ],
  returns: 'CheckResult',
  example: 'check rust.pipeline_connects(lexer, parser)',
  async run([out, input], ctx): Promise<CheckOutcome> {
    const rc = rustContext(ctx);
    const t = await primaryType(rc, out);
    if (t === undefined) return checkError('Could not determine output type');
    if (await scopeMentions(rc, input, t)) return pass();
    const modules = new Set(input.paths.map(moduleName).filter((m): m is string => m !== undefined));
    const mentioning = await findRustFiles(rc, 'mentions\0' + t, [t], (f) => f.identifiers.has(t));
    if (mentioning.some((p) => modules.has(moduleName(p) as string))) return pass();
    return fail(`Pipeline not connected: '${t}' is not used by input scope`);
  },
});

const typeCompatible = defineFunction({
  name: 'type_compatible',
  description: 'Check that the main types of two scopes are the same, or that one scope uses the other’s type.',
  params: [
    scopeParam('scope_a', 'First scope', 'E329', 'type_compatible requires a scope as first argument'),
    scopeParam('scope_b', 'Second scope', 'E330', 'type_compatible requires a scope as second argument'),
  ],
  returns: 'CheckResult',
  example: 'check rust.type_compatible(producer, consumer)',
  async run([a, b], ctx): Promise<CheckOutcome> {
    const rc = rustContext(ctx);
    const ta = await primaryType(rc, a);
    if (ta === undefined) return checkError('Could not determine type from first scope');
    const tb = await primaryType(rc, b);
    if (tb === undefined) return checkError('Could not determine type from second scope');
    if (ta === tb || (await scopeMentions(rc, b, ta)) || (await scopeMentions(rc, a, tb))) return pass();
    return fail(`Types '${ta}' and '${tb}' are not compatible`);
  },
});

const implementsCheck = defineFunction({
  name: 'implements',
  description: 'Check that some workspace file has `impl Trait for Type` (generic impls and paths such as `fmt::Display` included).',
  params: [
    stringParam('type_name', 'Implementing type', 'E315', 'implements requires a type name'),
    stringParam('trait_name', 'Implemented trait', 'E316', 'implements requires a trait name'),
  ],
  returns: 'CheckResult',
  example: "check rust.implements('FilesLibrary', 'Library')",
  async run([type, trait], ctx): Promise<CheckOutcome> {
    const found = await itemFinders.implements(rustContext(ctx), type, trait);
    return outcome(found.length > 0, `'${type}' does not implement '${trait}'`);
  },
});

export const rustChecks = [
  existenceCheck('struct_exists', 'struct_name', 'Name of the struct', 'E310', 'struct_exists requires a struct name', 'Check that a struct with this exact name is declared in the workspace.', "check rust.struct_exists('Parser')", itemFinders.struct, (n) => `Struct '${n}' not found`),
  existenceCheck('enum_exists', 'enum_name', 'Name of the enum', 'E311', 'enum_exists requires an enum name', 'Check that an enum with this exact name is declared in the workspace.', "check rust.enum_exists('TokenKind')", itemFinders.enum, (n) => `Enum '${n}' not found`),
  existenceCheck('function_exists', 'func_name', 'Name of the function', 'E312', 'function_exists requires a function name', 'Check that a function (or trait method) with this exact name is declared in the workspace.', "check rust.function_exists('main')", itemFinders.fn, (n) => `Function '${n}' not found`),
  existenceCheck('trait_exists', 'trait_name', 'Name of the trait', 'E313', 'trait_exists requires a trait name', 'Check that a trait with this exact name is declared in the workspace.', "check rust.trait_exists('Library')", itemFinders.trait, (n) => `Trait '${n}' not found`),
  existenceCheck('impl_exists', 'type_name', 'Name of the type', 'E314', 'impl_exists requires a type name', 'Check that the workspace has an `impl` block for this type (inherent or trait impl).', "check rust.impl_exists('Parser')", itemFinders.impl, (n) => `Impl for '${n}' not found`),
  implementsCheck,
  scopeCheck(
    'uses',
    { scope: ['E317', 'uses requires a scope'], arg: ['module_path', 'Module path such as `serde` or `std::io`', 'E318', 'uses requires a module path'] },
    'Check that some Rust file of the scope uses a module: a `use` or a path containing its `::` segments.',
    "check rust.uses(parser, 'crate::lexer')",
    (f, m) => {
      const segments = m.split('::').filter((s) => s !== '');
      return allPaths(f).some((p) => containsRun(p, segments));
    },
    (m) => `Module does not use '${m}'`,
    (text, m) => m.split('::').every((seg) => seg === '' || containsWord(text, seg)),
  ),
  scopeCheck(
    'has_derive',
    { scope: ['E319', 'has_derive requires a scope'], arg: ['derive_name', 'Derived trait such as `Debug`', 'E320', 'has_derive requires a derive name'] },
    'Check that some Rust file of the scope derives a trait with `#[derive(..)]`.',
    "check rust.has_derive(models, 'Serialize')",
    (f, d) => f.derives.has(d),
    (d) => `No #[derive(${d})] found`,
    (text, d) => text.includes('derive') && containsWord(text, d.split('::').pop() ?? d),
  ),
  scopeCheck(
    'has_docs',
    { scope: ['E321', 'has_docs requires a scope'] },
    'Check that some Rust file of the scope has documentation comments (`///`, `//!`, `/** */`, `#[doc = ..]`; not `#[doc(hidden)]`).',
    'check rust.has_docs(core)',
    (f) => f.hasDocs,
    () => 'No documentation comments found',
    (text) => text.includes('//') || text.includes('/*') || text.includes('doc'),
  ),
  scopeCheck(
    'has_tests',
    { scope: ['E322', 'has_tests requires a scope'] },
    'Check that some Rust file of the scope has tests (`#[test]`, `#[tokio::test]`, `#[cfg(test)]`).',
    'check rust.has_tests(core)',
    (f) => f.hasTests,
    () => 'No tests found',
    (text) => containsWord(text, 'test'),
  ),
  dependsOn,
  noDependency,
  pipelineConnects,
  typeCompatible,
];
