import { useEffect, useState } from 'react';
import type { GaugeApi } from '../../shared/contract.js';
import type { Sample } from '../../shared/domain.js';

/** A first shell: live figures from the service. The full dashboard replaces it. */
export function App({ api }: { api: GaugeApi }) {
  const [sample, setSample] = useState<Sample | null>(null);
  useEffect(() => api.on('sample', setSample), [api]);
  if (!sample) return <p>Waiting for the first sample…</p>;
  return (
    <main>
      <h1>MQTT Gauge</h1>
      <dl>
        <dt>Connection</dt>
        <dd data-testid="connection-state">{sample.connectionState}</dd>
        <dt>Channel depth</dt>
        <dd data-testid="depth">
          {sample.depth} / {sample.capacity}
        </dd>
        <dt>Failed tryPublish</dt>
        <dd>{sample.failedTryPublish}</dd>
        <dt>In flight</dt>
        <dd>
          {sample.inflight} / {sample.maxInflight}
        </dd>
      </dl>
    </main>
  );
}
