// The clients the proxy forwards, one row each (only those in view rendered): state, rates, in flight against the broker's limit, unread time, last packet and the worst verdict.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { InspectClient } from '../../../../shared/inspect.js';
import { inspectVerdictText } from '../../../../shared/locales/wording.js';
import { chooseInspected } from '../../actions/inspect.js';
import { useFormat } from '../../i18n/format-hook.js';
import { shownInspect } from '../../store/slices/inspect.js';
import { useGauge } from '../../store/store.js';
import { Panel } from '../common/Panel.js';

/** The verdict a row shows: critical before warning, then the oldest. */
function worst(client: InspectClient) {
  return [...client.verdicts].sort((a, b) => (a.severity === b.severity ? a.since - b.since : a.severity === 'critical' ? -1 : 1))[0];
}

/** A row's height before it is measured (two lines: the client id and its address). */
const ROW_ESTIMATE = 38;

function Row({ client, selected, index, measure }: { client: InspectClient; selected: boolean; index: number; measure: (row: HTMLTableRowElement | null) => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const s = client.latest;
  const verdict = worst(client);
  const closed = client.closedAt !== null;
  const choose = () => void chooseInspected(selected ? null : client.connection);
  return (
    <tr
      ref={measure}
      data-index={index}
      className={`${selected ? 'selected' : ''} ${closed ? 'closed' : ''} ${verdict ? `severity-${verdict.severity}` : ''}`}
      aria-selected={selected}
      tabIndex={0}
      onClick={choose}
      onKeyDown={(event) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          choose();
        }
      }}
      data-testid={`inspect-row-${client.connection}`}
      data-client-id={client.identity.clientId ?? ''}
      data-state={s.state}
    >
      <th scope="row">
        <span className="inspect-client-id">{client.identity.clientId || t('inspect.clients.noId')}</span>
        <span className="inspect-remote">
          #{client.connection} · {client.remote}
        </span>
      </th>
      <td>
        <span className={`inspect-state state-${s.state}`}>{t(`inspect.state.${s.state}`)}</span>
      </td>
      <td className="num">{f.compact(Math.round(s.publishRate))}</td>
      <td className="num">{f.compact(Math.round(s.deliveryRate))}</td>
      <td className="num">
        {f.count(s.inflight)}
        <span className="inspect-limit"> / {s.inflightLimit === null ? '—' : f.compact(s.inflightLimit)}</span>
      </td>
      <td className="num">{s.unreadMs > 0 ? f.duration(s.unreadMs) : '—'}</td>
      <td className="num">{closed ? '—' : f.duration(s.sinceClientPacketMs)}</td>
      <td className="inspect-verdict-cell" data-testid={`inspect-verdict-${client.connection}`} data-verdict={verdict?.id ?? ''}>
        {verdict ? <span title={inspectVerdictText(verdict, t, f)}>{t(`inspectVerdictTitle.${verdict.id}`)}</span> : <span className="inspect-ok">{t('inspect.clients.healthy')}</span>}
      </td>
    </tr>
  );
}

export function InspectClientList() {
  const { t } = useTranslation();
  const status = useGauge(shownInspect);
  const replaying = useGauge((s) => s.replay !== null);
  const selected = useGauge((s) => s.inspectSelected);
  const open = status.clients.filter((c) => c.closedAt === null).length;
  const scroller = useRef<HTMLDivElement>(null);
  // Only the rows in view are rendered, so a proxy in front of thousands of clients keeps the window responsive at 10 pushes a second.
  // TanStack Virtual's instance is mutable by design; this component is not memoized by the React Compiler.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: status.clients.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_ESTIMATE,
    overscan: 10,
    initialRect: { width: 800, height: 240 },
    getItemKey: (index) => status.clients[index]!.connection,
  });
  const rows = virtualizer.getVirtualItems();
  // Spacer rows above and below the rendered ones keep the table's columns and the scrollbar true to the whole list.
  const above = rows[0]?.start ?? 0;
  const below = rows.length > 0 ? virtualizer.getTotalSize() - rows.at(-1)!.end : 0;
  return (
    <Panel title={t('inspect.clients.title')} className="inspect-clients" testId="inspect-clients" actions={<span className="inspect-count">{t('inspect.clients.count', { open, total: status.clients.length })}</span>}>
      {status.clients.length === 0 ? (
        <p className="inspect-hint">{replaying ? t('inspect.clients.emptyReplay') : status.listening ? t('inspect.clients.emptyListening', { url: `mqtt://${status.listen}` }) : t('inspect.clients.emptyIdle')}</p>
      ) : (
        <div className="inspect-table-scroll" ref={scroller}>
          <table className="inspect-table">
            <thead>
              <tr>
                <th scope="col">{t('inspect.clients.client')}</th>
                <th scope="col">{t('inspect.clients.state')}</th>
                <th scope="col" className="num">{t('inspect.clients.publishRate')}</th>
                <th scope="col" className="num">{t('inspect.clients.deliveryRate')}</th>
                <th scope="col" className="num">{t('inspect.clients.inflight')}</th>
                <th scope="col" className="num">{t('inspect.clients.unread')}</th>
                <th scope="col" className="num">{t('inspect.clients.lastPacket')}</th>
                <th scope="col">{t('inspect.clients.verdict')}</th>
              </tr>
            </thead>
            <tbody>
              {above > 0 ? <tr aria-hidden="true" className="inspect-spacer" style={{ height: above }} /> : null}
              {rows.map((row) => {
                const client = status.clients[row.index]!;
                return <Row key={client.connection} client={client} index={row.index} measure={virtualizer.measureElement} selected={client.connection === selected} />;
              })}
              {below > 0 ? <tr aria-hidden="true" className="inspect-spacer" style={{ height: below }} /> : null}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}
