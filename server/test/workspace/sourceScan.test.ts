import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SourceScan } from '../../src/libraries/builtin/sourceScan';
import { FileIndex } from '../../src/workspace/fileIndex';
import type { WorkspaceIndex } from '../../src/workspace/workspaceIndex';
import { makeWorkspace, removeWorkspace } from '../libraries/helpers';

const filter = { extension: '.rs', excludedDirectory: (name: string) => name === 'target' };

describe('SourceScan (incremental workspace queries)', () => {
  let ws: string;
  beforeEach(() => {
    ws = makeWorkspace({ 'src/a.rs': 'Foo', 'src/b.rs': 'Bar', 'target/c.rs': 'Foo', 'src/d.txt': 'Foo' });
  });
  afterEach(() => removeWorkspace(ws));

  it('lists source files by extension, skipping excluded directories', async () => {
    const scan = new SourceScan(new FileIndex(ws), ws, filter);
    assert.deepEqual((await scan.files()).map((f) => path.relative(ws, f)), ['src/a.rs', 'src/b.rs']);
  });

  it('re-tests only changed files, and follows additions and removals', async () => {
    const index = new FileIndex(ws);
    const scan = new SourceScan(index, ws, filter);
    const tested: string[] = [];
    const test = (file: string, text: string) => {
      tested.push(path.relative(ws, file));
      return text.includes('Foo');
    };
    const rel = (files: string[]) => files.map((f) => path.relative(ws, f));
    assert.deepEqual(rel(await scan.query('foo', test)), ['src/a.rs']);
    assert.deepEqual(tested.splice(0), ['src/a.rs', 'src/b.rs']);
    assert.deepEqual(rel(await scan.query('foo', test)), ['src/a.rs']);
    assert.deepEqual(tested.splice(0), [], 'cached');

    fs.writeFileSync(path.join(ws, 'src/b.rs'), 'Foo too');
    index.invalidate(path.join(ws, 'src/b.rs'));
    assert.deepEqual(rel(await scan.query('foo', test)), ['src/a.rs', 'src/b.rs']);
    assert.deepEqual(tested.splice(0), ['src/b.rs']);

    fs.writeFileSync(path.join(ws, 'src/e.rs'), 'Foo');
    index.invalidate(path.join(ws, 'src/e.rs'));
    fs.rmSync(path.join(ws, 'src/a.rs'));
    index.invalidate(path.join(ws, 'src/a.rs'));
    assert.deepEqual(rel(await scan.query('foo', test)), ['src/b.rs', 'src/e.rs']);
    assert.deepEqual(tested.splice(0).sort(), ['src/e.rs']);
  });

  it('recomputes every time with an index that cannot report changes', async () => {
    const inner = new FileIndex(ws);
    const plain: WorkspaceIndex = {
      root: inner.root,
      walk: (d) => inner.walk(d),
      readText: (f) => inner.readText(f),
      invalidate: (p) => inner.invalidate(p),
      invalidateAll: () => inner.invalidateAll(),
    };
    const scan = new SourceScan(plain, ws, filter);
    let calls = 0;
    const test = (_: string, text: string) => {
      calls++;
      return text.includes('Foo');
    };
    await scan.query('foo', test);
    await scan.query('foo', test);
    assert.equal(calls, 4);
  });
});
