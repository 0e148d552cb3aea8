// Starts the renderer: connects to the MQTT Gauge service and draws the app, or says why it could not.
// The page-wide styles come first, so that every component's own stylesheet follows them in the cascade.
import './styles/theme.css';
import './styles/base.css';
import './styles/controls.css';
import './styles/shell.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectToService } from './api/gauge-api.js';
import { App } from './App.js';
import { useGauge } from './store/store.js';

const root = createRoot(document.getElementById('root')!);
connectToService((reason) => useGauge.getState().setServiceLost(reason)).then(
  (api) =>
    root.render(
      <StrictMode>
        <App api={api} />
      </StrictMode>,
    ),
  // Shown before any catalogue is loaded, so in English only.
  (error: Error) => root.render(<p role="alert">{error.message}</p>),
);
