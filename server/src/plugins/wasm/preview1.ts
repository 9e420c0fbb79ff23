import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomFillSync } from 'node:crypto';
import { PREVIEW1_FUNCTIONS } from './importPolicy';
import type { WasmMemory } from './wasmApi';
import type { ResolveMode } from './workspaceJail';
import { GUEST_WORKSPACE, PluginExit, type Access, type Sandbox } from './sandbox';

/**
 * Our own deny-by-default `wasi_snapshot_preview1` (never `node:wasi`, which lets a
 * directory symlink escape and cannot be read-only). fd 3 is the `/workspace` preopen;
 * with `fs = "none"` it exists but every access through it is denied (and reported).
 */

const E = {
  SUCCESS: 0, ACCES: 2, BADF: 8, EXIST: 20, INVAL: 28, IO: 29, ISDIR: 31, LOOP: 32, NOENT: 44, NOSYS: 52,
  MFILE: 33, NOTDIR: 54, NOTEMPTY: 55, NOTSUP: 58, PERM: 63, ROFS: 69, SPIPE: 70, NOTCAPABLE: 76,
} as const;

const FILETYPE = { UNKNOWN: 0, CHAR: 2, DIR: 3, REG: 4, SYMLINK: 7 } as const;
const OFLAGS = { CREAT: 1, DIRECTORY: 2, EXCL: 4, TRUNC: 8 } as const;
const FDFLAGS_APPEND = 1;
const RIGHT_FD_WRITE = 1n << 6n;
const RIGHTS_ALL = (1n << 30n) - 1n;

function errnoOf(e: unknown): number {
  switch ((e as NodeJS.ErrnoException).code) {
    case 'ENOENT': return E.NOENT;
    case 'EISDIR': return E.ISDIR;
    case 'ENOTDIR': return E.NOTDIR;
    case 'EEXIST': return E.EXIST;
    case 'EACCES': return E.ACCES;
    case 'EPERM': return E.PERM;
    case 'ENOTEMPTY': return E.NOTEMPTY;
    case 'ELOOP': return E.LOOP;
    case 'EINVAL': return E.INVAL;
    default: return E.IO;
  }
}

/** Run a host file operation: success, or the errno its failure maps to. */
function hostCall(op: () => unknown): number {
  try {
    op();
    return E.SUCCESS;
  } catch (e) {
    return errnoOf(e);
  }
}

type Descriptor =
  | { kind: 'stdin' }
  | { kind: 'out'; stream: 'stdout' | 'stderr' }
  | { kind: 'file'; host: string; rel: string; fd: number; pos: number; writable: boolean; append: boolean }
  | { kind: 'dir'; host: string; rel: string; preopen: boolean };

function filetypeOf(st: fs.Stats): number {
  return st.isDirectory() ? FILETYPE.DIR : st.isFile() ? FILETYPE.REG : st.isSymbolicLink() ? FILETYPE.SYMLINK : FILETYPE.UNKNOWN;
}

export interface Preview1 {
  imports: Record<string, (...args: never[]) => number | void>;
  /** Close every file the plugin left open (before the instance is dropped). */
  closeAll(): void;
}

export function createPreview1(sandbox: Sandbox, memory: () => WasmMemory): Preview1 {
  const fds = new Map<number, Descriptor>();
  fds.set(0, { kind: 'stdin' });
  fds.set(1, { kind: 'out', stream: 'stdout' });
  fds.set(2, { kind: 'out', stream: 'stderr' });
  fds.set(3, { kind: 'dir', host: sandbox.jail.realRoot, rel: '', preopen: true });
  let nextFd = 4;

  const view = () => new DataView(memory().buffer);
  const bytes = () => new Uint8Array(memory().buffer);
  const text = (ptr: number, len: number) => Buffer.from(memory().buffer, ptr, len).toString('utf8');
  const u32 = (ptr: number, v: number) => view().setUint32(ptr, v, true);
  const u64 = (ptr: number, v: bigint | number) => view().setBigUint64(ptr, BigInt(v), true);
  const ns = (ms: number) => BigInt(Math.round(ms * 1e6));

  const writeStat = (ptr: number, st: fs.Stats) => {
    const b = bytes();
    b.fill(0, ptr, ptr + 64);
    u64(ptr, 0); // dev: reveals nothing of the host
    u64(ptr + 8, st.ino);
    view().setUint8(ptr + 16, filetypeOf(st));
    u64(ptr + 24, 1);
    u64(ptr + 32, st.size);
    u64(ptr + 40, ns(st.atimeMs));
    u64(ptr + 48, ns(st.mtimeMs));
    u64(ptr + 56, ns(st.ctimeMs));
  };

  /** Copy `list` (NUL-terminated strings) into pointer array + buffer. */
  const writeStrings = (list: string[], ptrsPtr: number, bufPtr: number) => {
    let p = bufPtr;
    list.forEach((s, i) => {
      const enc = Buffer.from(s + '\0', 'utf8');
      u32(ptrsPtr + i * 4, p);
      bytes().set(enc, p);
      p += enc.length;
    });
    return E.SUCCESS;
  };
  const sizes = (list: string[], countPtr: number, sizePtr: number) => {
    u32(countPtr, list.length);
    u32(sizePtr, list.reduce((n, s) => n + Buffer.byteLength(s, 'utf8') + 1, 0));
    return E.SUCCESS;
  };
  const environ = sandbox.settings.env.map(([k, v]) => `${k}=${v}`);

  const dirOf = (fd: number): Extract<Descriptor, { kind: 'dir' }> | number => {
    const d = fds.get(fd);
    if (!d) return E.BADF;
    if (d.kind !== 'dir') return E.NOTDIR;
    return d;
  };

  /** Resolve a path argument for an operation; returns an errno on refusal. */
  const resolvePath = (fd: number, ptr: number, len: number, access: Access, mode: ResolveMode = 'follow') => {
    const dir = dirOf(fd);
    if (typeof dir === 'number') return dir;
    const r = sandbox.open(dir.rel, text(ptr, len), access, mode);
    if (r.ok) return r;
    if (r.why === 'denied') return access === 'write' && sandbox.fs === 'read' ? E.ROFS : E.NOTCAPABLE;
    if (r.why === 'invalid') return E.INVAL;
    return E.NOENT;
  };

  const iovecs = (ptr: number, count: number): Array<[number, number]> => {
    const v = view();
    return Array.from({ length: count }, (_, i) => [v.getUint32(ptr + i * 8, true), v.getUint32(ptr + i * 8 + 4, true)] as [number, number]);
  };

  const denyWrite = () => (sandbox.fs === 'write' ? E.NOTSUP : sandbox.fs === 'read' ? E.ROFS : E.NOTCAPABLE);

  const imp: Record<string, (...args: never[]) => number | void> = {
    args_get: () => E.SUCCESS,
    args_sizes_get: (countPtr: number, sizePtr: number) => sizes([], countPtr, sizePtr),
    environ_get: (ptrs: number, buf: number) => writeStrings(environ, ptrs, buf),
    environ_sizes_get: (countPtr: number, sizePtr: number) => sizes(environ, countPtr, sizePtr),
    clock_res_get: (_id: number, out: number) => (u64(out, 1000n), E.SUCCESS),
    clock_time_get: (id: number, _precision: bigint, out: number) => {
      if (id === 0) u64(out, ns(Date.now()));
      else if (id === 1) u64(out, process.hrtime.bigint());
      else return E.INVAL;
      return E.SUCCESS;
    },
    random_get: (ptr: number, len: number) => (randomFillSync(bytes(), ptr, len), E.SUCCESS),
    sched_yield: () => E.SUCCESS,
    poll_oneoff: () => E.NOSYS,
    proc_raise: () => E.NOSYS,
    proc_exit: (code: number) => {
      throw new PluginExit(code);
    },
    sock_accept: () => E.NOTCAPABLE,
    sock_recv: () => E.NOTCAPABLE,
    sock_send: () => E.NOTCAPABLE,
    sock_shutdown: () => E.NOTCAPABLE,

    fd_prestat_get: (fd: number, out: number) => {
      const d = fds.get(fd);
      if (!d || d.kind !== 'dir' || !d.preopen) return E.BADF;
      view().setUint8(out, 0);
      u32(out + 4, Buffer.byteLength(GUEST_WORKSPACE));
      return E.SUCCESS;
    },
    fd_prestat_dir_name: (fd: number, ptr: number, len: number) => {
      const d = fds.get(fd);
      if (!d || d.kind !== 'dir' || !d.preopen) return E.BADF;
      bytes().set(Buffer.from(GUEST_WORKSPACE).subarray(0, len), ptr);
      return E.SUCCESS;
    },
    fd_fdstat_get: (fd: number, out: number) => {
      const d = fds.get(fd);
      if (!d) return E.BADF;
      bytes().fill(0, out, out + 24);
      const type = d.kind === 'dir' ? FILETYPE.DIR : d.kind === 'file' ? FILETYPE.REG : FILETYPE.CHAR;
      view().setUint8(out, type);
      view().setUint16(out + 2, d.kind === 'file' && d.append ? FDFLAGS_APPEND : 0, true);
      const rights = d.kind === 'file' && !d.writable ? RIGHTS_ALL & ~RIGHT_FD_WRITE : RIGHTS_ALL;
      u64(out + 8, rights);
      u64(out + 16, rights);
      return E.SUCCESS;
    },
    fd_fdstat_set_flags: () => E.SUCCESS,
    fd_fdstat_set_rights: () => E.SUCCESS,
    fd_advise: () => E.SUCCESS,
    fd_datasync: () => E.SUCCESS,
    fd_sync: () => E.SUCCESS,
    fd_renumber: () => E.NOTSUP,
    fd_close: (fd: number) => {
      const d = fds.get(fd);
      if (!d) return E.BADF;
      if (d.kind === 'dir' && d.preopen) return E.NOTSUP;
      if (d.kind === 'file') fs.closeSync(d.fd);
      fds.delete(fd);
      sandbox.releaseHandle();
      return E.SUCCESS;
    },
    fd_filestat_get: (fd: number, out: number) => {
      const d = fds.get(fd);
      if (!d) return E.BADF;
      if (d.kind === 'dir' && !sandbox.mayInspect(d.rel)) return E.NOTCAPABLE;
      try {
        if (d.kind === 'file') writeStat(out, fs.fstatSync(d.fd));
        else if (d.kind === 'dir') writeStat(out, fs.statSync(d.host));
        else {
          bytes().fill(0, out, out + 64);
          view().setUint8(out + 16, FILETYPE.CHAR);
        }
        return E.SUCCESS;
      } catch (e) {
        return errnoOf(e);
      }
    },
    fd_read: (fd: number, iovs: number, count: number, nreadPtr: number) => {
      const d = fds.get(fd);
      if (!d) return E.BADF;
      if (d.kind === 'stdin') return (u32(nreadPtr, 0), E.SUCCESS);
      if (d.kind !== 'file') return d.kind === 'dir' ? E.ISDIR : E.BADF;
      let total = 0;
      try {
        for (const [buf, len] of iovecs(iovs, count)) {
          const n = fs.readSync(d.fd, bytes(), buf, len, d.pos);
          d.pos += n;
          total += n;
          if (n < len) break;
        }
      } catch (e) {
        return errnoOf(e);
      }
      u32(nreadPtr, total);
      return E.SUCCESS;
    },
    fd_pread: (fd: number, iovs: number, count: number, offset: bigint, nreadPtr: number) => {
      const d = fds.get(fd);
      if (!d || d.kind !== 'file') return E.BADF;
      let total = 0;
      let pos = Number(offset);
      try {
        for (const [buf, len] of iovecs(iovs, count)) {
          const n = fs.readSync(d.fd, bytes(), buf, len, pos);
          pos += n;
          total += n;
          if (n < len) break;
        }
      } catch (e) {
        return errnoOf(e);
      }
      u32(nreadPtr, total);
      return E.SUCCESS;
    },
    fd_write: (fd: number, iovs: number, count: number, nwrittenPtr: number) => {
      const d = fds.get(fd);
      if (!d) return E.BADF;
      let total = 0;
      if (d.kind === 'out') {
        for (const [buf, len] of iovecs(iovs, count)) {
          sandbox.write(d.stream, Buffer.from(memory().buffer, buf, len).toString('utf8'));
          total += len;
        }
      } else if (d.kind === 'file' && d.writable) {
        try {
          for (const [buf, len] of iovecs(iovs, count)) {
            const at = d.append ? fs.fstatSync(d.fd).size : d.pos;
            const n = fs.writeSync(d.fd, bytes(), buf, len, at);
            d.pos = at + n;
            total += n;
          }
        } catch (e) {
          return errnoOf(e);
        }
      } else if (d.kind === 'file') {
        sandbox.open(path.posix.dirname(d.rel), path.posix.basename(d.rel), 'write');
        return E.BADF;
      } else return E.BADF;
      u32(nwrittenPtr, total);
      return E.SUCCESS;
    },
    fd_pwrite: (fd: number, iovs: number, count: number, offset: bigint, nwrittenPtr: number) => {
      const d = fds.get(fd);
      if (!d || d.kind !== 'file' || !d.writable) return E.BADF;
      let total = 0;
      let pos = Number(offset);
      try {
        for (const [buf, len] of iovecs(iovs, count)) {
          const n = fs.writeSync(d.fd, bytes(), buf, len, pos);
          pos += n;
          total += n;
        }
      } catch (e) {
        return errnoOf(e);
      }
      u32(nwrittenPtr, total);
      return E.SUCCESS;
    },
    fd_seek: (fd: number, offset: bigint, whence: number, out: number) => {
      const d = fds.get(fd);
      if (!d) return E.BADF;
      if (d.kind !== 'file') return E.SPIPE;
      const base = whence === 0 ? 0 : whence === 1 ? d.pos : whence === 2 ? fs.fstatSync(d.fd).size : NaN;
      const next = base + Number(offset);
      if (!Number.isFinite(next) || next < 0) return E.INVAL;
      d.pos = next;
      u64(out, next);
      return E.SUCCESS;
    },
    fd_tell: (fd: number, out: number) => {
      const d = fds.get(fd);
      if (!d) return E.BADF;
      if (d.kind !== 'file') return E.SPIPE;
      u64(out, d.pos);
      return E.SUCCESS;
    },
    fd_readdir: (fd: number, buf: number, bufLen: number, cookie: bigint, usedPtr: number) => {
      const d = dirOf(fd);
      if (typeof d === 'number') return d;
      if (!sandbox.mayInspect(d.rel)) return E.NOTCAPABLE;
      let entries: fs.Dirent[];
      try {
        entries = fs.readdirSync(d.host, { withFileTypes: true });
      } catch (e) {
        return errnoOf(e);
      }
      const all: Array<[string, number]> = [['.', FILETYPE.DIR], ['..', FILETYPE.DIR], ...entries.map((e): [string, number] => [e.name, e.isDirectory() ? FILETYPE.DIR : e.isFile() ? FILETYPE.REG : e.isSymbolicLink() ? FILETYPE.SYMLINK : FILETYPE.UNKNOWN])];
      let used = 0;
      for (let i = Number(cookie); i < all.length && used < bufLen; i++) {
        const [name, type] = all[i];
        const nameBytes = Buffer.from(name, 'utf8');
        const entry = Buffer.alloc(24 + nameBytes.length);
        entry.writeBigUInt64LE(BigInt(i + 1), 0);
        entry.writeBigUInt64LE(0n, 8);
        entry.writeUInt32LE(nameBytes.length, 16);
        entry.writeUInt8(type, 20);
        nameBytes.copy(entry, 24);
        const n = Math.min(entry.length, bufLen - used);
        bytes().set(entry.subarray(0, n), buf + used);
        used += n;
      }
      u32(usedPtr, used);
      return E.SUCCESS;
    },
    fd_allocate: () => denyWrite(),
    fd_filestat_set_size: (fd: number, size: bigint) => {
      const d = fds.get(fd);
      if (!d || d.kind !== 'file') return E.BADF;
      if (!d.writable) return E.BADF;
      return hostCall(() => fs.ftruncateSync(d.fd, Number(size)));
    },
    fd_filestat_set_times: () => denyWrite(),
    path_filestat_set_times: () => denyWrite(),
    path_link: () => denyWrite(),
    path_readlink: () => E.NOTSUP,

    path_open: (dirfd: number, _dirflags: number, pathPtr: number, pathLen: number, oflags: number, rightsBase: bigint, _rightsInh: bigint, fdflags: number, fdOut: number) => {
      const wantsWrite = (oflags & (OFLAGS.CREAT | OFLAGS.TRUNC)) !== 0 || (fdflags & FDFLAGS_APPEND) !== 0 || (BigInt(rightsBase) & RIGHT_FD_WRITE) !== 0n;
      // wasi-libc asks for FD_WRITE among "all rights" when opening directories; only files can be written.
      const access: Access = wantsWrite && (oflags & OFLAGS.DIRECTORY) === 0 ? 'write' : 'read';
      const r = resolvePath(dirfd, pathPtr, pathLen, access, (oflags & OFLAGS.CREAT) !== 0 ? 'create' : 'follow');
      if (typeof r === 'number') return r;
      if (!sandbox.reserveHandle()) return E.MFILE;
      const before = nextFd;
      try {
        const exists = fs.existsSync(r.host);
        if (exists && (oflags & OFLAGS.EXCL) !== 0 && (oflags & OFLAGS.CREAT) !== 0) return E.EXIST;
        if (!exists && (oflags & OFLAGS.CREAT) === 0) return E.NOENT;
        const st = exists ? fs.statSync(r.host) : undefined;
        if (st?.isDirectory()) {
          if (access === 'write') return E.ISDIR;
          fds.set(nextFd, { kind: 'dir', host: r.host, rel: r.rel, preopen: false });
        } else {
          if ((oflags & OFLAGS.DIRECTORY) !== 0) return E.NOTDIR;
          const hostFd = sandbox.openFile(r, access === 'write', (oflags & OFLAGS.CREAT) !== 0, (oflags & OFLAGS.TRUNC) !== 0);
          if (hostFd === undefined) return E.NOTCAPABLE;
          fds.set(nextFd, { kind: 'file', host: r.host, rel: r.rel, fd: hostFd, pos: 0, writable: access === 'write', append: (fdflags & FDFLAGS_APPEND) !== 0 });
        }
        u32(fdOut, nextFd++);
        return E.SUCCESS;
      } catch (e) {
        return errnoOf(e);
      } finally {
        if (nextFd === before) sandbox.releaseHandle();
      }
    },
    path_filestat_get: (fd: number, _flags: number, pathPtr: number, pathLen: number, out: number) => {
      const r = resolvePath(fd, pathPtr, pathLen, 'read');
      if (typeof r === 'number') return r;
      return hostCall(() => writeStat(out, fs.statSync(r.host)));
    },
    path_create_directory: (fd: number, pathPtr: number, pathLen: number) => {
      const r = resolvePath(fd, pathPtr, pathLen, 'write', 'entry');
      if (typeof r === 'number') return r;
      return hostCall(() => fs.mkdirSync(r.host));
    },
    path_remove_directory: (fd: number, pathPtr: number, pathLen: number) => {
      const r = resolvePath(fd, pathPtr, pathLen, 'write', 'entry');
      if (typeof r === 'number') return r;
      return hostCall(() => fs.rmdirSync(r.host));
    },
    path_unlink_file: (fd: number, pathPtr: number, pathLen: number) => {
      // The entry itself: unlinking a symlink removes the link, never its target.
      const r = resolvePath(fd, pathPtr, pathLen, 'write', 'entry');
      if (typeof r === 'number') return r;
      return hostCall(() => fs.unlinkSync(r.host));
    },
    path_rename: (fd: number, oldPtr: number, oldLen: number, newFd: number, newPtr: number, newLen: number) => {
      const from = resolvePath(fd, oldPtr, oldLen, 'write', 'entry');
      if (typeof from === 'number') return from;
      if (!sandbox.mayMove(from)) return E.NOTCAPABLE;
      const to = resolvePath(newFd, newPtr, newLen, 'write', 'entry');
      if (typeof to === 'number') return to;
      return hostCall(() => fs.renameSync(from.host, to.host));
    },
    path_symlink: (oldPtr: number, oldLen: number, fd: number, newPtr: number, newLen: number) => {
      const target = text(oldPtr, oldLen);
      const link = resolvePath(fd, newPtr, newLen, 'write', 'entry');
      if (typeof link === 'number') return link;
      if (!sandbox.jail.symlinkStaysInside(link.host, target)) {
        sandbox.denials.push({ access: 'write', path: `${link.rel} -> ${target}`, why: 'outside' });
        return E.NOTCAPABLE;
      }
      return hostCall(() => fs.symlinkSync(target, link.host));
    },
  };
  for (const name of PREVIEW1_FUNCTIONS) if (!(name in imp)) throw new Error(`preview1: no host function for ${name}`);

  return {
    imports: imp,
    closeAll() {
      for (const [fd, d] of fds) {
        if (d.kind === 'file') fs.closeSync(d.fd);
        if (fd > 3) sandbox.releaseHandle();
      }
      fds.clear();
    },
  };
}
