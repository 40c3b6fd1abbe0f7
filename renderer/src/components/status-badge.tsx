/** Statuses the UI colours: probe verdicts and bridge states. */
export type Status = 'ok' | 'pending' | 'warn' | 'error' | 'unavailable' | 'ready' | 'starting' | 'restarting' | 'stopped';

const LABELS: Record<Status, string> = {
  ok: 'OK',
  pending: 'Starting…',
  warn: 'Warning',
  error: 'Error',
  unavailable: 'Not available',
  ready: 'Ready',
  starting: 'Starting',
  restarting: 'Restarting',
  stopped: 'Stopped',
};

const TONE: Record<Status, 'good' | 'warn' | 'bad' | 'muted'> = {
  ok: 'good',
  pending: 'muted',
  ready: 'good',
  warn: 'warn',
  starting: 'warn',
  restarting: 'warn',
  error: 'bad',
  stopped: 'bad',
  unavailable: 'muted',
};

/** A coloured dot plus a word: colour is never the only signal. */
export function StatusBadge({ status, label }: { status: Status; label?: string }) {
  return (
    <span className={`badge badge-${TONE[status]}`} data-status={status}>
      <span className="dot" aria-hidden="true" />
      {label ?? LABELS[status]}
    </span>
  );
}
