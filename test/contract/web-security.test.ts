// Web mode's door: loopback only, a per-start token, same-origin browsers.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { messageText } from '../../main/web/message-text.js';
import { connectWeb, openWeb } from './transports.js';

let web: Awaited<ReturnType<typeof openWeb>>;
beforeAll(async () => {
  web = await openWeb();
});
afterAll(() => web.close());

describe('web mode', () => {
  it('listens on 127.0.0.1 with a long random token in the URL', () => {
    expect(web.server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{32}$/);
  });

  it('refuses a WebSocket without the token, and logs it', async () => {
    await expect(connectWeb(`ws://127.0.0.1:${web.server.port}/api`)).rejects.toThrow('HTTP 401');
    expect(web.log.at(-1)).toMatch(/refused a WebSocket .*missing token/);
  });

  it('refuses a wrong token, and logs it', async () => {
    await expect(connectWeb(`ws://127.0.0.1:${web.server.port}/api?token=${'x'.repeat(web.server.token.length)}`)).rejects.toThrow('HTTP 401');
    expect(web.log.at(-1)).toMatch(/wrong token/);
  });

  it('refuses a page from another origin even with the right token', async () => {
    await expect(connectWeb(`ws://127.0.0.1:${web.server.port}/api?token=${web.server.token}`, 'https://evil.example')).rejects.toThrow('HTTP 403');
    expect(web.log.at(-1)).toMatch(/origin https:\/\/evil\.example is not allowed/);
  });

  it('accepts the right token from its own origin', async () => {
    const api = await connectWeb(`ws://127.0.0.1:${web.server.port}/api?token=${web.server.token}`, `http://localhost:${web.server.port}`);
    expect((await api.getSettings({})).ok).toBe(true);
  });

  it('answers garbage on the socket with a typed error, and keeps answering', async () => {
    const { WebSocket } = await import('ws');
    const socket = new WebSocket(`ws://127.0.0.1:${web.server.port}/api?token=${web.server.token}`);
    await new Promise((resolve) => socket.once('open', resolve));
    const replies: unknown[] = [];
    socket.on('message', (data) => replies.push(JSON.parse(messageText(data))));
    socket.send('not json');
    socket.send(JSON.stringify({ type: 'call', id: 'one', command: 'getSettings' }));
    socket.send(JSON.stringify({ type: 'call', id: 7, command: 'getSettings', payload: {} }));
    await vi.waitFor(
      () => expect(replies.filter((r) => (r as { type: string }).type === 'result').length, 'three results').toBeGreaterThanOrEqual(3),
      { timeout: 3_000, interval: 20 },
    );
    const results = replies.filter((r) => (r as { type: string }).type === 'result') as Array<{ id: number; result: { ok: boolean; error?: { code: string } } }>;
    expect(results[0]).toMatchObject({ id: 0, result: { ok: false, error: { code: 'invalid-input' } } });
    expect(results[1]).toMatchObject({ id: 0, result: { ok: false, error: { code: 'invalid-input' } } });
    expect(results[2]).toMatchObject({ id: 7, result: { ok: true } });
    socket.close();
  });
});
