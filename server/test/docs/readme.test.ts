import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_SETTINGS } from '../../src/lsp/settings';
import { REPO_ROOT } from '../helpers/paths';

/** What the README says about the editor integration is what the manifest and the server do. */
const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'client', 'package.json'), 'utf8'));

/** Rows of the README's settings table: name → default as written (without backticks). */
function readmeSettings(): Map<string, string> {
  const rows = new Map<string, string>();
  for (const m of readme.matchAll(/^\| `(hielements\.[\w.]+)` \| (.+?) \|/gm)) rows.set(m[1], m[2].replace(/`/g, ''));
  return rows;
}

describe('README: names and defaults', () => {
  it('the settings table lists exactly the manifest settings, with the manifest defaults', () => {
    const properties = manifest.contributes.configuration.properties as Record<string, { default: unknown }>;
    const documented = readmeSettings();
    assert.deepEqual([...documented.keys()].sort(), Object.keys(properties).sort());
    for (const [name, p] of Object.entries(properties)) assert.equal(documented.get(name), JSON.stringify(p.default).replace(/^"(.+)"$/, '$1'), name);
  });

  it('the server defaults equal the manifest defaults (checks.run, checks.patterns)', () => {
    const properties = manifest.contributes.configuration.properties;
    assert.equal(DEFAULT_SETTINGS.checks.run, properties['hielements.checks.run'].default);
    assert.equal(DEFAULT_SETTINGS.checks.patterns, properties['hielements.checks.patterns'].default);
  });

  it('the commands line names the manifest commands with their category', () => {
    const line = /^Commands: (.*)$/m.exec(readme)?.[1] ?? '';
    const named = [...line.matchAll(/\*([^*]+)\*/g)].map((m) => m[1]);
    assert.deepEqual(named, manifest.contributes.commands.map((c: { category: string; title: string }) => `${c.category}: ${c.title}`));
  });

  it('the commands table names the options the CLI has', () => {
    for (const option of ['--format', '--baseline', '--write-baseline', '--pattern-checks', '--filter', '--limit', '--dry-run']) {
      assert.ok(readme.includes(option), option);
    }
  });
});
