// Switches the window between the client's own dashboard and Inspect (any client through the proxy); Inspect's count shows clients with a verdict.
import { useTranslation } from 'react-i18next';
import { shownInspect } from '../../store/slices/inspect.js';
import { useGauge } from '../../store/store.js';
import { SegmentedChoice } from '../common/fields.js';
import type { View } from '../../store/slices/inspect.js';

export function ViewSwitch() {
  const { t } = useTranslation();
  const view = useGauge((s) => s.view);
  const setView = useGauge((s) => s.setView);
  const troubled = useGauge((s) => shownInspect(s).clients.filter((c) => c.closedAt === null && c.verdicts.length > 0).length);
  return (
    <SegmentedChoice<View>
      className="small view-switch"
      label={t('view.label')}
      hideLabel
      value={view}
      options={[
        { value: 'client', label: t('view.client'), title: t('view.clientHint') },
        { value: 'inspect', label: troubled > 0 ? t('view.inspectTroubled', { count: troubled }) : t('view.inspect'), title: t('view.inspectHint') },
      ]}
      onValue={setView}
    />
  );
}
