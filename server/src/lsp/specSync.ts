import type { CheckService } from './checkService';
import type { DiagnosticsPublisher } from './publisher';
import type { WorkspaceState } from './workspaceState';

/**
 * The spec set changed (hielements.toml saved, a .gitignore changed, the setting
 * `hielements.files.exclude`, workspace folders): files that left it lose their check results
 * (closed ones are forgotten, their Problems cleared; open ones keep syntax and static
 * diagnostics); files that joined are checked; `rescan` finds the closed files that joined.
 */
export async function applySpecChange(
  state: WorkspaceState,
  publisher: DiagnosticsPublisher,
  checks: CheckService,
  rescan: () => Promise<void>,
): Promise<void> {
  const { joined, left } = state.refreshSpecs();
  for (const file of left) {
    checks.forget(file);
    if (file.open) publisher.publish(file);
    else {
      publisher.clear(file.uri);
      state.remove(file.key);
    }
  }
  for (const file of joined) {
    publisher.publish(file);
    checks.opened(file);
  }
  await rescan();
  checks.sendSummary();
}
