import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expectedReport, hostileWorkspace, pidFileEnv, runCli, survivors, type HostileWorkspace } from './hostileSupport';

/**
 * trust.md §4 through the real `hielements` binary: a plugin that answers correctly and then
 * misbehaves (test-fixtures/plugins/hostile) cannot make `hielements run` exit 0 without
 * printing the results, cannot change a result, cannot make the output grow without bound,
 * and leaves no process behind.
 */
describe('fail closed: hostile external plugins through the CLI', function () {
  this.timeout(120_000);
  const workspaces: HostileWorkspace[] = [];
  const workspace = (plugin: string, args: string[] = []): HostileWorkspace => {
    const ws = hostileWorkspace(plugin, args);
    workspaces.push(ws);
    return ws;
  };
  afterEach(() => workspaces.splice(0).forEach((w) => w.dispose()));

  /** The run prints the real report, exits 1 because checks failed, and every process the plugin started is gone. */
  async function assertFailsClosed(ws: HostileWorkspace, says: string) {
    const r = await runCli(ws.dir, ['run', 'a.hie'], pidFileEnv(ws));
    assert.equal(r.hung, false, 'the CLI did not exit');
    assert.equal(r.stdout, expectedReport(says), r.stderr.slice(0, 2000));
    assert.equal(r.status, 1);
    assert.ok(ws.pids().length > 0, 'the plugin recorded its pids');
    assert.deepEqual(await survivors(ws.pids()), [], 'processes the plugin started are still running');
    return r;
  }

  it('reproduction: a background thread that keeps the plugin alive after stdin closes (python3)', async () => {
    await assertFailsClosed(workspace('linger-thread.py'), 'linger-thread says no');
  });

  it('reproduction: a live child that shares the plugin\'s pipes and keeps it running', async () => {
    await assertFailsClosed(workspace('live-child.js'), 'live-child says no');
  });

  it('reproduction: a 25 MB stderr flood after each answer; stderr is bounded, with one notice', async () => {
    const r = await assertFailsClosed(workspace('stderr-flood.js'), 'stderr-flood says no');
    assert.ok(r.stderr.length < 80 * 1024, `stderr: ${r.stderr.length} bytes`);
    const notices = r.stderr.split('\n').filter((l) => l.includes('over the limit'));
    assert.equal(notices.length, 1, `notices: ${notices.join(' | ')}`);
    assert.equal(notices[0], '[h] (stderr output over the limit of 200 lines or 64 KiB: the rest is dropped)');
  });

  it('reproduction: two lines per request cannot shift later answers to the wrong check (ids are matched)', async () => {
    const r = await assertFailsClosed(workspace('two-lines.js'), 'two-lines says no');
    assert.match(r.stderr, /^\[h\] ignored a reply with id 1: the request waiting for an answer has id 2$/m);
  });

  it('reproduction: grandchildren of a plugin that exits normally do not outlive the CLI', async () => {
    const ws = workspace('grandchildren.js');
    const pidFile = path.join(ws.dir, 'descendants.txt');
    fs.writeFileSync(path.join(ws.dir, 'hielements.toml'), fs.readFileSync(path.join(ws.dir, 'hielements.toml'), 'utf8').replace(/\]\s*\}\s*$/, `, ${JSON.stringify(pidFile)}] }\n`));
    await assertFailsClosed(ws, 'grandchildren says no');
    const descendants = fs.readFileSync(pidFile, 'utf8').split('\n').filter((l) => l !== '').map(Number);
    assert.equal(descendants.length, 2);
    assert.deepEqual(await survivors(descendants), []);
  });

  it('reproduction: a 50 MB reply is an error naming the 1 MiB limit; the output stays small', async () => {
    const ws = workspace('huge-reply.js');
    const r = await runCli(ws.dir, ['run', 'a.hie'], pidFileEnv(ws));
    assert.equal(r.hung, false);
    assert.equal(r.status, 1);
    const limit = 'Failed to read from external process: the reply is larger than the limit of 1 MiB (1048576 bytes); the process was stopped';
    assert.equal(
      r.stdout,
      ['Starting Running checks in `a.hie`...', '', ...['verdict', 'ok', 'ok', 'verdict'].flatMap((f, i) => [`  ERROR a :: h.${f}()`, `        --> ${limit}`, `        at a.hie:${i + 3}:11`]), '', 'Summary: 4 total, 0 passed, 0 failed, 4 errors', ''].join('\n'),
    );
    assert.deepEqual(await survivors(ws.pids()), []);
  });

  it('a long check message reaches the output cut to 2000 characters with an ellipsis', async () => {
    const ws = workspace('huge-reply.js', ['100000']);
    const r = await runCli(ws.dir, ['run', 'a.hie', '--format', 'json'], pidFileEnv(ws));
    const report = JSON.parse(r.stdout);
    assert.deepEqual(report.results.map((x: { status: string }) => x.status), ['fail', 'fail', 'fail', 'fail']);
    assert.equal(report.results[0].message, `${'x'.repeat(2000)}…`);
    assert.ok(r.stdout.length < 12_000, `stdout: ${r.stdout.length} bytes`);
  });
});
