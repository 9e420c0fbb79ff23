import * as assert from 'node:assert/strict';
import { createBuiltinLibraries } from '../../src/libraries/builtin/index';
import { renderCatalogJson, renderCatalogMarkdown, selectLibraries } from '../../src/libraries/docCatalog';
import type { LibraryDoc } from '../../src/libraries/library';

async function builtinDocs(): Promise<LibraryDoc[]> {
  return Promise.all(createBuiltinLibraries().map((l) => l.doc()));
}

describe('doc catalogue (conformance C-11..C-13)', () => {
  it('built-ins come in the order files, python, rust', () => {
    assert.deepEqual(
      createBuiltinLibraries().map((l) => [l.name, l.kind]),
      [['files', 'builtin'], ['python', 'builtin'], ['rust', 'builtin']],
    );
  });

  it('C-11 Markdown: heading, table of contents, signatures', async () => {
    const md = renderCatalogMarkdown(selectLibraries(await builtinDocs(), undefined));
    assert.ok(md.startsWith('# Hielements Library Documentation\n\nThis catalog documents all available Hielements libraries, their selectors, and checks.\n\n---\n\n## Table of Contents\n\n- [files](#files)\n- [python](#python)\n- [rust](#rust)\n\n---\n\n## files\n\n'));
    assert.ok(md.includes('#### `files.file_selector(path: string) -> Scope`\n\n'));
    assert.ok(md.includes('#### `rust.implements(type_name: string, trait_name: string) -> CheckResult`\n\n'));
    assert.ok(md.includes('**Version:** 1.0.0\n\n### Selectors\n\n'));
    assert.ok(md.includes("**Parameters:**\n\n- `path` (string): "));
    assert.ok(md.includes("**Example:**\n\n```hielements\nscope main = files.file_selector('src/main.rs')\n```\n\n"));
    assert.ok(md.endsWith('---\n\n'));
  });

  it('Markdown omits empty parts exactly like the reference', () => {
    const doc: LibraryDoc = {
      name: 'My Lib',
      description: '',
      version: '',
      functions: [],
      checks: [{ name: 'ok', description: '', parameters: [], return_type: '', example: 'check x\n' }],
    };
    assert.equal(
      renderCatalogMarkdown([doc]),
      '# Hielements Library Documentation\n\nThis catalog documents all available Hielements libraries, their selectors, and checks.\n\n---\n\n' +
        '## Table of Contents\n\n- [My Lib](#my-lib)\n\n---\n\n' +
        '## My Lib\n\n### Checks\n\n#### `My Lib.ok()`\n\n**Example:**\n\n```hielements\ncheck x\n```\n\n---\n\n',
    );
  });

  it('C-12 JSON: counts, versions, first function, field order', async () => {
    const json = renderCatalogJson(selectLibraries(await builtinDocs(), undefined));
    const parsed = JSON.parse(json);
    assert.deepEqual(Object.keys(parsed), ['version', 'libraries']);
    assert.equal(parsed.version, '1.0');
    assert.deepEqual(
      parsed.libraries.map((l: { name: string; version: string; functions: unknown[]; checks: unknown[] }) => [l.name, l.version, l.functions.length, l.checks.length]),
      [['files', '1.0.0', 3, 4], ['python', '1.0.0', 3, 7], ['rust', '1.0.0', 7, 14]],
    );
    const first = parsed.libraries[0].functions[0];
    assert.deepEqual(Object.keys(first), ['name', 'description', 'parameters', 'return_type', 'example']);
    assert.equal(first.name, 'file_selector');
    assert.deepEqual(first.parameters.map((p: object) => Object.keys(p)), [['name', 'param_type', 'description']]);
    assert.equal(first.parameters[0].name, 'path');
    assert.equal(first.parameters[0].param_type, 'string');
    assert.equal(first.return_type, 'Scope');
    assert.equal(first.example, "scope main = files.file_selector('src/main.rs')");
    assert.ok(json.startsWith('{\n  "version": "1.0",\n  "libraries": [\n    {\n      "name": "files",'));
  });

  it('JSON shows a missing example as null', () => {
    const json = renderCatalogJson([{ name: 'x', description: 'd', version: '', functions: [{ name: 'f', description: '', parameters: [], return_type: '', example: '' }], checks: [] }]);
    assert.equal(JSON.parse(json).libraries[0].functions[0].example, null);
  });

  it('C-13 --library filter keeps exact (trimmed) names, sorted', async () => {
    const docs = await builtinDocs();
    assert.deepEqual(selectLibraries(docs, ['rust', ' files ']).map((d) => d.name), ['files', 'rust']);
    assert.deepEqual(selectLibraries(docs, ['rus']).map((d) => d.name), []);
    const shuffled = [docs[2], docs[0], docs[1]];
    assert.deepEqual(selectLibraries(shuffled, undefined).map((d) => d.name), ['files', 'python', 'rust']);
  });

  it('parameter names, types and return types match stdlib.md §5', async () => {
    const sig = (d: LibraryDoc) =>
      [...d.functions, ...d.checks].map((f) => `${f.name}(${f.parameters.map((p) => `${p.name}: ${p.param_type}`).join(', ')}) -> ${f.return_type}`);
    const [filesDoc, pythonDoc, rustDoc] = await builtinDocs();
    assert.deepEqual(sig(filesDoc), [
      'file_selector(path: string) -> Scope',
      'folder_selector(path: string) -> Scope',
      'glob_selector(pattern: string) -> Scope',
      'exists(scope: Scope, filename: string) -> CheckResult',
      'contains(scope: Scope, filename: string) -> CheckResult',
      'no_files_matching(scope: Scope, pattern: string) -> CheckResult',
      'max_size(scope: Scope, max_bytes: integer) -> CheckResult',
    ]);
    assert.deepEqual(sig(pythonDoc), [
      'module_selector(module_path: string) -> Scope',
      'function_selector(func_name: string) -> Scope',
      'class_selector(class_name: string) -> Scope',
      'imports(scope: Scope, module_name: string) -> CheckResult',
      'no_import(scope: Scope, module_name: string) -> CheckResult',
      'returns_type(scope: Scope, type_name: string) -> CheckResult',
      'function_returns_type(scope: Scope, func_name: string, type_name: string) -> CheckResult',
      'calls(scope: Scope, target: string) -> CheckResult',
      'calls_function(scope: Scope, module_name: string, func_name: string) -> CheckResult',
      'calls_scope(source_scope: Scope, target_scope: Scope) -> CheckResult',
    ]);
    assert.deepEqual(sig(rustDoc), [
      'crate_selector(crate_name: string) -> Scope',
      'module_selector(module_path: string) -> Scope',
      'struct_selector(struct_name: string) -> Scope',
      'enum_selector(enum_name: string) -> Scope',
      'function_selector(func_name: string) -> Scope',
      'trait_selector(trait_name: string) -> Scope',
      'impl_selector(type_name: string) -> Scope',
      'struct_exists(struct_name: string) -> CheckResult',
      'enum_exists(enum_name: string) -> CheckResult',
      'function_exists(func_name: string) -> CheckResult',
      'trait_exists(trait_name: string) -> CheckResult',
      'impl_exists(type_name: string) -> CheckResult',
      'implements(type_name: string, trait_name: string) -> CheckResult',
      'uses(scope: Scope, module_path: string) -> CheckResult',
      'has_derive(scope: Scope, derive_name: string) -> CheckResult',
      'has_docs(scope: Scope) -> CheckResult',
      'has_tests(scope: Scope) -> CheckResult',
      'depends_on(scope_a: Scope, scope_b: Scope) -> CheckResult',
      'no_dependency(scope_a: Scope, scope_b: Scope) -> CheckResult',
      'pipeline_connects(output_scope: Scope, input_scope: Scope) -> CheckResult',
      'type_compatible(scope_a: Scope, scope_b: Scope) -> CheckResult',
    ]);
    for (const d of [filesDoc, pythonDoc, rustDoc]) {
      for (const f of [...d.functions, ...d.checks]) {
        assert.ok(f.description.length > 0 && f.example.includes(`${d.name}.${f.name}(`), `${d.name}.${f.name} is documented with an example`);
      }
    }
  });
});
