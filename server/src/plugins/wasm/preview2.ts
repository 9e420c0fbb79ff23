import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { GUEST_WORKSPACE, PluginExit, type Access, type Sandbox } from './sandbox';
import type { ResolveMode } from './workspaceJail';
import { InputStream, IoError, OutputStream, Pollable, TerminalInput, TerminalOutput } from './wasiStreams';

/**
 * Our own implementation of the WASI 0.2 interfaces a transpiled component imports, in the
 * shape jco's generated bindings expect (resources are classes, `result` errors are thrown
 * as plain values, `option` is `undefined`). Never the stock preview2-shim: every path goes
 * through the Sandbox gate, output goes to the log, env is filtered, exit traps, and there
 * is no socket or http interface at all.
 */

type ErrorCode =
  | 'access' | 'bad-descriptor' | 'exist' | 'invalid' | 'io' | 'is-directory' | 'no-entry' | 'not-directory'
  | 'not-empty' | 'not-permitted' | 'read-only' | 'unsupported' | 'loop' | 'quota';

function codeOf(e: unknown): ErrorCode {
  switch ((e as NodeJS.ErrnoException).code) {
    case 'ENOENT': return 'no-entry';
    case 'EISDIR': return 'is-directory';
    case 'ENOTDIR': return 'not-directory';
    case 'EEXIST': return 'exist';
    case 'EACCES': return 'access';
    case 'EPERM': return 'not-permitted';
    case 'ENOTEMPTY': return 'not-empty';
    case 'ELOOP': return 'loop';
    case 'EINVAL': return 'invalid';
    default: return 'io';
  }
}

/** Run a host fs operation; Node errors become WASI error codes (thrown as the `err` payload). */
function attempt<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof PluginExit) throw e;
    throw codeOf(e);
  }
}

type DescriptorType = 'directory' | 'regular-file' | 'symbolic-link' | 'unknown';
const typeOf = (st: fs.Stats): DescriptorType => (st.isDirectory() ? 'directory' : st.isFile() ? 'regular-file' : st.isSymbolicLink() ? 'symbolic-link' : 'unknown');
const datetime = (ms: number) => ({ seconds: BigInt(Math.floor(ms / 1000)), nanoseconds: Math.floor((ms % 1000) * 1e6) });

interface OpenFlags {
  create?: boolean;
  directory?: boolean;
  exclusive?: boolean;
  truncate?: boolean;
}
interface DescriptorFlags {
  read?: boolean;
  write?: boolean;
  mutateDirectory?: boolean;
}

export interface Preview2 {
  /** Interface name (no version) → implementation object. */
  interfaces: Record<string, Record<string, unknown>>;
  closeAll(): void;
}

export function createPreview2(sandbox: Sandbox): Preview2 {
  const open = new Set<Descriptor>();

  const denyCode = (access: Access): ErrorCode => (access === 'write' && sandbox.fs === 'read' ? 'read-only' : 'not-permitted');

  class Descriptor {
    constructor(
      readonly rel: string,
      readonly host: string,
      readonly isDir: boolean,
      readonly writable: boolean,
      readonly fd: number | undefined,
    ) {
      if (fd !== undefined) open.add(this);
    }

    /** The one way to a host path: the sandbox gate (denials are recorded there). */
    private gate(guestPath: string, access: Access, mode: ResolveMode = 'follow'): { host: string; rel: string } {
      if (!this.isDir) throw 'not-directory';
      const r = sandbox.open(this.rel, guestPath, access, mode);
      if (r.ok) return r;
      if (r.why === 'denied') throw denyCode(access);
      if (r.why === 'invalid') throw 'invalid';
      throw 'no-entry';
    }

    private file(): number {
      if (this.fd === undefined) throw 'is-directory';
      return this.fd;
    }

    private needWrite(): void {
      if (!this.writable) {
        sandbox.open(path.posix.dirname(this.rel), path.posix.basename(this.rel), 'write');
        throw 'bad-descriptor';
      }
    }

    readViaStream(offset: bigint): InputStream {
      const fd = this.file();
      let pos = Number(offset);
      return new InputStream({
        read: (len) => {
          const buf = new Uint8Array(len);
          const n = attempt(() => fs.readSync(fd, buf, 0, len, pos));
          if (n === 0 && len > 0) return undefined;
          pos += n;
          return buf.subarray(0, n);
        },
      });
    }
    writeViaStream(offset: bigint): OutputStream {
      this.needWrite();
      const fd = this.file();
      let pos = Number(offset);
      return new OutputStream((bytes) => {
        pos += attempt(() => fs.writeSync(fd, bytes, 0, bytes.length, pos));
      });
    }
    appendViaStream(): OutputStream {
      this.needWrite();
      const fd = this.file();
      return new OutputStream((bytes) => void attempt(() => fs.writeSync(fd, bytes, 0, bytes.length, fs.fstatSync(fd).size)));
    }
    advise(): void {}
    syncData(): void {}
    sync(): void {}
    getFlags(): DescriptorFlags {
      return { read: true, write: this.writable, mutateDirectory: this.isDir && sandbox.fs === 'write' };
    }
    getType(): DescriptorType {
      return this.isDir ? 'directory' : 'regular-file';
    }
    setSize(size: bigint): void {
      this.needWrite();
      const fd = this.file();
      attempt(() => fs.ftruncateSync(fd, Number(size)));
    }
    setTimes(): void {
      this.needWrite();
    }
    read(length: bigint, offset: bigint): [Uint8Array, boolean] {
      const fd = this.file();
      const buf = new Uint8Array(Number(length > 1_048_576n ? 1_048_576n : length));
      const n = attempt(() => fs.readSync(fd, buf, 0, buf.length, Number(offset)));
      return [buf.subarray(0, n), n < buf.length];
    }
    write(buffer: Uint8Array, offset: bigint): bigint {
      this.needWrite();
      const fd = this.file();
      return BigInt(attempt(() => fs.writeSync(fd, buffer, 0, buffer.length, Number(offset))));
    }
    readDirectory(): DirectoryEntryStream {
      if (!this.isDir) throw 'not-directory';
      if (!sandbox.mayInspect(this.rel)) throw 'not-permitted';
      const entries = attempt(() => fs.readdirSync(this.host, { withFileTypes: true }));
      return new DirectoryEntryStream(entries.map((e) => ({ name: e.name, type: e.isDirectory() ? 'directory' : e.isFile() ? 'regular-file' : e.isSymbolicLink() ? 'symbolic-link' : 'unknown' })));
    }
    stat() {
      if (this.isDir && !sandbox.mayInspect(this.rel)) throw 'not-permitted';
      return statOf(attempt(() => (this.fd !== undefined ? fs.fstatSync(this.fd) : fs.statSync(this.host))));
    }
    statAt(_flags: unknown, guestPath: string) {
      const r = this.gate(guestPath, 'read');
      return statOf(attempt(() => fs.statSync(r.host)));
    }
    setTimesAt(_flags: unknown, guestPath: string): void {
      this.gate(guestPath, 'write');
    }
    linkAt(): void {
      this.gate('.', 'write');
      throw 'unsupported';
    }
    openAt(_flags: unknown, guestPath: string, openFlags: OpenFlags, descFlags: DescriptorFlags): Descriptor {
      const wantsWrite = !!(openFlags.create || openFlags.truncate || (descFlags.write && !openFlags.directory));
      const access: Access = wantsWrite ? 'write' : 'read';
      const r = this.gate(guestPath, access, openFlags.create ? 'create' : 'follow');
      const exists = fs.existsSync(r.host);
      if (exists && openFlags.create && openFlags.exclusive) throw 'exist';
      if (!exists && !openFlags.create) throw 'no-entry';
      const st = exists ? attempt(() => fs.statSync(r.host)) : undefined;
      if (st?.isDirectory()) {
        if (access === 'write') throw 'is-directory';
        return new Descriptor(r.rel, r.host, true, false, undefined);
      }
      if (openFlags.directory) throw 'not-directory';
      if (!sandbox.reserveHandle()) throw 'quota';
      let fd: number | undefined;
      try {
        fd = attempt(() => sandbox.openFile(r, access === 'write', !!openFlags.create, !!openFlags.truncate));
      } catch (e) {
        sandbox.releaseHandle();
        throw e;
      }
      if (fd === undefined) {
        sandbox.releaseHandle();
        throw 'not-permitted';
      }
      return new Descriptor(r.rel, r.host, false, access === 'write', fd);
    }
    readlinkAt(guestPath: string): string {
      this.gate(guestPath, 'read');
      throw 'unsupported';
    }
    createDirectoryAt(guestPath: string): void {
      const r = this.gate(guestPath, 'write', 'entry');
      attempt(() => fs.mkdirSync(r.host));
    }
    removeDirectoryAt(guestPath: string): void {
      const r = this.gate(guestPath, 'write', 'entry');
      attempt(() => fs.rmdirSync(r.host));
    }
    unlinkFileAt(guestPath: string): void {
      // The entry itself: unlinking a symlink removes the link, never its target.
      const r = this.gate(guestPath, 'write', 'entry');
      attempt(() => fs.unlinkSync(r.host));
    }
    renameAt(oldPath: string, newDir: Descriptor, newPath: string): void {
      const from = this.gate(oldPath, 'write', 'entry');
      if (!sandbox.mayMove(from)) throw 'not-permitted';
      const to = newDir.gate(newPath, 'write', 'entry');
      attempt(() => fs.renameSync(from.host, to.host));
    }
    symlinkAt(target: string, linkPath: string): void {
      const link = this.gate(linkPath, 'write', 'entry');
      if (!sandbox.jail.symlinkStaysInside(link.host, target)) {
        sandbox.denials.push({ access: 'write', path: `${link.rel} -> ${target}`, why: 'outside' });
        throw 'not-permitted';
      }
      attempt(() => fs.symlinkSync(target, link.host));
    }
    isSameObject(other: Descriptor): boolean {
      return other.host === this.host;
    }
    metadataHash() {
      const st = attempt(() => fs.statSync(this.host));
      return { lower: BigInt(st.ino), upper: BigInt(Math.floor(st.mtimeMs)) };
    }
    metadataHashAt(_flags: unknown, guestPath: string) {
      const r = this.gate(guestPath, 'read');
      const st = attempt(() => fs.statSync(r.host));
      return { lower: BigInt(st.ino), upper: BigInt(Math.floor(st.mtimeMs)) };
    }
    [Symbol.dispose](): void {
      if (this.fd !== undefined && open.delete(this)) {
        fs.closeSync(this.fd);
        sandbox.releaseHandle();
      }
    }
  }

  class DirectoryEntryStream {
    private i = 0;
    constructor(private readonly entries: Array<{ name: string; type: string }>) {}
    readDirectoryEntry(): { name: string; type: string } | undefined {
      return this.entries[this.i++];
    }
  }

  function statOf(st: fs.Stats) {
    return {
      type: typeOf(st),
      linkCount: 1n,
      size: BigInt(st.size),
      dataAccessTimestamp: datetime(st.atimeMs),
      dataModificationTimestamp: datetime(st.mtimeMs),
      statusChangeTimestamp: datetime(st.ctimeMs),
    };
  }

  const decoder = (stream: 'stdout' | 'stderr') => {
    const d = new TextDecoder();
    return (bytes: Uint8Array) => sandbox.write(stream, d.decode(bytes, { stream: true }));
  };
  const stdout = new OutputStream(decoder('stdout'));
  const stderr = new OutputStream(decoder('stderr'));
  const stdin = new InputStream();
  const preopen = new Descriptor('', sandbox.jail.realRoot, true, false, undefined);
  const env = sandbox.settings.env;

  const interfaces: Record<string, Record<string, unknown>> = {
    'wasi:cli/environment': { getEnvironment: () => env.map(([k, v]) => [k, v]), getArguments: () => [], initialCwd: () => undefined },
    'wasi:cli/exit': {
      exit: (status: { tag: string }) => {
        throw new PluginExit(status.tag === 'ok' ? 0 : 1);
      },
      exitWithCode: (code: number) => {
        throw new PluginExit(code);
      },
    },
    'wasi:cli/stdin': { getStdin: () => stdin },
    'wasi:cli/stdout': { getStdout: () => stdout },
    'wasi:cli/stderr': { getStderr: () => stderr },
    'wasi:cli/terminal-input': { TerminalInput },
    'wasi:cli/terminal-output': { TerminalOutput },
    'wasi:cli/terminal-stdin': { getTerminalStdin: () => undefined },
    'wasi:cli/terminal-stdout': { getTerminalStdout: () => undefined },
    'wasi:cli/terminal-stderr': { getTerminalStderr: () => undefined },
    'wasi:clocks/monotonic-clock': {
      now: () => process.hrtime.bigint(),
      resolution: () => 1000n,
      subscribeInstant: (when: bigint) => new Pollable(when),
      subscribeDuration: (d: bigint) => new Pollable(process.hrtime.bigint() + d),
    },
    'wasi:clocks/wall-clock': { now: () => datetime(Date.now()), resolution: () => ({ seconds: 0n, nanoseconds: 1_000_000 }) },
    'wasi:filesystem/preopens': { getDirectories: () => [[preopen, GUEST_WORKSPACE]] },
    'wasi:filesystem/types': {
      Descriptor,
      DirectoryEntryStream,
      filesystemErrorCode: () => undefined,
    },
    'wasi:io/error': { Error: IoError },
    'wasi:io/poll': { Pollable, poll: (list: Pollable[]) => Uint32Array.from(list.map((_, i) => i)) },
    'wasi:io/streams': { InputStream, OutputStream },
    'wasi:random/random': { getRandomBytes: (len: bigint) => new Uint8Array(randomBytes(Number(len))), getRandomU64: () => randomBytes(8).readBigUInt64LE() },
    'wasi:random/insecure': { getInsecureRandomBytes: (len: bigint) => new Uint8Array(randomBytes(Number(len))), getInsecureRandomU64: () => randomBytes(8).readBigUInt64LE() },
    'wasi:random/insecure-seed': { insecureSeed: () => [randomBytes(8).readBigUInt64LE(), randomBytes(8).readBigUInt64LE()] },
  };

  return {
    interfaces,
    closeAll() {
      for (const d of open) d[Symbol.dispose]();
    },
  };
}
