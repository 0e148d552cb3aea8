// The event log tab: the service's log lines, newest first and virtualized, filtered by level, category and text.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LogCategory, LogLevel } from '../../../../shared/domain.js';
import { LOG_CATEGORIES, LOG_LEVELS } from '../../../../shared/locales/keys.js';
import { useFormat } from '../../i18n/format-hook.js';
import { logText } from '../../../../shared/locales/wording.js';
import { useGauge } from '../../store/store.js';
import { SelectField } from '../common/fields.js';
import '../common/lists.css';
import './log.css';

const ROW_HEIGHT = 22;

/** The event log, newest first and virtualized, with filters by level, category and text. */
export function EventLog() {
  const { t } = useTranslation();
  const f = useFormat();
  const entries = useGauge((s) => s.logEntries);
  const forgotten = useGauge((s) => s.logForgotten);
  const clear = useGauge((s) => s.clearLog);
  const [level, setLevel] = useState<LogLevel | ''>('');
  const [category, setCategory] = useState<LogCategory | ''>('');
  const [text, setText] = useState('');
  const scroller = useRef<HTMLDivElement>(null);

  // Words are built once per entry and language, then filtered on.
  const worded = useMemo(() => entries.map((entry) => ({ entry, text: logText(entry, t, f) })), [entries, t, f]);
  const shown = useMemo(() => {
    const needle = text.trim().toLowerCase();
    const list = worded.filter(({ entry, text: words }) => (!level || entry.level === level) && (!category || entry.category === category) && (!needle || words.toLowerCase().includes(needle) || entry.message.toLowerCase().includes(needle)));
    return list.reverse();
  }, [worded, level, category, text]);

  // TanStack Virtual's instance is mutable by design; this component is not memoized by the React Compiler.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    initialRect: { width: 800, height: 240 },
    getItemKey: (index) => shown[index]!.entry.seq,
  });

  return (
    <div className="event-log">
      <div className="list-toolbar">
        <SelectField<LogLevel | ''> className="compact" label={t('eventLog.level')} value={level} options={[{ value: '' as const, label: t('eventLog.allLevels') }, ...LOG_LEVELS.map((value) => ({ value, label: t(`logLevel.${value}`) }))]} onValue={setLevel} />
        <SelectField<LogCategory | ''>
          className="compact"
          label={t('eventLog.category')}
          value={category}
          options={[{ value: '' as const, label: t('eventLog.allCategories') }, ...LOG_CATEGORIES.map((value) => ({ value, label: t(`logCategory.${value}`) }))]}
          onValue={setCategory}
        />
        <div className="field compact grow">
          <label htmlFor="log-search">{t('eventLog.search')}</label>
          <input id="log-search" type="search" value={text} onChange={(event) => setText(event.target.value)} placeholder={t('eventLog.searchPlaceholder')} />
        </div>
        <p className="list-counts" title={forgotten > 0 ? t('eventLog.forgotten', { count: forgotten, formatted: f.count(forgotten) }) : undefined}>
          {t('eventLog.counts', { shown: f.count(shown.length), total: f.count(entries.length) })}
        </p>
        <button type="button" onClick={clear}>
          {t('eventLog.clear')}
        </button>
      </div>
      <div className="virtual-scroll log-scroll" ref={scroller} role="log" aria-label={t('eventLog.title')} tabIndex={0} data-testid="event-log">
        {shown.length === 0 ? <p className="empty-note">{entries.length === 0 ? t('eventLog.empty') : t('eventLog.noMatch')}</p> : null}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const { entry, text: words } = shown[item.index]!;
            return (
              <div
                key={entry.seq}
                className={`log-row level-${entry.level}`}
                data-level={entry.level}
                data-category={entry.category}
                data-key={entry.key}
                style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
              >
                <span className="log-time">{f.clock(entry.t)}</span>
                <span className={`log-level level-${entry.level}`}>{t(`logLevel.${entry.level}`)}</span>
                <span className="log-category">{t(`logCategory.${entry.category}`)}</span>
                <span className="log-message" title={words}>
                  {words}
                </span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
