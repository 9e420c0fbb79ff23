import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Filesystem path of a `file:` URI; undefined for other schemes (untitled documents, …). */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return path.normalize(fileURLToPath(uri));
  } catch {
    return undefined;
  }
}

export const pathToUri = (file: string): string => pathToFileURL(file).href;

/** A stable key for a document: its path for files, the URI otherwise. */
export const documentKey = (uri: string): string => uriToPath(uri) ?? uri;

export const isHieFile = (file: string): boolean => file.endsWith('.hie');
export const isConfigFile = (file: string): boolean => path.basename(file) === 'hielements.toml';
