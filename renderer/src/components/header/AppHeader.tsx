// The dashboard's top bar: name and version, connection status, load reminder, stall switch, diagnostics, theme and language.
import { useTranslation } from 'react-i18next';
import { useGauge } from '../../store/store.js';
import { ConnectionStatus } from './ConnectionStatus.js';
import { DiagnosticsButton } from './DiagnosticsButton.js';
import { OpenDiagnostics } from './OpenDiagnostics.js';
import { LoadIndicator } from './LoadIndicator.js';
import { PreferenceControls } from './PreferenceControls.js';
import { StallSwitch } from './StallSwitch.js';
import { ViewSwitch } from './ViewSwitch.js';
import './header.css';

/** The top bar: name, connection status, the stall switch, theme and language. */
export function AppHeader() {
  const { t } = useTranslation();
  const version = useGauge((s) => s.serviceVersion);
  const replaying = useGauge((s) => s.replay !== null);
  const inspecting = useGauge((s) => s.view === 'inspect');
  return (
    <header className="app-header">
      <div className="brand">
        <svg className="brand-mark" viewBox="0 0 24 24" aria-hidden="true">
          <path d="M4 17a8 8 0 1 1 16 0" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" />
          <path d="M12 17l4.5-6" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" />
        </svg>
        <h1>{t('app.name')}</h1>
        {version ? <span className="version">{t('app.version', { version })}</span> : null}
      </div>
      <ViewSwitch />
      <ConnectionStatus />
      <LoadIndicator />
      <div className="header-spacer" />
      {replaying || inspecting ? null : <StallSwitch />}
      {replaying ? null : <DiagnosticsButton />}
      <OpenDiagnostics />
      <PreferenceControls />
    </header>
  );
}
