import type { SettingsFile } from '../kernel/config/settings-file.ts';
import type { BridgeService } from './bridge-service.ts';
import { toToolCallResult } from './supervision/tool-result.ts';

export interface PlaygroundServiceDeps {
  bridges: Pick<BridgeService, 'state' | 'listTools' | 'callTool'>;
  settings: Pick<SettingsFile, 'read'>;
}

/** The playground: the bridge's tools, called as the selected identity, results exactly as the model gets them. */
export class PlaygroundService {
  constructor(private readonly deps: PlaygroundServiceDeps) {}

  async tools() {
    const tools = await this.deps.bridges.listTools();
    return {
      identity: this.deps.bridges.state().identity,
      tools: tools.map((t) => ({ name: t.name, title: t.title ?? t.annotations?.title ?? null, description: t.description ?? '', inputSchema: t.inputSchema })),
    };
  }

  async call(tool: string, args: Record<string, unknown>) {
    const identity = this.deps.bridges.state().identity;
    const began = performance.now();
    const result = await this.deps.bridges.callTool(tool, args, this.deps.settings.read().app.toolTimeoutMs);
    return toToolCallResult(tool, identity, result, performance.now() - began);
  }
}
