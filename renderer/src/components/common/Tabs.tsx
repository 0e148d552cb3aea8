// WAI-ARIA tabs with arrow-key movement; the bottom area uses them for the event log and the incoming messages.
import { useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import './tabs.css';

export interface TabSpec<K extends string> {
  key: K;
  label: string;
  /** A small figure after the label; hidden from the accessible name. */
  badge?: ReactNode;
}

/** Tabs with arrow-key movement, as WAI-ARIA describes them; only the selected panel is mounted. */
export function Tabs<K extends string>({ label, tabs, selected, onSelect, children, actions }: { label: string; tabs: ReadonlyArray<TabSpec<K>>; selected: K; onSelect(key: K): void; children: ReactNode; actions?: ReactNode }) {
  const base = useId();
  const list = useRef<HTMLDivElement>(null);
  const onKeyDown = (event: KeyboardEvent) => {
    const index = tabs.findIndex((tab) => tab.key === selected);
    let next: number;
    if (event.key === 'ArrowRight') next = (index + 1) % tabs.length;
    else if (event.key === 'ArrowLeft') next = (index - 1 + tabs.length) % tabs.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = tabs.length - 1;
    else return;
    event.preventDefault();
    onSelect(tabs[next]!.key);
    list.current?.querySelectorAll<HTMLButtonElement>('[role="tab"]')[next]?.focus();
  };
  return (
    <div className="tabs">
      <div className="tab-bar">
        <div role="tablist" aria-label={label} ref={list} onKeyDown={onKeyDown}>
          {tabs.map((tab) => (
            <button
              key={tab.key}
              type="button"
              role="tab"
              id={`${base}-${tab.key}-tab`}
              aria-selected={tab.key === selected}
              aria-controls={`${base}-${tab.key}-panel`}
              tabIndex={tab.key === selected ? 0 : -1}
              onClick={() => onSelect(tab.key)}
            >
              {tab.label}
              {tab.badge !== undefined ? (
                <span className="tab-badge" aria-hidden="true">
                  {tab.badge}
                </span>
              ) : null}
            </button>
          ))}
        </div>
        {actions ? <div className="tab-actions">{actions}</div> : null}
      </div>
      <div role="tabpanel" id={`${base}-${selected}-panel`} aria-labelledby={`${base}-${selected}-tab`} className="tab-panel">
        {children}
      </div>
    </div>
  );
}
