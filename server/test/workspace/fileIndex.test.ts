import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FileIndex } from '../../src/workspace/fileIndex';
import { bigFolderWorkspace, makeWorkspace, removeWorkspace, writeFiles } from '../libraries/helpers';

describe('FileIndex', () => {
  let ws: string;
  beforeEach(() => {
    ws = makeWorkspace({ 'b.txt': 'b', 'a/z.txt': 'z', 'a/y/x.txt': 'x', 'a-b/c.txt': 'c', '.git/HEAD': 'ref' });
  });
  afterEach(() => removeWorkspace(ws));

  it('walks recursively and sorted; sub-walks are derived from a cached ancestor', async () => {
    const index = new FileIndex(ws);
    assert.equal(index.root, ws);
    const all = await index.walk(ws);
    assert.deepEqual(all.map((f) => path.relative(ws, f)), ['.git/HEAD', 'a-b/c.txt', 'a/y/x.txt', 'a/z.txt', 'b.txt']);
    assert.equal(await index.walk(ws), all, 'one walk per directory');
    assert.deepEqual((await index.walk(path.join(ws, 'a'))).map((f) => path.relative(ws, f)), ['a/y/x.txt', 'a/z.txt']);
    assert.deepEqual(await index.walk(path.join(ws, 'missing')), []);
  });

  it('does not follow links in walks, and survives link loops', async () => {
    fs.symlinkSync(ws, path.join(ws, 'a', 'loop'));
    fs.symlinkSync('self', path.join(ws, 'self'));
    fs.symlinkSync(path.join(ws, 'b.txt'), path.join(ws, 'link.txt'));
    const index = new FileIndex(ws);
    assert.deepEqual((await index.walk(ws)).map((f) => path.relative(ws, f)), ['.git/HEAD', 'a-b/c.txt', 'a/y/x.txt', 'a/z.txt', 'b.txt']);
    assert.equal(await index.readText(path.join(ws, 'self')), undefined);
    assert.equal(await index.readText(path.join(ws, 'link.txt')), 'b', 'readText follows a link to a file');
    // a root that is itself a link is followed (like walkdir)
    assert.deepEqual((await new FileIndex(ws).walk(path.join(ws, 'a', 'loop', 'a', 'y'))).map((f) => path.basename(f)), ['x.txt']);
  });

  it('reads UTF-8 text; binary, non-UTF-8, missing and directories are undefined', async () => {
    writeFiles(ws, {
      'utf8.txt': 'héllo ✓',
      'bom.txt': '\ufeffx',
      'latin1.txt': Buffer.from([0x63, 0x61, 0x66, 0xe9]),
      'binary.bin': Buffer.from([0x00, 0xff, 0xfe, 0x80]),
      'empty.txt': '',
    });
    const index = new FileIndex(ws);
    const read = (rel: string) => index.readText(path.join(ws, rel));
    assert.equal(await read('utf8.txt'), 'héllo ✓');
    assert.equal(await read('bom.txt'), '\ufeffx', 'a BOM is kept like Rust read_to_string');
    assert.equal(await read('empty.txt'), '');
    assert.equal(await read('latin1.txt'), undefined);
    assert.equal(await read('binary.bin'), undefined);
    assert.equal(await read('nope.txt'), undefined);
    assert.equal(await read('a'), undefined);
  });

  it('never blocks on a FIFO: it is neither walked nor read', async () => {
    const fifo = path.join(ws, 'a', 'pipe');
    execFileSync('mkfifo', [fifo]);
    const index = new FileIndex(ws);
    assert.ok(!(await index.walk(ws)).includes(fifo));
    assert.equal(await index.readText(fifo), undefined);
  });

  it('caches texts until the path is invalidated', async () => {
    const index = new FileIndex(ws);
    const file = path.join(ws, 'b.txt');
    assert.equal(await index.readText(file), 'b');
    fs.writeFileSync(file, 'changed');
    assert.equal(await index.readText(file), 'b', 'cached');
    assert.equal(index.peekText(file), 'b');
    const before = index.version;
    index.invalidate(file);
    assert.equal(index.peekText(file), null);
    assert.equal(await index.readText(file), 'changed');
    assert.deepEqual(index.changesSince(before), [file]);
  });

  it('a content change keeps walks; an added or removed file drops the walks that list it', async () => {
    const index = new FileIndex(ws);
    const root = await index.walk(ws);
    const sub = await index.walk(path.join(ws, 'a-b'));
    fs.writeFileSync(path.join(ws, 'a', 'z.txt'), 'zz');
    index.invalidate(path.join(ws, 'a', 'z.txt'));
    assert.equal(await index.walk(ws), root, 'content change: same walk');

    const added = path.join(ws, 'a', 'new.txt');
    fs.writeFileSync(added, 'n');
    index.invalidate(added);
    const rootAfter = await index.walk(ws);
    assert.notEqual(rootAfter, root);
    assert.ok(rootAfter.includes(added));
    assert.equal(await index.walk(path.join(ws, 'a-b')), sub, 'unrelated walks are kept');

    fs.rmSync(added);
    index.invalidate(added);
    assert.ok(!(await index.walk(ws)).includes(added));

    fs.rmSync(path.join(ws, 'a'), { recursive: true });
    index.invalidate(path.join(ws, 'a'));
    assert.deepEqual((await index.walk(ws)).map((f) => path.relative(ws, f)), ['.git/HEAD', 'a-b/c.txt', 'b.txt']);
  });

  it('refresh() finds files changed, added or removed on disk', async () => {
    const index = new FileIndex(ws);
    await index.walk(ws);
    const b = path.join(ws, 'b.txt');
    await index.readText(b);
    assert.deepEqual(index.refresh(), []);
    fs.writeFileSync(b, 'longer text');
    fs.writeFileSync(path.join(ws, 'a', 'y', 'w.txt'), 'w');
    const changed = index.refresh();
    assert.ok(changed.includes(b));
    assert.ok(changed.includes(path.join(ws, 'a', 'y')));
    assert.equal(await index.readText(b), 'longer text');
    assert.ok((await index.walk(ws)).includes(path.join(ws, 'a', 'y', 'w.txt')));
  });

  it('invalidateAll() forgets everything and reports an unknown change set', async () => {
    const index = new FileIndex(ws);
    await index.readText(path.join(ws, 'b.txt'));
    const v = index.version;
    index.invalidateAll();
    assert.equal(index.peekText(path.join(ws, 'b.txt')), null);
    assert.equal(index.changesSince(v), undefined);
    assert.deepEqual(index.changesSince(index.version), []);
  });

  it('walks a folder of 100,000 files', async function () {
    this.timeout(60_000);
    const big = bigFolderWorkspace();
    const index = new FileIndex(big);
    const files = await index.walk(big);
    assert.equal(files.length, 100_001);
    assert.equal(files[0], path.join(big, 'big', 'f000000.txt'));
    assert.equal(await index.readText(files[0]), '');
  });
});
