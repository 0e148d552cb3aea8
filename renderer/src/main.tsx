import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectToService } from './api/gauge-api.js';
import { App } from './App.js';

const root = createRoot(document.getElementById('root')!);
connectToService().then(
  (api) =>
    root.render(
      <StrictMode>
        <App api={api} />
      </StrictMode>,
    ),
  (error: Error) => root.render(<p role="alert">{error.message}</p>),
);
