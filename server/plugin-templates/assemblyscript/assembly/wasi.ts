// The few WASI preview1 calls the plugin needs to read a file. The host serves them itself
// (deny by default): the workspace is preopened as fd 3, `/workspace`, only when
// `capabilities.fs` is granted; paths are resolved inside it and never leave it.

// #region read-file
@external('wasi_snapshot_preview1', 'path_open')
declare function path_open(fd: u32, dirflags: u32, path: usize, pathLen: usize, oflags: u32, rightsBase: u64, rightsInheriting: u64, fdflags: u32, fdOut: usize): u32;
@external('wasi_snapshot_preview1', 'fd_read')
declare function fd_read(fd: u32, iovs: usize, iovsLen: usize, nread: usize): u32;
@external('wasi_snapshot_preview1', 'fd_close')
declare function fd_close(fd: u32): u32;

const WORKSPACE_FD: u32 = 3;
const RIGHT_FD_READ: u64 = 2;

/** Text of a workspace file (path relative to the workspace root), or null when it cannot be read. */
export function readWorkspaceFile(path: string): string | null {
  const name = String.UTF8.encode(path);
  const scratch = heap.alloc(16);
  let errno = path_open(WORKSPACE_FD, 1, changetype<usize>(name), name.byteLength, 0, RIGHT_FD_READ, 0, 0, scratch);
  if (errno != 0) { heap.free(scratch); return null; }
  const fd = load<u32>(scratch);
  const chunk: i32 = 65536;
  let buf = heap.alloc(chunk);
  let size: i32 = 0;
  let capacity: i32 = chunk;
  while (true) {
    store<u32>(scratch + 4, <u32>(buf + size));
    store<u32>(scratch + 8, <u32>(capacity - size));
    errno = fd_read(fd, scratch + 4, 1, scratch + 12);
    const n = <i32>load<u32>(scratch + 12);
    if (errno != 0 || n == 0) break;
    size += n;
    if (size == capacity) {
      capacity *= 2;
      buf = heap.realloc(buf, capacity);
    }
  }
  fd_close(fd);
  const text = errno == 0 ? String.UTF8.decodeUnsafe(buf, size) : null;
  heap.free(buf);
  heap.free(scratch);
  return text;
}
// #endregion read-file
