// The header's switch that stalls the event loop on purpose, to watch the request channel fill.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { setLoopStalled } from '../../actions/channel.js';
import { useGauge } from '../../store/store.js';
import { Switch } from '../common/fields.js';

/** "Stall the event loop": pauses polling, so the channel fills (failure 1 on purpose). */
export function StallSwitch() {
  const { t } = useTranslation();
  const paused = useGauge((s) => s.paused);
  const [busy, setBusy] = useState(false);
  return (
    <Switch
      className={paused ? 'stall-switch stalled' : 'stall-switch'}
      label={t('header.stallLoop')}
      hint={t('header.stallLoopHint')}
      checked={paused}
      disabled={busy}
      testId="stall-switch"
      onChange={(stalled) => {
        setBusy(true);
        void setLoopStalled(stalled).finally(() => setBusy(false));
      }}
    />
  );
}
