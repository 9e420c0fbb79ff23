import type { HieFile, WorkspaceState } from '../workspaceState';

/**
 * The spec files a name may resolve across: every .hie file the server knows in the same
 * project (open or found on disk). Patterns and their placeholders are shared between them;
 * everything else resolves inside its own file, as evaluation does (language.md §6, §7.3).
 */
export function specsOf(state: WorkspaceState, file: HieFile): HieFile[] {
  return state.filesOf(file.project);
}

/** Every spec the server knows (workspace symbols). */
export function allSpecs(state: WorkspaceState): HieFile[] {
  return [...state.files.values()];
}
