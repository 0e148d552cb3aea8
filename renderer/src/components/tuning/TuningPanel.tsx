// The tuning panel: capacity, overflow policy and in-flight window, changed live, with the event loop's status in its header.
import { useTranslation } from 'react-i18next';
import { Panel } from '../common/Panel.js';
import { CapacityControl } from './CapacityControl.js';
import { InflightControl } from './InflightControl.js';
import { LoopStatus } from './LoopStatus.js';
import { PolicyControl } from './PolicyControl.js';
import './tuning.css';

/** Tune live: capacity, overflow policy, in-flight window; each applied at once and marked on the charts. */
export function TuningPanel() {
  const { t } = useTranslation();
  return (
    <Panel title={t('tuning.title')} className="tuning-panel" actions={<LoopStatus />}>
      <CapacityControl />
      <PolicyControl />
      <InflightControl />
    </Panel>
  );
}
