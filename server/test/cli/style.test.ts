import { strict as assert } from 'node:assert';
import { ANSI, PLAIN, styleFor } from '../../src/cli/style';
import { TempWorkspace } from '../helpers/cliHarness';
import { main } from '../../src/cli/main';

/** cli.md §1: colour only on a terminal; NO_COLOR / CLICOLOR=0 turn it off; CLICOLOR_FORCE forces it. */
describe('cli: terminal styling', () => {
  it('chooses colour from the terminal and the environment', () => {
    assert.equal(styleFor({}, true), ANSI);
    assert.equal(styleFor({}, false), PLAIN);
    assert.equal(styleFor({ NO_COLOR: '' }, true), PLAIN);
    assert.equal(styleFor({ CLICOLOR: '0' }, true), PLAIN);
    assert.equal(styleFor({ CLICOLOR_FORCE: '1' }, false), ANSI);
    assert.equal(styleFor({ CLICOLOR_FORCE: '1', NO_COLOR: '' }, false), ANSI);
  });

  it('styles the status words of run and the severities of check, nothing else', async () => {
    const ws = new TempWorkspace({
      't.hie': "element a:\n    scope src = files.folder_selector('.')\n    check files.exists(src, 't.hie')\n    check files.exists(src, 'nope')\n",
      'bad.hie': 'element a\n',
    });
    try {
      let out = '';
      const io = { out: (t: string) => (out += t), err: () => undefined, cwd: ws.dir, style: ANSI };
      await main(['run', 't.hie'], io);
      assert.equal(
        out,
        "\x1b[1;36mStarting\x1b[0m Running checks in `t.hie`...\n\n  \x1b[1;32mPASS\x1b[0m a :: files.exists(src, 't.hie')\n  \x1b[1;31mFAIL\x1b[0m a :: files.exists(src, 'nope')\n        \x1b[2m-->\x1b[0m File 'nope' does not exist in folder '.'\n        \x1b[2mat t.hie:4:11\x1b[0m\n\nSummary: 2 total, 1 passed, 1 failed, 0 errors\n",
      );
      out = '';
      await main(['check', 'bad.hie'], io);
      assert.equal(out, '\x1b[1;31merror\x1b[0m[\x1b[2mE007\x1b[0m] : Expected Colon, found Newline\n  \x1b[2m-->\x1b[0m \x1b[2mbad.hie:1:10\x1b[0m\n\n');
    } finally {
      ws.dispose();
    }
  });
});
