import type { Value } from '../../eval/values';
import { LibraryError, type CheckOutcome, type Library, type LibraryDoc } from '../../libraries/library';
import type { ExternalLibraryConfig } from '../types';
import { CODES } from './codes';

/**
 * Stands in for an external plugin of an untrusted workspace (trust.md §1): its name stays
 * known (no "unknown library" noise), nothing is ever started, and every call says why.
 */
export class UntrustedExternalLibrary implements Library {
  readonly kind = 'external' as const;
  readonly name: string;

  constructor(private readonly config: ExternalLibraryConfig) {
    this.name = config.name;
  }

  private refusal(): LibraryError {
    return new LibraryError(CODES.notTrusted, `External library '${this.name}' was not started: this workspace is not trusted`);
  }

  async call(_fn: string, _args: Value[]): Promise<Value> {
    throw this.refusal();
  }

  async check(): Promise<CheckOutcome> {
    const e = this.refusal();
    return { status: 'error', message: e.message, code: e.code };
  }

  async doc(): Promise<LibraryDoc> {
    return {
      name: this.name,
      description: `External library: ${this.config.program} (not started: this workspace is not trusted)`,
      version: '',
      functions: [],
      checks: [],
    };
  }
}
