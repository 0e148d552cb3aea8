// The clients Inspect knows, one row each (only those in view rendered): what the proxy saw of each connection and what each reporting client says of its own queue, joined by client id.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { alertText, inspectVerdictText } from '../../../../shared/locales/wording.js';
import { rosterOf, type RosterRow } from '../../../../shared/report/index.js';
import { chooseInspected } from '../../actions/inspect.js';
import { chooseReported } from '../../actions/reports.js';
import { useFormat } from '../../i18n/format-hook.js';
import { shownInspect } from '../../store/slices/inspect.js';
import { shownReports } from '../../store/slices/reports.js';
import { useGauge } from '../../store/store.js';
import { Panel } from '../common/Panel.js';
import { inflightOf, lastHeardMs, publishRate, rowState, worstProblem, type RowProblem } from './roster-cells.js';

/** A row's height before it is measured (two lines: the client id and its address). */
const ROW_ESTIMATE = 38;

function ProblemCell({ problem, testId }: { problem: RowProblem | undefined; testId: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const id = problem?.kind === 'verdict' ? problem.verdict.id : problem?.kind === 'alert' ? problem.alert.id : problem?.kind === 'silent' ? 'silent' : '';
  return (
    <td className="inspect-verdict-cell" data-testid={testId} data-verdict={id}>
      {problem?.kind === 'verdict' ? (
        <span title={inspectVerdictText(problem.verdict, t, f)}>{t(`inspectVerdictTitle.${problem.verdict.id}`)}</span>
      ) : problem?.kind === 'alert' ? (
        <span title={alertText(problem.alert, t, f)}>{t(`alertTitle.${problem.alert.id}`)}</span>
      ) : problem?.kind === 'silent' ? (
        <span>{t('reports.row.silent', { time: f.duration(problem.silentMs) })}</span>
      ) : (
        <span className="inspect-ok">{t('inspect.clients.healthy')}</span>
      )}
    </td>
  );
}

function Row({ row, selected, index, measure }: { row: RosterRow; selected: boolean; index: number; measure: (row: HTMLTableRowElement | null) => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { inspected, reported } = row;
  const problem = worstProblem(row);
  const closed = inspected ? inspected.closedAt !== null : false;
  const state = rowState(row);
  const rate = publishRate(row);
  const inflight = inflightOf(row);
  const heard = lastHeardMs(row);
  const report = reported?.latest;
  const queueFull = report?.depth !== undefined && report.capacity !== undefined && report.capacity > 0 ? report.depth / report.capacity : null;
  const choose = () => {
    if (inspected) void chooseInspected(selected ? null : inspected.connection);
    else void chooseReported(selected ? null : reported!.clientId);
  };
  const testId = inspected ? `inspect-row-${inspected.connection}` : `report-row-${reported!.clientId}`;
  return (
    <tr
      ref={measure}
      data-index={index}
      className={`${selected ? 'selected' : ''} ${closed ? 'closed' : ''} ${problem ? `severity-${problem.severity}` : ''}`}
      aria-selected={selected}
      tabIndex={0}
      onClick={choose}
      onKeyDown={(event) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          choose();
        }
      }}
      data-testid={testId}
      data-client-id={row.clientId ?? ''}
      data-state={state.state}
      data-reported={reported ? 'true' : 'false'}
    >
      <th scope="row">
        <span className="inspect-client-id">{row.clientId || t('inspect.clients.noId')}</span>
        <span className="inspect-remote">
          {inspected ? `#${inspected.connection} · ${inspected.remote}` : null}
          {inspected && reported ? ' · ' : null}
          {reported ? <span className="report-badge">{inspected ? t('reports.row.alsoReports') : t('reports.row.reportsOnly', { library: report?.library ?? '' })}</span> : null}
        </span>
      </th>
      <td>
        <span className={`inspect-state state-${state.state}`}>{state.key === 'inspect' ? t(`inspect.state.${state.state}`) : t(`reports.state.${state.state}`)}</span>
      </td>
      <td className="num" title={rate.from === 'report' ? t('reports.row.acceptedHint') : undefined}>
        {rate.value === null ? '—' : f.compact(Math.round(rate.value))}
      </td>
      <td className="num">{inspected ? f.compact(Math.round(inspected.latest.deliveryRate)) : '—'}</td>
      <td className="num">
        {inflight.inflight === null ? '—' : f.count(inflight.inflight)}
        <span className="inspect-limit"> / {inflight.limit === null ? '—' : f.compact(inflight.limit)}</span>
      </td>
      <td className={`num ${queueFull !== null && queueFull >= 0.8 ? 'report-queue-high' : ''}`} data-testid={`${testId}-queue`}>
        {report?.depth === undefined ? '—' : f.count(report.depth)}
        <span className="inspect-limit"> / {report?.capacity === undefined ? '—' : f.compact(report.capacity)}</span>
      </td>
      <td className={`num ${(reported?.failedTryPublishRate ?? 0) > 0 ? 'report-failing' : ''}`} data-testid={`${testId}-failed`}>
        {reported?.failedTryPublishRate == null ? '—' : f.compact(Math.round(reported.failedTryPublishRate))}
      </td>
      <td className="num">{inspected && inspected.latest.unreadMs > 0 ? f.duration(inspected.latest.unreadMs) : '—'}</td>
      <td className="num">{heard === null ? '—' : f.duration(heard)}</td>
      <ProblemCell problem={problem} testId={inspected ? `inspect-verdict-${inspected.connection}` : `report-verdict-${reported!.clientId}`} />
    </tr>
  );
}

export function InspectClientList() {
  const { t } = useTranslation();
  const status = useGauge(shownInspect);
  const reports = useGauge(shownReports);
  const replaying = useGauge((s) => s.replay !== null);
  const selected = useGauge((s) => s.inspectSelected);
  const selectedReport = useGauge((s) => s.reportSelected);
  const rows = useMemo(() => rosterOf(status.clients, reports.clients), [status.clients, reports.clients]);
  const open = status.clients.filter((c) => c.closedAt === null).length;
  const scroller = useRef<HTMLDivElement>(null);
  // Only the rows in view are rendered, so a proxy in front of thousands of clients keeps the window responsive at 10 pushes a second.
  // TanStack Virtual's instance is mutable by design; this component is not memoized by the React Compiler.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_ESTIMATE,
    overscan: 10,
    initialRect: { width: 800, height: 240 },
    getItemKey: (index) => rows[index]!.key,
  });
  const items = virtualizer.getVirtualItems();
  // Spacer rows above and below the rendered ones keep the table's columns and the scrollbar true to the whole list.
  const above = items[0]?.start ?? 0;
  const below = items.length > 0 ? virtualizer.getTotalSize() - items.at(-1)!.end : 0;
  const count = reports.clients.length > 0 || reports.listening ? t('reports.count', { open, total: status.clients.length, reporting: reports.clients.length }) : t('inspect.clients.count', { open, total: status.clients.length });
  const isSelected = (row: RosterRow) => (row.inspected ? row.inspected.connection === selected : row.reported!.clientId === selectedReport);
  return (
    <Panel title={t('inspect.clients.title')} className="inspect-clients" testId="inspect-clients" actions={<span className="inspect-count">{count}</span>}>
      {rows.length === 0 ? (
        <p className="inspect-hint">
          {replaying ? t('inspect.clients.emptyReplay') : status.listening ? t('inspect.clients.emptyListening', { url: `mqtt://${status.listen}` }) : reports.listening ? t('reports.emptyListening', { filter: reports.filter }) : t('inspect.clients.emptyIdle')}
        </p>
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
                <th scope="col" className="num" title={t('reports.column.queueHint')}>{t('reports.column.queue')}</th>
                <th scope="col" className="num" title={t('reports.column.failedHint')}>{t('reports.column.failed')}</th>
                <th scope="col" className="num">{t('inspect.clients.unread')}</th>
                <th scope="col" className="num">{t('inspect.clients.lastPacket')}</th>
                <th scope="col">{t('inspect.clients.verdict')}</th>
              </tr>
            </thead>
            <tbody>
              {above > 0 ? <tr aria-hidden="true" className="inspect-spacer" style={{ height: above }} /> : null}
              {items.map((item) => {
                const row = rows[item.index]!;
                return <Row key={row.key} row={row} index={item.index} measure={virtualizer.measureElement} selected={isSelected(row)} />;
              })}
              {below > 0 ? <tr aria-hidden="true" className="inspect-spacer" style={{ height: below }} /> : null}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}
