import { useEffect, useState } from 'react';
import { AppStatusProvider, useAppStatus } from './app-status.tsx';
import { StartupBanner } from './components/startup-banner.tsx';
import { StatusBadge } from './components/status-badge.tsx';
import { ClientsPage } from './pages/clients-page.tsx';
import { HealthPage } from './pages/health-page.tsx';
import { IdentityPage } from './pages/identity-page.tsx';
import { LogsPage } from './pages/logs-page.tsx';
import { PerformancePage } from './pages/performance-page.tsx';
import { PlaygroundPage } from './pages/playground-page.tsx';
import { SettingsPage } from './pages/settings-page.tsx';
import { useTheme, type ThemeChoice } from './theme.ts';

const PAGES = [
  { id: 'health', title: 'Health', Component: HealthPage },
  { id: 'performance', title: 'Performance', Component: PerformancePage },
  { id: 'identity', title: 'Identity (RLS)', Component: IdentityPage },
  { id: 'playground', title: 'Playground', Component: PlaygroundPage },
  { id: 'clients', title: 'Connect a client', Component: ClientsPage },
  { id: 'logs', title: 'Logs', Component: LogsPage },
  { id: 'settings', title: 'Settings', Component: SettingsPage },
] as const;
type PageId = (typeof PAGES)[number]['id'];

function pageFromHash(): PageId {
  const id = location.hash.replace(/^#\/?/, '');
  return PAGES.find((p) => p.id === id)?.id ?? 'health';
}

const NEXT_THEME: Record<ThemeChoice, ThemeChoice> = { system: 'dark', dark: 'light', light: 'system' };

function Shell() {
  const [page, setPage] = useState<PageId>(pageFromHash);
  const [theme, setTheme] = useTheme();
  const { app, bridge } = useAppStatus();
  useEffect(() => {
    const onHash = () => setPage(pageFromHash());
    // Alt+1…7 jumps to a page from anywhere.
    const onKey = (e: KeyboardEvent) => {
      const n = Number(e.key);
      if (e.altKey && n >= 1 && n <= PAGES.length) location.hash = `#/${PAGES[n - 1]!.id}`;
    };
    window.addEventListener('hashchange', onHash);
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('hashchange', onHash);
      window.removeEventListener('keydown', onKey);
    };
  }, []);
  useEffect(() => {
    document.title = `${PAGES.find((p) => p.id === page)?.title} · Zava MCP Desktop`;
    document.getElementById('main')?.focus({ preventScroll: true });
  }, [page]);
  const Current = PAGES.find((p) => p.id === page)!.Component;
  return (
    <div className="layout">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <nav className="sidebar" aria-label="Pages">
        <div className="brand">
          <span className="logo" aria-hidden="true">
            Z
          </span>
          <span>
            Zava MCP
            <small>{app?.shell === 'electron' ? 'Desktop' : 'Web dashboard'}</small>
          </span>
        </div>
        <ul>
          {PAGES.map((p, i) => (
            <li key={p.id}>
              <a href={`#/${p.id}`} aria-current={page === p.id ? 'page' : undefined} title={`Alt+${i + 1}`} data-testid={`nav-${p.id}`}>
                {p.title}
              </a>
            </li>
          ))}
        </ul>
        <div className="sidebar-foot">
          {bridge &&
            (bridge.status === 'stopped' && app && app.phase !== 'ready' && app.phase !== 'error' ? (
              // Not started yet, not broken: the bridge starts once the database is ready.
              <StatusBadge status="pending" label={`${bridge.identity}: starting`} />
            ) : (
              <StatusBadge status={bridge.status} label={`${bridge.identity}: ${bridge.status}`} />
            ))}
          <button type="button" className="button small" onClick={() => setTheme(NEXT_THEME[theme])} aria-label={`Theme: ${theme}. Switch to ${NEXT_THEME[theme]}`} data-testid="theme-toggle">
            Theme: {theme}
          </button>
        </div>
      </nav>
      <main id="main" tabIndex={-1} data-page={page} data-app-phase={app?.phase ?? 'connecting'}>
        <StartupBanner state={app} />
        <Current />
      </main>
    </div>
  );
}

/** The dashboard: one sidebar, seven pages, start-up progress on top. */
export function App() {
  return (
    <AppStatusProvider>
      <Shell />
    </AppStatusProvider>
  );
}
