import type { HieFile, WorkspaceState } from '../workspaceState';

/**
 * The spec files a name may resolve across: the specs of the same project (specFiles.ts), and
 * the file itself even when it is not one. Patterns and their placeholders are shared between
 * them; everything else resolves inside its own file, as evaluation does (language.md §6, §7.3).
 */
export function specsOf(state: WorkspaceState, file: HieFile): HieFile[] {
  return state.filesOf(file.project).filter((f) => f.spec || f === file);
}

/** Every spec the server knows (workspace symbols). */
export function allSpecs(state: WorkspaceState): HieFile[] {
  return state.specFiles();
}
