import { useCallback, useState } from 'react';

const LIMIT = 20;
const key = (identity: string) => `zava-sql-history:${identity}`;

function read(identity: string): string[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(key(identity)) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((q): q is string => typeof q === 'string').slice(0, LIMIT) : [];
  } catch {
    return [];
  }
}

/**
 * The last queries run as an identity, newest first, kept in this browser's localStorage
 * (per identity, since each sees different stores and a query's answer depends on it).
 */
export function useQueryHistory(identity: string | undefined) {
  const [version, setVersion] = useState(0);
  const entries = identity ? read(identity) : [];
  const remember = useCallback(
    (sql: string) => {
      if (!identity) return;
      const text = sql.trim();
      const next = [text, ...read(identity).filter((q) => q !== text)].slice(0, LIMIT);
      localStorage.setItem(key(identity), JSON.stringify(next));
      setVersion((v) => v + 1);
    },
    [identity],
  );
  const clear = useCallback(() => {
    if (identity) localStorage.removeItem(key(identity));
    setVersion((v) => v + 1);
  }, [identity]);
  return { entries, remember, clear, version };
}
