import * as path from 'node:path';
import { ProbeResult, REPO_ROOT, runNeovimProbe } from './neovimHarness';
import { assertHover, assertSyntaxError, probeJob } from './editorFixture';

/**
 * The language server in a real editor: Neovim's built-in LSP client starts
 * `node server/bin/hielements-language-server.js --stdio` on test-fixtures/editor.
 * (HIELEMENTS_E2E_SERVER=<file.js> runs another server module instead.)
 */
const SERVER = process.env.HIELEMENTS_E2E_SERVER ?? path.join(REPO_ROOT, 'server', 'bin', 'hielements-language-server.js');

describe('e2e: Neovim built-in LSP client', function () {
  this.timeout(30000);
  let probe: Promise<ProbeResult> | undefined;
  const result = () => (probe ??= runNeovimProbe(probeJob(['node', SERVER, '--stdio'])));

  it('shows the syntax error of `element a` without a colon', async () => assertSyntaxError(await result()));

  it('shows the signature of files.exists on hover', async () => assertHover(await result()));
});
