import { useEffect, useRef, useState } from 'react';
import { call, useAction, useEvent, useQuery } from '../api/use-api.ts';
import { CopyButton } from '../components/copy-button.tsx';
import { ErrorBox } from '../components/error-box.tsx';

const KEEP = 1000;

/** Logs: the app's, the database's and each bridge's, with a live tail and "show file". */
export function LogsPage() {
  const files = useQuery('logs:list-files', {}, { intervalMs: 10000 });
  const [id, setId] = useState('main');
  const [lines, setLines] = useState<string[]>([]);
  const [follow, setFollow] = useState(true);
  const [revealed, setRevealed] = useState<{ path: string; revealed: boolean }>();
  const tail = useQuery('logs:read-tail', { id, lines: 300 });
  const reveal = useAction(async () => setRevealed(await call('logs:reveal-file', { id })));
  const view = useRef<HTMLPreElement>(null);

  useEffect(() => {
    if (tail.data?.id === id) setLines(tail.data.lines);
  }, [tail.data, id]);
  useEvent('logs:lines-appended', (e) => {
    if (follow && e.id === id) setLines((old) => [...old, ...e.lines].slice(-KEEP));
  });
  useEffect(() => {
    if (follow && view.current) view.current.scrollTop = view.current.scrollHeight;
  }, [lines, follow]);

  const file = files.data?.files.find((f) => f.id === id);
  return (
    <section aria-labelledby="page-title">
      <div className="page-head">
        <h1 id="page-title">Logs</h1>
        <label className="inline">
          Log{' '}
          <select value={id} onChange={(e) => (setId(e.target.value), setRevealed(undefined))} data-testid="log-select">
            {files.data?.files.map((f) => (
              <option key={f.id} value={f.id}>
                {f.title}
              </option>
            ))}
          </select>
        </label>
        <label className="inline check">
          <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} /> Live tail
        </label>
        <button type="button" className="button" onClick={() => void tail.reload()}>
          Reload
        </button>
        <button type="button" className="button" onClick={() => void reveal.run()} data-testid="show-file">
          Show file
        </button>
      </div>
      <ErrorBox error={files.error ?? tail.error ?? reveal.error} />
      {file && (
        <p className="muted">
          <code>{file.path}</code> · {(file.size / 1024).toFixed(1)} KiB{file.modifiedAt ? ` · updated ${new Date(file.modifiedAt).toLocaleTimeString()}` : ''}
        </p>
      )}
      {revealed && !revealed.revealed && (
        <p className="note" role="status">
          The browser cannot open your file manager. The file is at <code>{revealed.path}</code> <CopyButton text={revealed.path} label="Copy path" />
        </p>
      )}
      <pre className="log-view" ref={view} tabIndex={0} aria-label={`Last lines of ${file?.title ?? id}`} aria-live="off" data-testid="log-view">
        {lines.length === 0 ? '(empty)' : lines.join('\n')}
      </pre>
    </section>
  );
}
