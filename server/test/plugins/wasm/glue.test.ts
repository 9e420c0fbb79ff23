import * as assert from 'node:assert/strict';
import * as vm from 'node:vm';
import { patchGlue } from '../../../src/plugins/wasm/transpileJob';

/** Our edits to jco's glue change its cost, never its outcome. */
describe('wasm components: edits to the transpiled glue', function () {
  // the shape jco 0.15 generates for each realloc/export (see a cached plugin.js)
  const glue = [
    'export function instantiate() {',
    '  const debug = globalThis?.process?.env?.JCO_DEBUG;',
    '  let realloc0Async;',
    '  try {',
    '    realloc0Async = WebAssembly.promising(realloc0);',
    '  } catch(err) {',
    '    realloc0Async = realloc0;',
    '  }',
    '  return { debug, realloc0Async };',
    '}',
    '',
  ].join('\n');
  const patched = Buffer.from(patchGlue(Buffer.from(glue))).toString('utf8');

  /** Run the patched glue as a script with this `WebAssembly` (the export keyword dropped). */
  function run(webAssembly: object): { debug: unknown; realloc0Async: unknown } {
    const script = patched.replace('export function', 'function') + '\ninstantiate();';
    return vm.runInNewContext(script, { WebAssembly: webAssembly, realloc0: 'plain', process: { env: { JCO_DEBUG: '1' } } }) as { debug: unknown; realloc0Async: unknown };
  }

  it('keeps line numbers and never looks up JCO_DEBUG', function () {
    const edited = glue.replace('globalThis?.process?.env?.JCO_DEBUG', 'false').replace('WebAssembly.promising(', '__hielementsPromising(');
    assert.ok(patched.startsWith(edited), patched);
    assert.equal(run({}).debug, false);
  });

  it('without JSPI the feature test still falls back, with no "is not a function" error to render', function () {
    assert.equal(run({}).realloc0Async, 'plain');
    assert.doesNotMatch(patched.split('function __hielementsPromising')[0], /WebAssembly\.promising\(/);
  });

  it('with JSPI the real WebAssembly.promising is called', function () {
    assert.equal(run({ promising: (f: string) => `promising(${f})` }).realloc0Async, 'promising(plain)');
  });
});
