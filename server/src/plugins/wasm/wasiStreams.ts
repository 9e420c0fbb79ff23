/**
 * `wasi:io` resources (error, pollable, input/output streams) and the terminal resources,
 * as plain classes over host callbacks: the building blocks of our WASI 0.2 host.
 */

export class IoError {
  constructor(private readonly text: string) {}
  toDebugString(): string {
    return this.text;
  }
}

export class Pollable {
  constructor(private readonly until = 0n) {}
  ready(): boolean {
    return process.hrtime.bigint() >= this.until;
  }
  block(): void {
    const ms = Number((this.until - process.hrtime.bigint()) / 1_000_000n);
    // Worker threads may block; the host's call timeout still applies.
    if (ms > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
  }
}

/** `stream-error::closed`, thrown as the `err` payload. */
const closed = { tag: 'closed' } as const;

export class InputStream {
  constructor(private readonly source: { read(len: number): Uint8Array | undefined } = { read: () => undefined }) {}
  read(len: bigint): Uint8Array {
    const chunk = this.source.read(Number(len > 1_048_576n ? 1_048_576n : len));
    if (chunk === undefined) throw closed;
    return chunk;
  }
  blockingRead(len: bigint): Uint8Array {
    return this.read(len);
  }
  skip(len: bigint): bigint {
    return BigInt(this.read(len).length);
  }
  blockingSkip(len: bigint): bigint {
    return this.skip(len);
  }
  subscribe(): Pollable {
    return new Pollable();
  }
}

export class OutputStream {
  constructor(private readonly sink: (bytes: Uint8Array) => void) {}
  checkWrite(): bigint {
    return 1_048_576n;
  }
  write(contents: Uint8Array): void {
    this.sink(contents);
  }
  blockingWriteAndFlush(contents: Uint8Array): void {
    this.sink(contents);
  }
  flush(): void {}
  blockingFlush(): void {}
  subscribe(): Pollable {
    return new Pollable();
  }
  writeZeroes(len: bigint): void {
    this.sink(new Uint8Array(Number(len)));
  }
  blockingWriteZeroesAndFlush(len: bigint): void {
    this.writeZeroes(len);
  }
  splice(src: InputStream, len: bigint): bigint {
    const bytes = src.read(len);
    this.sink(bytes);
    return BigInt(bytes.length);
  }
  blockingSplice(src: InputStream, len: bigint): bigint {
    return this.splice(src, len);
  }
}

export class TerminalInput {}
export class TerminalOutput {}
