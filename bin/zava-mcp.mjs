#!/usr/bin/env node
// The `zava-mcp` command. TypeScript sources run through tsx's loader so a fresh
// `npm ci` needs no build step before the CLI (and the bridge AI clients launch) works.
import { register } from 'tsx/esm/api';

register();
await import('../main/cli/main.ts');
