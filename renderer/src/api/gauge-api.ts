// Finds the service: the desktop preload's `window.gauge`, or web mode's
// WebSocket (same contract, same calls).
import type { GaugeApi } from '../../../shared/contract.js';
import { createRpcClient } from '../../../shared/rpc.js';

declare global {
  interface Window {
    gauge?: GaugeApi;
  }
}

/** Connects to the service once; the promise settles when the transport is open. `onClosed` hears of the transport closing later (web mode). */
export function connectToService(onClosed: (reason: string) => void = () => {}): Promise<GaugeApi> {
  if (window.gauge) return Promise.resolve(window.gauge);
  const token = new URLSearchParams(window.location.search).get('token') ?? '';
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  const socket = new WebSocket(`${scheme}://${window.location.host}/api?token=${encodeURIComponent(token)}`);
  return new Promise((resolve, reject) => {
    const api = createRpcClient({
      send: (text) => socket.send(text),
      onMessage: (handler) => socket.addEventListener('message', (event) => handler(String(event.data))),
      onClose: (handler) => socket.addEventListener('close', (event) => handler(event.reason || `code ${event.code}`)),
    });
    socket.addEventListener('open', () => {
      socket.addEventListener('close', (event) => onClosed(event.reason || `code ${event.code}`), { once: true });
      resolve(api);
    }, { once: true });
    socket.addEventListener('error', () => reject(new Error('cannot reach the MQTT Gauge service (is the token in the address right?)')), { once: true });
  });
}
