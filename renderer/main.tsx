// Entry point: pick the transport (Electron IPC or loopback HTTP), build the one client, render.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { selectTransport } from './api/select.js';
import { createClient } from './api/client.js';
import { ClientProvider } from './api/context.js';
import { AppStateProvider } from './app/state.js';
import { App } from './app/App.js';
import './styles/app.css';

const client = createClient(selectTransport());

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ClientProvider client={client}>
      <AppStateProvider>
        <App />
      </AppStateProvider>
    </ClientProvider>
  </StrictMode>,
);
