import { strict as assert } from 'node:assert';
import { brief, checkText } from '../helpers/cliHarness';

/** Pattern use the upstream docs promise and the reference never checks (language.md §8.1): warnings only. */
const PATTERN = [
  'pattern observable:',
  '    scope config',
  '    element metrics:',
  '        scope module<rust>',
  '        ref handler: Handler',
  "        scope bound = files.folder_selector('m')",
  '',
].join('\n');

const warningsOf = async (text: string) => {
  const result = await checkText(text);
  assert.equal(result.exit, 0, 'warnings never change the exit status');
  return result.diagnostics.map(brief);
};

describe('model: pattern findings (W102–W104)', () => {
  it('binding every placeholder, by binds clauses or binding lines, is clean', async () => {
    const text =
      PATTERN +
      'element app implements observable:\n' +
      "    scope m<rust> binds observable.metrics.module = rust.module_selector('m')\n" +
      "    ref h: Handler binds observable.metrics.handler = rust.function_selector('h')\n" +
      "    observable.config = files.file_selector('c.toml')\n" +
      "    observable.metrics.scope = files.folder_selector('metrics')\n";
    assert.deepEqual(await warningsOf(text), []);
  });

  it('W103: the placeholders left unbound, on the element name', async () => {
    const text = PATTERN + "element app implements observable:\n    scope m<rust> binds observable.metrics.module = rust.module_selector('m')\n";
    assert.deepEqual(await warningsOf(text), [
      "W103 7:9 Element 'app' leaves 2 placeholders of pattern 'observable' unbound: observable.config, observable.metrics.handler",
    ]);
  });

  it('W102: an unknown pattern, unless a .hie file import may define it', async () => {
    assert.deepEqual(await warningsOf("element app implements nowhere:\n    scope s = files.folder_selector('s')\n"), [
      "W102 1:24 Unknown pattern 'nowhere': no pattern or template of that name in this file",
    ]);
    assert.deepEqual(await warningsOf("import './patterns.hie'\nelement app implements nowhere:\n    scope s = files.folder_selector('s')\n"), []);
  });

  it('W104: a binds target that is no scope or ref of the pattern, or of a pattern not implemented', async () => {
    const text =
      PATTERN +
      'element app implements observable:\n' +
      "    scope m<rust> binds observable.metrics.modul = rust.module_selector('m')\n" +
      "    scope n binds other.thing = files.folder_selector('n')\n" +
      "    observable.metrics.module = rust.module_selector('m')\n" +
      "    observable.metrics.handler = rust.function_selector('h')\n" +
      "    observable.config = files.file_selector('c')\n";
    assert.deepEqual(await warningsOf(text), [
      "W104 8:25 'observable.metrics.modul' is not a scope or ref of pattern 'observable'",
      "W104 9:19 'other.thing' does not start with a pattern that 'app' implements",
    ]);
  });

  it('a scope of the element named like a pattern-level placeholder binds it', async () => {
    const text =
      PATTERN +
      'element app implements observable:\n' +
      "    scope config = files.file_selector('c.toml')\n" +
      "    scope m<rust> binds observable.metrics.module = rust.module_selector('m')\n" +
      "    ref h: Handler binds observable.metrics.handler = rust.function_selector('h')\n";
    assert.deepEqual(await warningsOf(text), []);
  });
});
