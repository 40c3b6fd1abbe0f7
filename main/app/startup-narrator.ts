import type { AppState } from '../kernel/contract.ts';

/**
 * Turns the app's state changes into a few terminal lines: each phase once, the build's
 * progress every tenth, and one closing line when ready (or failed). Pure: shells print.
 */
export function startupNarrator(readyLine: () => string): (state: AppState) => string[] {
  let phase: AppState['phase'] | undefined;
  let step: string | undefined;
  let tenth = -1;
  let finished = false;
  const began = Date.now();
  const seconds = () => `${((Date.now() - began) / 1000).toFixed(1)} s`;
  return (state) => {
    if (finished && state.phase !== 'error') return [];
    const lines: string[] = [];
    if (state.phase !== phase) {
      phase = state.phase;
      if (state.phase === 'ready') {
        finished = true;
        return [readyLine().replace('{elapsed}', seconds())];
      }
      if (state.phase === 'error') {
        finished = true;
        return [`start-up failed: ${state.error ?? state.message}`];
      }
      lines.push(`${state.message}`);
    }
    const progress = state.phase === 'building' ? state.progress : null;
    if (progress) {
      const now = Math.floor(progress.fraction * 10);
      if (progress.phase !== step || now > tenth) {
        step = progress.phase;
        tenth = now;
        lines.push(`  ${String(Math.round(progress.fraction * 100)).padStart(3)}%  ${progress.message}`);
      }
    }
    return lines;
  };
}
