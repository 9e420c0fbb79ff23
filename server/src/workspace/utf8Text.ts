import { isUtf8 } from 'node:buffer';

/**
 * The text of a file's bytes when they are valid UTF-8 (stdlib.md §1.3), otherwise
 * undefined. `buffer.isUtf8` is the same strict check as `TextDecoder('utf-8', {fatal})`
 * but validates natively without building a string first; a leading BOM is kept, as
 * Rust's `read_to_string` keeps it.
 */
export function decodeUtf8(bytes: Buffer): string | undefined {
  return isUtf8(bytes) ? bytes.toString('utf8') : undefined;
}
