import * as assert from 'node:assert/strict';
import * as vm from 'node:vm';
import { glueAsScript } from '../../../src/plugins/wasm/glueScript';

describe('wasm components: the glue as a script (for V8 code caching)', function () {
  const esm = [
    '"use components";',
    'export function instantiate(getCoreModule, imports) {',
    "  if (!getCoreModule) getCoreModule = (name) => new URL(`./${name}`, import.meta.url).href;",
    '  return [getCoreModule("m.wasm"), typeof this];',
    '}',
    'export const _util = {',
    '}',
  ].join('\n');

  it('evaluates to a function returning `instantiate`, strict, with the module line numbers', function () {
    const script = glueAsScript(esm, '/cache/abc/plugin.js');
    assert.ok(script);
    assert.equal(script.split('\n').length, esm.split('\n').length + 2);
    const instantiate = (vm.runInThisContext(script) as () => (g?: unknown) => unknown)();
    assert.deepEqual(instantiate(), ['file:///cache/abc/m.wasm', 'undefined']);
    assert.deepEqual(instantiate((n: string) => `got ${n}`), ['got m.wasm', 'undefined']);
  });

  it('is not made when the module has another shape (then the module itself is imported)', function () {
    assert.equal(glueAsScript(`import x from 'y';\n${esm}`, '/p.js'), undefined);
    assert.equal(glueAsScript(`${esm}\nexport const more = 1;`, '/p.js'), undefined);
    assert.equal(glueAsScript(esm.replace('export function instantiate(', 'export async function instantiate('), '/p.js'), undefined);
    assert.equal(glueAsScript(`${esm}\nconst m = import.meta;`, '/p.js'), undefined);
  });
});
