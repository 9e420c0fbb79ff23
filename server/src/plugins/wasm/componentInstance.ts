import type { PluginInstance, Request } from './pluginInstance';
import type { Sandbox } from './sandbox';

export class ComponentInstance implements PluginInstance {
  static async create(_dir: string, _pages: number, _sandbox: Sandbox): Promise<ComponentInstance> {
    throw new Error('components: not yet');
  }
  run(_req: Request): string | undefined {
    return undefined;
  }
  dispose(): void {}
}
