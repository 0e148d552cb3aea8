// The facts of a client only its reports show: its id, the topic it reports on, its library, and how often it has reported.
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReportedClient } from '../../../../shared/report/index.js';
import { useFormat } from '../../i18n/format-hook.js';
import { Panel } from '../common/Panel.js';

export function ReportFacts({ client }: { client: ReportedClient }) {
  const { t } = useTranslation();
  const f = useFormat();
  const none = '—';
  const facts: Array<[string, string, string?]> = [
    [t('inspect.facts.clientId'), client.clientId, 'fact-client-id'],
    [t('reports.facts.topic'), client.topic],
    [t('reports.facts.library'), client.latest.library ?? none, 'fact-library'],
    [t('reports.facts.reports'), f.count(client.reports), 'fact-reports'],
    [t('reports.facts.every'), client.everyMs === null ? none : f.duration(client.everyMs)],
    [t('reports.facts.first'), f.clock(client.firstAt)],
    [t('reports.facts.last'), f.clock(client.lastAt)],
  ];
  return (
    <Panel title={t('reports.facts.title')} testId="report-facts">
      <dl className="inspect-facts">
        {facts.map(([label, value, testId]) => (
          <Fragment key={label}>
            <dt>{label}</dt>
            <dd data-testid={testId}>{value}</dd>
          </Fragment>
        ))}
      </dl>
      <p className="inspect-hint">{t('reports.facts.noProxy')}</p>
    </Panel>
  );
}
