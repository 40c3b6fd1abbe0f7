/** An accessible determinate progress bar (0..1). */
export function ProgressBar({ fraction, label }: { fraction: number; label: string }) {
  const percent = Math.round(Math.max(0, Math.min(1, fraction)) * 100);
  return (
    <div className="progress" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} data-testid="progress">
      <div className="progress-fill" style={{ width: `${percent}%` }} />
    </div>
  );
}
