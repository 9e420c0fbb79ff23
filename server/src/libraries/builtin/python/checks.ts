import type { CheckOutcome } from '../../library';
import { defineFunction, fail, outcome, pass, scopeParam, stringParam } from '../define';
import { containsRun, endsWithRun } from '../treeText';
import type { PythonFacts, PythonFunction } from './facts';
import { pythonContext, scopePythonFacts, scopePythonFileFacts } from './pythonWorkspace';

/** `import M`, `import M.sub`, `from M import …`, `from M.sub import …`, or `from X import M`. */
function importsModule(f: PythonFacts, m: string): boolean {
  return f.importedModules.some((x) => x === m || x.startsWith(m + '.')) || f.importedNames.has(m);
}

/** A return annotation names `t`: the whole annotation, or any name inside it (`List[str]` names `List` and `str`). */
function returnsType(fn: PythonFunction, t: string): boolean {
  if (!fn.returns) return false;
  const wanted = t.replace(/\s+/g, '');
  return fn.returns.text === wanted || fn.returns.names.has(wanted);
}

const dotted = (s: string): string[] => s.split('.');

const imports = defineFunction({
  name: 'imports',
  description: 'Check that some file of the scope imports a module (`import m`, `import m.sub`, `from m import …`; names imported with `from x import m` count too).',
  params: [
    scopeParam('scope', 'Files to inspect', 'E410', 'imports requires a scope'),
    stringParam('module_name', 'Module name such as `os` or `os.path`', 'E411', 'imports requires a module name'),
  ],
  returns: 'CheckResult',
  example: "check python.imports(api, 'fastapi')",
  async run([s, m], ctx): Promise<CheckOutcome> {
    const facts = await scopePythonFacts(pythonContext(ctx), s);
    return outcome(facts.some((f) => importsModule(f, m)), `Scope does not import '${m}'`);
  },
});

const noImport = defineFunction({
  name: 'no_import',
  description: 'Check that no file of the scope imports a module (the inverse of `imports`).',
  params: [
    scopeParam('scope', 'Files to inspect', 'E412', 'no_import requires a scope'),
    stringParam('module_name', 'Forbidden module name', 'E413', 'no_import requires a module name'),
  ],
  returns: 'CheckResult',
  example: "check python.no_import(domain, 'requests')",
  async run([s, m], ctx): Promise<CheckOutcome> {
    const offending = (await scopePythonFileFacts(pythonContext(ctx), s)).filter((f) => importsModule(f.facts, m));
    return offending.length === 0 ? pass() : fail(`Scope imports '${m}' but should not`, offending.map((f) => ({ path: f.file })));
  },
});

const returnsTypeCheck = defineFunction({
  name: 'returns_type',
  description: 'Check that some function of the scope has a return annotation naming the type (`-> T`, `-> List[T]`, `-> Optional[T]`, …).',
  params: [
    scopeParam('scope', 'Files to inspect', 'E414', 'returns_type requires a scope'),
    stringParam('type_name', 'Type name', 'E415', 'returns_type requires a type name'),
  ],
  returns: 'CheckResult',
  example: "check python.returns_type(api, 'Response')",
  async run([s, t], ctx): Promise<CheckOutcome> {
    const facts = await scopePythonFacts(pythonContext(ctx), s);
    return outcome(facts.some((f) => f.functions.some((fn) => returnsType(fn, t))), `No function returns type '${t}'`);
  },
});

const functionReturnsType = defineFunction({
  name: 'function_returns_type',
  description: 'Check that a function of the scope with this name has a return annotation naming the type.',
  params: [
    scopeParam('scope', 'Files to inspect', 'E416', 'function_returns_type requires a scope'),
    stringParam('func_name', 'Function name', 'E417', 'function_returns_type requires a function name'),
    stringParam('type_name', 'Type name', 'E418', 'function_returns_type requires a type name'),
  ],
  returns: 'CheckResult',
  example: "check python.function_returns_type(service, 'get_user', 'User')",
  async run([s, fnName, t], ctx): Promise<CheckOutcome> {
    const facts = await scopePythonFacts(pythonContext(ctx), s);
    const ok = facts.some((f) => f.functions.some((fn) => fn.name === fnName && returnsType(fn, t)));
    return outcome(ok, `Function '${fnName}' does not return type '${t}'`);
  },
});

const calls = defineFunction({
  name: 'calls',
  description: 'Check that some file of the scope calls something through the name: `t()`, `t.method()` or `obj.t()`.',
  params: [
    scopeParam('scope', 'Files to inspect', 'E419', 'calls requires a scope'),
    stringParam('target', 'Function, object or module name (may be dotted)', 'E420', 'calls requires a target identifier'),
  ],
  returns: 'CheckResult',
  example: "check python.calls(main, 'logger')",
  async run([s, target], ctx): Promise<CheckOutcome> {
    const facts = await scopePythonFacts(pythonContext(ctx), s);
    const wanted = dotted(target);
    return outcome(facts.some((f) => f.calls.some((c) => containsRun(c, wanted))), `Scope does not call '${target}'`);
  },
});

const callsFunction = defineFunction({
  name: 'calls_function',
  description: 'Check that some file of the scope calls `module.function(…)`.',
  params: [
    scopeParam('scope', 'Files to inspect', 'E421', 'calls_function requires a scope'),
    stringParam('module_name', 'Module (or object) name', 'E422', 'calls_function requires a module name'),
    stringParam('func_name', 'Function name', 'E423', 'calls_function requires a function name'),
  ],
  returns: 'CheckResult',
  example: "check python.calls_function(app, 'database', 'connect')",
  async run([s, m, fnName], ctx): Promise<CheckOutcome> {
    const facts = await scopePythonFacts(pythonContext(ctx), s);
    const wanted = [...dotted(m), fnName];
    return outcome(facts.some((f) => f.calls.some((c) => endsWithRun(c, wanted))), `Scope does not call '${m}.${fnName}'`);
  },
});

const callsScope = defineFunction({
  name: 'calls_scope',
  description: 'Check that some file of the source scope calls a function, class or method defined in the target scope.',
  params: [
    scopeParam('source_scope', 'Calling files', 'E424', 'calls_scope requires a source scope'),
    scopeParam('target_scope', 'Called files', 'E425', 'calls_scope requires a target scope'),
  ],
  returns: 'CheckResult',
  example: 'check python.calls_scope(api, services)',
  async run([source, target], ctx): Promise<CheckOutcome> {
    const pc = pythonContext(ctx);
    const ids = new Set<string>();
    for (const f of await scopePythonFacts(pc, target)) {
      for (const fn of f.functions) ids.add(fn.name);
      for (const c of f.classes) ids.add(c);
    }
    const facts = ids.size === 0 ? [] : await scopePythonFacts(pc, source);
    const ok = facts.some((f) => f.calls.some((c) => c.some((segment) => ids.has(segment))));
    return outcome(ok, 'Source scope does not call anything in target scope');
  },
});

export const pythonChecks = [imports, noImport, returnsTypeCheck, functionReturnsType, calls, callsFunction, callsScope];
