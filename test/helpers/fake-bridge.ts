import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LaunchSpec } from '../../main/kernel/contract.ts';
import { TYPESCRIPT_NODE_ARGS } from './typescript-child.ts';

const FIXTURE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'fake-bridge.ts');

/** A launch spec for the fake MCP server (test/fixtures/fake-bridge.ts) as `identity`. */
export function fakeBridgeLaunch(identity: string, env: Record<string, string> = {}): LaunchSpec {
  return { command: process.execPath, args: [...TYPESCRIPT_NODE_ARGS, FIXTURE, 'serve', '--user', identity], env: { ...env } };
}
