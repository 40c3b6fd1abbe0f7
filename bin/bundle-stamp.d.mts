// Types for bundle-stamp.mjs (plain JavaScript: it runs before anything can compile TypeScript).
export const ROOT: string;
export const ENTRY: string;
export const OUT_PARENT: string;
export const BUNDLE_FILE: string;
export interface Stamped {
  watched: string[];
  stamp: string;
}
export interface RecordedBundle {
  dir: string;
  entry: string;
  stamp?: string;
  watched?: string[];
}
export function hasSources(root?: string): boolean;
export function sourceFiles(root?: string): string[];
export function sourceStamp(root?: string): Stamped;
export function recordedBundle(root?: string): RecordedBundle | undefined;
export function recordedStampHolds(recorded: RecordedBundle, root?: string): boolean;
export function recordBundle(dir: string, stamped: Stamped | undefined, root?: string): void;
