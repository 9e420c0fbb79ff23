import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { validateConfigText } from '../../../src/plugins/config/loadConfig';
import type { LoadedConfig } from '../../../src/plugins/types';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hie-baseline-key-'));
const validate = (text: string): Promise<LoadedConfig> => validateConfigText(text, path.join(dir, 'hielements.toml'), dir);

/** [code, severity, message, text under the range] */
async function diagnose(text: string): Promise<Array<[string, string, string, string]>> {
  return (await validate(text)).diagnostics.map((d) => [d.code, d.severity, d.message, text.slice(d.span.startIndex, d.span.endIndex)]);
}

describe('hielements.toml: the baseline key', () => {
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('a relative path inside the folder is the baseline (absolute path, text as written, range of the value)', async () => {
    const text = 'baseline = "ci/hielements-baseline.json"\n\n[libraries]\n';
    const cfg = await validate(text);
    assert.deepEqual(cfg.diagnostics, []);
    assert.equal(cfg.baseline?.path, path.join(dir, 'ci', 'hielements-baseline.json'));
    assert.equal(cfg.baseline?.written, 'ci/hielements-baseline.json');
    assert.equal(text.slice(cfg.baseline!.span.startIndex, cfg.baseline!.span.endIndex), '"ci/hielements-baseline.json"');
  });

  it('wrong type, empty, absolute, outside the folder: errors on the value, no baseline', async () => {
    for (const [value, expected] of [
      ['3', "'baseline' must be a non-empty string: the path of the baseline file, e.g. \"hielements-baseline.json\""],
      ['""', "'baseline' must be a non-empty string: the path of the baseline file, e.g. \"hielements-baseline.json\""],
      ['"/etc/passwd"', "'baseline' must be a relative path inside this folder (got '/etc/passwd')"],
      ['"../other/b.json"', "'baseline' must be a relative path inside this folder (got '../other/b.json')"],
    ]) {
      const text = `baseline = ${value}\n`;
      const cfg = await validate(text);
      assert.equal(cfg.baseline, undefined, value);
      assert.deepEqual(await diagnose(text), [[value === '3' || value === '""' ? 'E521' : 'E540', 'error', expected, value]]);
    }
  });

  it('written after [libraries] it is an entry of that table: said so, on the key', async () => {
    assert.deepEqual(await diagnose('[libraries]\nbaseline = "b.json"\n'), [['E521', 'error', '`baseline` is a top-level key: write it before [libraries]', 'baseline']]);
  });
});
