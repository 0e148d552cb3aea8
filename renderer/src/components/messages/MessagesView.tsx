// The incoming messages tab: a virtualized table filtered by topic and text, payloads as text, JSON or hex, and the tab bar's summary.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { useFormat } from '../../i18n/format-hook.js';
import { PAYLOAD_VIEWS, type PayloadView } from '../../payload/decode.js';
import { MAX_MESSAGES } from '../../store/slices/messages.js';
import { useGauge } from '../../store/store.js';
import { SelectField } from '../common/fields.js';
import { MessageDetail } from './MessageDetail.js';
import { MessageRow } from './MessageRow.js';
import '../common/lists.css';
import './messages.css';

const ROW_HEIGHT = 24;

/** Incoming messages, newest first, virtualized; filter by topic and text, payloads as text, JSON or hex. */
export function MessagesView() {
  const { t } = useTranslation();
  const f = useFormat();
  const messages = useGauge((s) => s.messages);
  const clear = useGauge((s) => s.clearMessages);
  // Topics by most messages, as [topic, count] pairs; shallow-compared so a batch of known topics does not re-render the select.
  const topics = useGauge(
    useShallow((s) =>
      Object.entries(s.topicCounts)
        .sort((a, b) => b[1].count - a[1].count)
        .slice(0, 100)
        .map(([topic, count]) => `${count.count}\u0000${topic}`),
    ),
  );
  const [topic, setTopic] = useState('');
  const [text, setText] = useState('');
  const [view, setView] = useState<PayloadView>('auto');
  const [selectedSeq, setSelectedSeq] = useState<number | null>(null);
  const scroller = useRef<HTMLDivElement>(null);

  const shown = useMemo(() => {
    const needle = text.trim().toLowerCase();
    if (!topic && !needle) return messages;
    return messages.filter((m) => (!topic || m.topic === topic) && (!needle || m.topic.toLowerCase().includes(needle)));
  }, [messages, topic, text]);
  const selected = selectedSeq === null ? undefined : messages.find((m) => m.seq === selectedSeq);

  // TanStack Virtual's instance is mutable by design; this component is not memoized by the React Compiler.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    initialRect: { width: 800, height: 240 },
    getItemKey: (index) => shown[index]!.seq,
  });

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    const index = shown.findIndex((m) => m.seq === selectedSeq);
    const next = Math.max(0, Math.min(shown.length - 1, index + (event.key === 'ArrowDown' ? 1 : -1)));
    const message = shown[next];
    if (message) {
      setSelectedSeq(message.seq);
      virtualizer.scrollToIndex(next);
    }
  };

  return (
    <div className="messages-view">
      <div className="list-toolbar">
        <SelectField
          className="compact"
          label={t('messages.topic')}
          value={topic}
          options={[
            { value: '', label: t('messages.allTopics') },
            ...topics.map((entry) => {
              const [count, name] = entry.split('\u0000') as [string, string];
              return { value: name, label: t('messages.topicOption', { topic: name, count: f.count(Number(count)) }) };
            }),
          ]}
          onValue={setTopic}
        />
        <div className="field compact">
          <label htmlFor="messages-search">{t('messages.search')}</label>
          <input id="messages-search" type="search" value={text} onChange={(event) => setText(event.target.value)} placeholder={t('messages.searchPlaceholder')} />
        </div>
        <SelectField<PayloadView> className="compact" label={t('messages.view')} value={view} options={PAYLOAD_VIEWS.map((value) => ({ value, label: t(`messages.views.${value}`) }))} onValue={setView} />
        {shown.length !== messages.length ? <p className="list-counts">{t('messages.counts', { shown: f.count(shown.length) })}</p> : <span className="toolbar-spacer" />}
        <button type="button" onClick={() => { clear(); setSelectedSeq(null); }}>
          {t('messages.clear')}
        </button>
      </div>
      <div className={selected ? 'messages-body with-detail' : 'messages-body'}>
        <div className="virtual-table" role="table" aria-label={t('messages.tableLabel')} aria-rowcount={shown.length}>
          <div role="row" className="message-row header-row">
            <span role="columnheader">{t('messages.columns.time')}</span>
            <span role="columnheader">{t('messages.columns.topic')}</span>
            <span role="columnheader">{t('messages.columns.qos')}</span>
            <span role="columnheader">{t('messages.columns.size')}</span>
            <span role="columnheader">{t('messages.columns.payload')}</span>
          </div>
          <div className="virtual-scroll" ref={scroller} tabIndex={0} onKeyDown={onKeyDown} role="rowgroup" aria-label={t('messages.rowsLabel')}>
            {shown.length === 0 ? <p className="empty-note">{messages.length === 0 ? t('messages.empty') : t('messages.noMatch')}</p> : null}
            <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
              {virtualizer.getVirtualItems().map((item) => {
                const message = shown[item.index]!;
                return (
                  <MessageRow
                    key={message.seq}
                    message={message}
                    view={view}
                    f={f}
                    selected={message.seq === selectedSeq}
                    onSelect={setSelectedSeq}
                    retainLabel={t('messages.retained')}
                    style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
                  />
                );
              })}
            </div>
          </div>
        </div>
        {selected ? <MessageDetail message={selected} view={view} onClose={() => setSelectedSeq(null)} /> : null}
      </div>
    </div>
  );
}

/** What arrived and what was skipped for rate, for the tab bar. */
export function MessagesSummary() {
  const { t } = useTranslation();
  const f = useFormat();
  const kept = useGauge((s) => s.messages.length);
  const skipped = useGauge((s) => s.skippedTotal);
  const received = useGauge((s) => s.receivedTotal);
  return (
    <p className="tab-summary" data-testid="messages-skipped" data-skipped={skipped} data-received={received} title={t('messages.kept', { kept: MAX_MESSAGES })}>
      {t('messages.keptNow', { kept: f.count(kept) })}
      {' · '}
      {t('messages.receivedTotal', { count: received, formatted: f.count(received) })}
      {' · '}
      <span className={skipped > 0 ? 'skipped' : undefined}>{t('messages.skippedTotal', { count: skipped, formatted: f.count(skipped) })}</span>
    </p>
  );
}
