import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { TempWorkspace } from '../../helpers/cliHarness';

/**
 * `hielements run` as a process, with an external plugin slower to exit than the host's
 * grace period: the report is printed and the exit status is the checks' (the CLI once
 * exited 0, silently, while it waited for such a plugin with nothing keeping it alive).
 */
describe('cli: an external plugin slow to exit', function () {
  this.timeout(60_000);
  const CLI = path.resolve(__dirname, '..', '..', '..', '..', 'bin', 'hielements.js');

  it('run still prints its report and exits 1 on a failed check', function () {
    const ws = new TempWorkspace({
      'slow.js': `const rl = require('node:readline').createInterface({ input: process.stdin });
rl.on('line', (l) => { const r = JSON.parse(l); process.stdout.write(JSON.stringify({ jsonrpc: '2.0', result: { Fail: 'no' }, id: r.id }) + '\\n'); });
rl.on('close', () => setTimeout(() => process.exit(0), 600)); // lingers after stdin closes
`,
      'hielements.toml': '[libraries]\nslow = { executable = "node", args = ["slow.js"] }\n',
      'arch.hie': 'import slow\n\nelement app {\n    check slow.anything()\n}\n',
    });
    try {
      for (let i = 0; i < 3; i++) {
        const r = spawnSync(process.execPath, [CLI, 'run', 'arch.hie'], { cwd: ws.dir, encoding: 'utf8' });
        assert.equal(r.status, 1, `${r.stdout}${r.stderr}`);
        assert.match(r.stdout, /^ {2}FAIL app :: slow\.anything\(\)\n {8}--> no$/m);
        assert.match(r.stdout, /^Summary: 1 total, 0 passed, 1 failed, 0 errors$/m);
      }
    } finally {
      ws.dispose();
    }
  });
});
