import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { CLI_V8_FLAGS } from '../../src/cli/v8Flags';
import { REPO_ROOT } from '../helpers/paths';

describe('CLI V8 flags', () => {
  it('are the flags the packaged loader sets before it compiles the bundle (else V8 rejects the code cache)', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const loader = require(path.join(REPO_ROOT, 'scripts', 'package', 'cliLoader.js')) as { V8_FLAGS: string[] };
    assert.deepEqual(loader.V8_FLAGS, CLI_V8_FLAGS);
  });

  it('are flags this Node knows, so setting them prints no warning', () => {
    const options = execFileSync(process.execPath, ['--v8-options'], { encoding: 'utf8' });
    const known = new Set((options.match(/^\s+--[a-z0-9-]+/gm) ?? []).map((f) => f.trim()));
    for (const flag of CLI_V8_FLAGS) assert.ok(known.has(flag.replace(/=.*$/, '')), flag);
  });
});
