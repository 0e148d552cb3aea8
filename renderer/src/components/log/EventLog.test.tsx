// The event log holds the lines from before the window opened, worded in the reader's language.
// @vitest-environment happy-dom
import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../../../../shared/contract.js';
import type { LogEntry } from '../../../../shared/domain.js';
import { formattersFor } from '../../../../shared/format/index.js';
import { logText } from '../../../../shared/locales/wording.js';
import { createI18n } from '../../i18n/i18n.js';
import { useGauge } from '../../store/store.js';
import { createFakeApi, ok } from '../../../../test/renderer/fake-api.js';
import { renderWithGauge } from '../../../../test/renderer/render.js';
import { EventLog } from './EventLog.js';

/** What auto-connect wrote before any window was open, as the service keeps it. */
const startLines: LogEntry[] = [
  { seq: 1, t: Date.now() - 2000, level: 'info', category: 'connection', key: 'log.connecting', params: { target: 'tcp://127.0.0.1:1884', version: '3.1.1', builtIn: 'true' }, message: 'Connecting to the built-in test broker at tcp://127.0.0.1:1884 (MQTT 3.1.1)' },
  { seq: 2, t: Date.now() - 1900, level: 'info', category: 'connection', key: 'log.connected', params: { sessionPresent: 'false' }, message: 'Connected' },
];

describe('event log', () => {
  it('holds what happened before the window opened, such as auto-connect, worded in the reader’s language', async () => {
    const api = createFakeApi();
    const snapshot = api.getSnapshot.getMockImplementation()!;
    api.getSnapshot.mockImplementation(async (payload) => {
      const answer = (await snapshot(payload)) as { ok: true; value: Snapshot };
      return ok({ ...answer.value, log: startLines });
    });
    renderWithGauge(<EventLog />, { api, language: 'zh-CN' });
    await waitFor(() => expect(screen.getByText('2 / 2')).toBeTruthy());
    // The rows themselves are virtualised (happy-dom lays nothing out): their words, as the row renders them.
    const zh = createI18n('zh-CN');
    expect(useGauge.getState().logEntries.map((entry) => logText(entry, zh.t, formattersFor('zh-CN')))).toEqual(['正在连接内置测试服务器 tcp://127.0.0.1:1884（MQTT 3.1.1）', '已连接']);
  });
});
