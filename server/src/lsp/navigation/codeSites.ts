import type { LocateRequest, SourceSite } from '../../libraries/library';
import type { LibraryCall } from '../modelIndex';
import type { HieFile } from '../workspaceState';
import { knownArguments } from './callArguments';

/**
 * What a string argument of a library call names in the workspace (files, folders,
 * declarations in source files), asked of the library itself (Library.locate) with the
 * project's libraries, so a plugin replacing a built-in also replaces its navigation.
 */
export async function sitesOfArgument(file: HieFile, call: LibraryCall, argIndex: number, purpose: LocateRequest['purpose']): Promise<SourceSite[]> {
  const lib = (await file.project.documentedLibraries()).get(call.library.name);
  if (!lib?.locate) return [];
  const request: LocateRequest = { table: call.isCheck ? 'check' : 'selector', fn: call.fn.name, argIndex, args: knownArguments(file, call), purpose };
  try {
    return await lib.locate(request, { workspace: file.project.root, index: file.project.evalIndex });
  } catch {
    return []; // a path outside the workspace, an unreadable file: nothing to go to
  }
}
