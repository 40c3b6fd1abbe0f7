import { z } from 'zod';

/**
 * Scales the first run may build (same names as `zava-mcp db reset --scale`). On its own so the
 * environment's schema (env.ts, read by every bridge at start-up) does not construct the whole
 * settings schema with it.
 */
export const firstRunScaleSchema = z.enum(['tiny', 'small', 'default', 'large']);
