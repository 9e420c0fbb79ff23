import * as assert from 'node:assert/strict';
import * as TOML from '@iarna/toml';
import {
  addEnvEdits,
  applyEdits,
  editsForFinding,
  grantFsEdits,
  permissionsToCapabilitiesEdits,
  removeCapabilityEdits,
  type TextEdit,
} from '../../../src/plugins/config/capabilityEdits';
import { LineIndex } from '../../../src/plugins/config/textPosition';

/** Applies the edits, checks their spans agree with the text, and that the result is valid TOML. */
function apply(text: string, edits: TextEdit[]): string {
  const lines = new LineIndex(text);
  for (const e of edits) {
    assert.deepEqual(e.span.start, lines.point(e.span.startIndex));
    assert.deepEqual(e.span.end, lines.point(e.span.endIndex));
  }
  const out = applyEdits(text, edits);
  TOML.parse(out);
  return out;
}

const lines = (...l: string[]): string => l.join('\n');

describe('capability quick-fix edits', () => {
  describe('grant fs', () => {
    it('inline entry without capabilities: adds the inline table, rest untouched', () => {
      const text = lines('# plugins', '[libraries]', 'deps = { path = "deps.wasm" }   # the deps checker', 'other = { executable = "x" }', '');
      assert.equal(
        apply(text, grantFsEdits(text, 'deps', 'read')),
        lines('# plugins', '[libraries]', 'deps = { path = "deps.wasm", capabilities = { fs = "read" } }   # the deps checker', 'other = { executable = "x" }', ''),
      );
    });

    it('inline capabilities: adds fs, or replaces its value', () => {
      const t1 = '[libraries]\ndeps = { path = "deps.wasm", capabilities = { env = ["CI"] } }\n';
      assert.equal(apply(t1, grantFsEdits(t1, 'deps', 'write')), '[libraries]\ndeps = { path = "deps.wasm", capabilities = { env = ["CI"], fs = "write" } }\n');
      const t2 = '[libraries]\ndeps = { path = "deps.wasm", capabilities = { fs = "none" } }\n';
      assert.equal(apply(t2, grantFsEdits(t2, 'deps', 'read')), '[libraries]\ndeps = { path = "deps.wasm", capabilities = { fs = "read" } }\n');
      const t3 = '[libraries]\ndeps = { path = "deps.wasm", capabilities = {} }\n';
      assert.equal(apply(t3, grantFsEdits(t3, 'deps', 'read')), '[libraries]\ndeps = { path = "deps.wasm", capabilities = { fs = "read" } }\n');
    });

    it('standard table: adds a line after the last key (after its comment), keeping CRLF', () => {
      const text = '[libraries.deps]\r\ntype = "wasm"\r\npath = "deps.wasm" # module\r\n\r\n[libraries.other]\r\nexecutable = "x"\r\n';
      assert.equal(
        apply(text, grantFsEdits(text, 'deps', 'read')),
        '[libraries.deps]\r\ntype = "wasm"\r\npath = "deps.wasm" # module\r\ncapabilities = { fs = "read" }\r\n\r\n[libraries.other]\r\nexecutable = "x"\r\n',
      );
    });

    it('capabilities sub-table and dotted keys', () => {
      const t1 = lines('[libraries.deps]', 'path = "deps.wasm"', '', '[libraries.deps.capabilities]', 'env = ["CI"]', '', '[libraries.z]', 'executable = "z"');
      assert.equal(
        apply(t1, grantFsEdits(t1, 'deps', 'read')),
        lines('[libraries.deps]', 'path = "deps.wasm"', '', '[libraries.deps.capabilities]', 'env = ["CI"]', 'fs = "read"', '', '[libraries.z]', 'executable = "z"'),
      );
      const t2 = lines('[libraries.deps]', 'path = "deps.wasm"', 'capabilities.env = ["CI"]', 'limits.timeout_ms = 100');
      assert.equal(apply(t2, grantFsEdits(t2, 'deps', 'read')), lines('[libraries.deps]', 'path = "deps.wasm"', 'capabilities.env = ["CI"]', 'capabilities.fs = "read"', 'limits.timeout_ms = 100'));
    });

    it('permissions alias: edits the filesystem list in that spelling', () => {
      const text = lines('[libraries.ts]', 'path = "ts.wasm"', '[libraries.ts.permissions]', 'environment = ["HOME"]', '');
      assert.equal(apply(text, grantFsEdits(text, 'ts', 'read')), lines('[libraries.ts]', 'path = "ts.wasm"', '[libraries.ts.permissions]', 'environment = ["HOME"]', 'filesystem = ["read"]', ''));
      const t2 = '[libraries]\nts = { path = "ts.wasm", permissions = { filesystem = ["read", "workspace-only"] } }\n';
      assert.equal(apply(t2, grantFsEdits(t2, 'ts', 'write')), '[libraries]\nts = { path = "ts.wasm", permissions = { filesystem = ["write", "workspace-only"] } }\n');
    });

    it('unknown library or invalid TOML: no edits', () => {
      assert.deepEqual(grantFsEdits('[libraries]\na = { path = "a.wasm" }\n', 'b', 'read'), []);
      assert.deepEqual(grantFsEdits('[libraries\n', 'a', 'read'), []);
    });
  });

  describe('env', () => {
    it('appends to an existing list, creates the key or the table', () => {
      const t1 = '[libraries]\nd = { path = "d.wasm", capabilities = { env = ["CI"] } }\n';
      assert.equal(apply(t1, addEnvEdits(t1, 'd', 'HOME')), '[libraries]\nd = { path = "d.wasm", capabilities = { env = ["CI", "HOME"] } }\n');
      assert.deepEqual(addEnvEdits(t1, 'd', 'CI'), []);
      const t2 = '[libraries]\nd = { path = "d.wasm", capabilities = { fs = "read", env = [] } }\n';
      assert.equal(apply(t2, addEnvEdits(t2, 'd', 'HOME')), '[libraries]\nd = { path = "d.wasm", capabilities = { fs = "read", env = ["HOME"] } }\n');
      const t3 = '[libraries.d]\npath = "d.wasm"\n';
      assert.equal(apply(t3, addEnvEdits(t3, 'd', 'HOME')), '[libraries.d]\npath = "d.wasm"\ncapabilities = { env = ["HOME"] }\n');
      const t4 = lines('[libraries.d]', 'path = "d.wasm"', '[libraries.d.capabilities]', 'env = [', '  "CI",   # for CI', ']');
      assert.equal(apply(t4, addEnvEdits(t4, 'd', 'HOME')), lines('[libraries.d]', 'path = "d.wasm"', '[libraries.d.capabilities]', 'env = [', '  "CI", "HOME",   # for CI', ']'));
    });
  });

  describe('remove', () => {
    it('removes fs from an inline table, and the table when it becomes empty', () => {
      const t1 = '[libraries]\nd = { path = "d.wasm", capabilities = { fs = "read", env = ["CI"] } }\n';
      assert.equal(apply(t1, removeCapabilityEdits(t1, 'd', 'fs')), '[libraries]\nd = { path = "d.wasm", capabilities = { env = ["CI"] } }\n');
      assert.equal(apply(t1, removeCapabilityEdits(t1, 'd', 'env')), '[libraries]\nd = { path = "d.wasm", capabilities = { fs = "read" } }\n');
      const t2 = '[libraries]\nd = { path = "d.wasm", capabilities = { fs = "write" }, limits = { timeout_ms = 9 } }\n';
      assert.equal(apply(t2, removeCapabilityEdits(t2, 'd', 'fs')), '[libraries]\nd = { path = "d.wasm", limits = { timeout_ms = 9 } }\n');
    });

    it('removes a line from a standard table, and one env name from a list', () => {
      const t1 = lines('[libraries.d]', 'path = "d.wasm"', '[libraries.d.capabilities]', 'fs = "read"  # needed?', 'env = ["A", "B"]', '');
      assert.equal(apply(t1, removeCapabilityEdits(t1, 'd', 'fs')), lines('[libraries.d]', 'path = "d.wasm"', '[libraries.d.capabilities]', 'env = ["A", "B"]', ''));
      assert.equal(apply(t1, removeCapabilityEdits(t1, 'd', 'env', 'A')), lines('[libraries.d]', 'path = "d.wasm"', '[libraries.d.capabilities]', 'fs = "read"  # needed?', 'env = ["B"]', ''));
      assert.equal(apply(t1, removeCapabilityEdits(t1, 'd', 'env', 'B')), lines('[libraries.d]', 'path = "d.wasm"', '[libraries.d.capabilities]', 'fs = "read"  # needed?', 'env = ["A"]', ''));
      const t2 = '[libraries.d]\npath = "d.wasm"\ncapabilities.env = ["A"]';
      assert.equal(apply(t2, removeCapabilityEdits(t2, 'd', 'env', 'A')), '[libraries.d]\npath = "d.wasm"');
      assert.deepEqual(removeCapabilityEdits(t2, 'd', 'env', 'Z'), []);
    });
  });

  describe('permissions → capabilities', () => {
    it('rewrites a permissions sub-table in place', () => {
      const text = lines(
        '[libraries.typescript]',
        'path = "lib/typescript.wasm"',
        '',
        '[libraries.typescript.permissions]',
        'filesystem = ["read", "workspace-only"]   # grant read access limited to the workspace',
        'environment = ["HOME", "USER"]             # expose only these environment variables',
        '# no "network" key: network access is not granted',
        '',
      );
      assert.equal(
        apply(text, permissionsToCapabilitiesEdits(text, 'typescript')),
        lines(
          '[libraries.typescript]',
          'path = "lib/typescript.wasm"',
          '',
          '[libraries.typescript.capabilities]',
          'fs = "read"   # grant read access limited to the workspace',
          'env = ["HOME", "USER"]             # expose only these environment variables',
          '# no "network" key: network access is not granted',
          '',
        ),
      );
    });

    it('rewrites inline and dotted forms', () => {
      const t1 = '[libraries]\nts = { path = "ts.wasm", permissions = { filesystem = ["write"], network = [] } }\n';
      assert.equal(apply(t1, permissionsToCapabilitiesEdits(t1, 'ts')), '[libraries]\nts = { path = "ts.wasm", capabilities = { fs = "write", network = "none" } }\n');
      const t2 = '[libraries.ts]\npath = "ts.wasm"\npermissions.environment = ["CI"]\n';
      assert.equal(apply(t2, permissionsToCapabilitiesEdits(t2, 'ts')), '[libraries.ts]\npath = "ts.wasm"\ncapabilities.env = ["CI"]\n');
      assert.deepEqual(permissionsToCapabilitiesEdits('[libraries]\nts = { path = "ts.wasm" }\n', 'ts'), []);
    });
  });

  it('editsForFinding maps findings to fixes', () => {
    const text = '[libraries]\ndeps = { path = "deps.wasm", capabilities = { env = ["CI"] } }\n';
    const missing = editsForFinding(text, { library: 'deps', kind: 'missing', capability: 'fs', needed: 'read', message: '' });
    assert.equal(apply(text, missing), '[libraries]\ndeps = { path = "deps.wasm", capabilities = { env = ["CI"], fs = "read" } }\n');
    const denied = editsForFinding(text, { library: 'deps', kind: 'denied', capability: 'env', needed: 'HOME', message: '' });
    assert.equal(apply(text, denied), '[libraries]\ndeps = { path = "deps.wasm", capabilities = { env = ["CI", "HOME"] } }\n');
    const unused = editsForFinding(text, { library: 'deps', kind: 'unused', capability: 'env', message: '' });
    assert.equal(apply(text, unused), '[libraries]\ndeps = { path = "deps.wasm" }\n');
  });
});
