import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ProbeResult, REPO_ROOT, runNeovimProbe } from './neovimHarness';
import { assertHover, assertSyntaxError, probeJob } from './editorFixture';

/**
 * The server as the VS Code extension ships it: client/dist (built by `npm run build -w client`) copied
 * OUTSIDE the repository, so nothing can fall back to the repo's node_modules or server/grammar, started the
 * way the extension starts it (HIELEMENTS_WASM_DIR = the bundle's folder), driven by Neovim.
 */
const DIST = path.join(REPO_ROOT, 'client', 'dist');

describe('e2e: the bundled server (client/dist, outside the repository) in Neovim', function () {
  this.timeout(30000);
  let probe: Promise<ProbeResult> | undefined;
  let copy: string | undefined;

  const result = () =>
    (probe ??= (async () => {
      assert.ok(
        fs.existsSync(path.join(DIST, 'server.js')),
        `${path.join(DIST, 'server.js')} does not exist: run \`npm run build -w client\` (it bundles server/src/lsp/main.ts)`,
      );
      copy = fs.mkdtempSync(path.join(os.tmpdir(), 'hie-bundle-'));
      fs.cpSync(DIST, copy, { recursive: true });
      return runNeovimProbe(probeJob(['node', path.join(copy, 'server.js'), '--stdio']), { HIELEMENTS_WASM_DIR: copy });
    })());

  after(() => {
    if (copy) fs.rmSync(copy, { recursive: true, force: true });
  });

  it('shows the syntax error of `element a` without a colon', async () => assertSyntaxError(await result()));

  it('shows the signature of files.exists on hover', async () => assertHover(await result()));
});
