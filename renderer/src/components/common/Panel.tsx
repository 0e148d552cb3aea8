// The titled card each side panel sits in (connect, tuning, drills, publish, load, subscriptions).
import type { ReactNode } from 'react';
import './panel.css';

/** A titled region of the dashboard; its title is its accessible name. */
export function Panel({ title, actions, className, children, testId }: { title: string; actions?: ReactNode; className?: string; children: ReactNode; testId?: string }) {
  return (
    <section aria-label={title} className={`panel ${className ?? ''}`} data-testid={testId}>
      <header className="panel-header">
        <h2>{title}</h2>
        {actions ? <div className="panel-actions">{actions}</div> : null}
      </header>
      <div className="panel-body">{children}</div>
    </section>
  );
}
