import { useEffect, useMemo, useRef } from 'react';
import { chooseChart, type Table } from '../../../apps/shared/chart-shape.ts';
import { drawResult } from '../../../apps/shared/draw-chart.ts';
import { formatters } from '../../../apps/shared/format.ts';
import { useColourSchemeVersion } from './use-colour-scheme.ts';

const fmt = formatters();

/** A result charted the way the MCP App charts it (apps/shared): lines, bars, KPI or product cards, or nothing. */
export function ResultChart({ table }: { table: Table }) {
  const host = useRef<HTMLDivElement>(null);
  const scheme = useColourSchemeVersion();
  const spec = useMemo(() => chooseChart(table), [table]);
  useEffect(() => {
    if (!host.current || spec.kind === 'table') return undefined;
    return drawResult(host.current, table, spec, fmt);
  }, [table, spec, scheme]);
  if (spec.kind === 'table') return null;
  return <div ref={host} className="result-chart" data-testid="result-chart" data-chart={spec.kind} />;
}
