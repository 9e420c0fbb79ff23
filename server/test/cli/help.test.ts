import { strict as assert } from 'node:assert';
import { TempWorkspace } from '../helpers/cliHarness';

describe('cli: help', () => {
  const ws = new TempWorkspace();
  after(() => ws.dispose());

  it('--help lists the commands; `<command> --help` lists that command\'s options; both exit 0', async () => {
    const top = await ws.cli('--help');
    assert.equal(top.exit, 0);
    for (const command of ['check', 'run', 'parse', 'doc', 'fmt', 'init']) assert.match(top.stdout, new RegExp(`^  ${command} +\\S`, 'm'));
    const run = await ws.cli('run', '--help');
    assert.equal(run.exit, 0);
    assert.match(run.stdout, /^Usage: hielements run <FILE> \[OPTIONS\]$/m);
    assert.match(run.stdout, /^ {2}--pattern-checks +also run implemented patterns' checks/m);
    const doc = await ws.cli('doc', '-h');
    assert.match(doc.stdout, /^Usage: hielements doc \[OPTIONS\]$/m);
  });
});
