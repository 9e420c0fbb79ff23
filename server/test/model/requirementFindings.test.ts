import { strict as assert } from 'node:assert';
import { brief, checkText } from '../helpers/cliHarness';

/** Pattern requirements checked on the implementing element's structure (language.md §8.2): W105. */
const w105 = async (pattern: string, element: string) => {
  const result = await checkText(`${pattern}\n${element}`);
  assert.equal(result.exit, 0, 'warnings never change the exit status');
  return result.diagnostics.filter((d) => d.code === 'W105').map(brief);
};

describe('model: requirement findings (W105)', () => {
  const observable = 'pattern observable:\n    requires descendant element metrics implements exporter\n    forbids element legacy\n';

  it('requires/forbids [descendant] element: by role (implements) or by name', async () => {
    const ok = "element app implements observable:\n    element core:\n        element m implements exporter:\n            scope s = files.folder_selector('s')\n";
    assert.deepEqual(await w105(observable, ok), []);
    const bad = "element app implements observable:\n    element legacy:\n        scope s = files.folder_selector('s')\n";
    assert.deepEqual(await w105(observable, bad), [
      "W105 5:9 Element 'app' does not meet `requires descendant element metrics implements exporter` of pattern 'observable'",
      "W105 5:9 Element 'app' does not meet `forbids element legacy` of pattern 'observable': found 'legacy'",
    ]);
  });

  it('requires implements (the shorthand), immediate vs descendant', async () => {
    const pattern = 'pattern ready:\n    requires implements dockerized\n';
    const deep = "element app implements ready:\n    element a:\n        element b implements dockerized:\n            scope s = files.folder_selector('s')\n";
    assert.deepEqual(await w105(pattern, deep), ["W105 4:9 Element 'app' does not meet `requires implements dockerized` of pattern 'ready'"]);
    const pattern2 = 'pattern ready:\n    requires descendant implements dockerized\n';
    assert.deepEqual(await w105(pattern2, deep), []);
  });

  it('scopes and refs, with languages', async () => {
    const pattern = 'pattern svc:\n    requires descendant scope api_docs\n    requires scope src<rust>\n    forbids descendant ref secret: Key\n';
    const element = "element app implements svc:\n    scope src<python> = files.folder_selector('s')\n    element inner:\n        ref secret: Key = files.folder_selector('k')\n";
    assert.deepEqual(await w105(pattern, element), [
      "W105 6:9 Element 'app' does not meet `requires descendant scope api_docs` of pattern 'svc'",
      "W105 6:9 Element 'app' does not meet `requires scope src<rust>` of pattern 'svc'",
      "W105 6:9 Element 'app' does not meet `forbids descendant ref secret: Key` of pattern 'svc': exposed by 'inner'",
    ]);
  });

  it('languages: requires, forbids, and allows as a whitelist of annotated scopes', async () => {
    const pattern = 'pattern rs:\n    requires language rust\n    allows language rust\n    allows language toml\n    forbids language python\n';
    const element = "element app implements rs:\n    scope a<rust> = files.folder_selector('a')\n    element b:\n        scope c<python> = files.folder_selector('c')\n";
    assert.deepEqual(await w105(pattern, element), [
      "W105 7:9 Element 'app' does not meet `allows language rust, toml` of pattern 'rs': scope 'c' of 'b' is python",
      "W105 7:9 Element 'app' does not meet `forbids language python` of pattern 'rs': scope 'c' of 'b'",
    ]);
    assert.deepEqual(await w105(pattern, "element app implements rs:\n    scope a = files.folder_selector('a')\n"), [
      "W105 7:9 Element 'app' does not meet `requires language rust` of pattern 'rs': no scope is annotated with it",
    ]);
  });

  it('the languages a pattern requires are part of its whitelist', async () => {
    const pattern = 'pattern mixed:\n    requires language rust\n    allows language python\n';
    const element = "element app implements mixed:\n    scope a<rust> = files.folder_selector('a')\n    scope b<python> = files.folder_selector('b')\n";
    assert.deepEqual(await w105(pattern, element), []);
  });
});
