// Log lines, alerts and summaries read the same from the renderer's i18next and the main process's translator, in English and Chinese.
import { describe, expect, it } from 'vitest';
import type { Alert, LogEntry } from '../../../shared/domain.js';
import { formattersFor } from '../../../shared/format/index.js';
import { createTranslator } from '../../../shared/locales/translator.js';
import { alertText, logText, summaryLines } from '../../../shared/locales/wording.js';
import { createI18n } from './i18n.js';

const en = createI18n('en');
const zh = createI18n('zh-CN');
const fEn = formattersFor('en');
const fZh = formattersFor('zh-CN');

function line(key: string | undefined, params: Record<string, string | number> = {}, message = 'english words'): LogEntry {
  return { seq: 1, t: 0, level: 'info', category: 'channel', message, ...(key ? { key, params } : {}) };
}

describe('log lines', () => {
  it('are worded from their key and params, in the reader’s language', () => {
    expect(logText(line('log.capacity-changed', { from: 1000, to: 20000 }), en.t, fEn)).toBe('Capacity 1,000 → 20,000');
    expect(logText(line('log.capacity-changed', { from: 1000, to: 20000 }), zh.t, fZh)).toBe('容量 1,000 → 20,000');
    expect(logText(line('log.policy-changed', { from: 'block', to: 'drop-oldest' }), zh.t, fZh)).toBe('溢出策略 阻塞 → 丢弃最旧');
    expect(logText(line('log.connected-again', { reconnect: 3, sessionPresent: 'true' }), en.t, fEn)).toBe('Connected again (reconnect 3), session present');
    expect(logText(line('log.session-lost', { lostPublishes: 1 }), en.t, fEn)).toBe('The broker kept no session: 1 unacked publish was lost');
    expect(logText(line('log.load-stopped', { reason: 'duration', sent: 12000, failed: 3, dropped: 0 }), en.t, fEn)).toBe('Load generator stopped (time up): 12,000 sent, 3 failed, 0 dropped');
    expect(logText(line('log.drill-started', { kind: 'stall-socket', value: 5 }), en.t, fEn)).toBe('Drill: socket stalled for 5s');
    expect(logText(line('log.drill-ended', { kind: 'stall-socket', connectionLost: 'false' }), zh.t, fZh)).toBe('演练结束：套接字停滞已结束，连接保持住了');
  });

  it('word an alert line with the alert’s own message', () => {
    const raised = line('log.alert-raised', { rule: 'try-publish-failing', failedPerSec: 2500 });
    expect(logText(raised, en.t, fEn)).toMatch(/^Alert: tryPublish failing at 2,500\/s/);
    expect(logText(line('log.alert-cleared', { rule: 'loop-stalled' }), zh.t, fZh)).toBe('已解除：事件循环停滞');
  });

  it('fall back to the English message without a key, or with a key the catalogue does not know', () => {
    expect(logText(line(undefined, {}, 'capacity 1,000 → 2,000'), zh.t, fZh)).toBe('capacity 1,000 → 2,000');
    expect(logText(line('log.something-new', { x: 1 }, 'something new'), zh.t, fZh)).toBe('something new');
  });
});

describe('alerts', () => {
  it('are worded from their rule and params, with plurals and selects', () => {
    const stalled: Alert = { id: 'loop-stalled', severity: 'critical', message: 'en', since: 0, params: { sinceLastPollMs: 6300, paused: true, depth: 1000 } };
    expect(alertText(stalled, en.t, fEn)).toBe(
      'The event loop is paused and has not been polled for 6.3 s — requests cannot leave the channel (1,000 queued). Resume the loop.',
    );
    expect(alertText({ ...stalled, params: { sinceLastPollMs: 2000, paused: false, depth: 0 } }, en.t, fEn)).toBe(
      'The event loop is not being polled and has not been polled for 2 s — requests cannot leave the channel. Resume the loop (or poll it faster).',
    );
    const loop: Alert = { id: 'reconnect-loop', severity: 'critical', message: 'en', since: 0, params: { attempts: 1, everyMs: 5000, refusedWith: 0x87, lastErrorMessage: null } };
    expect(alertText(loop, en.t, fEn)).toBe("Reconnecting every 5s: the broker refuses with reason 0x87 (not authorized). 1 attempt in the last minute; check the broker's log and the connection settings.");
    expect(alertText(loop, zh.t, fZh)).toContain('服务器以原因码 0x87（未获授权）拒绝');
  });
});

describe('the main process’s translator', () => {
  it('words log lines, alerts and summaries exactly as the renderer’s i18next does, in both languages', () => {
    const lines: LogEntry[] = [
      line('log.load-started', { rate: 20000, burst: 100, qos: 1, payloadSize: 2048, mode: 'publish' }),
      line('log.session-lost', { lostPublishes: 3 }),
      line('log.inflight-changed', { from: 100, to: 20, live: 'false' }),
      line('log.alert-raised', { rule: 'reconnect-loop', attempts: 6, everyMs: 2000, refusedWith: 0x87 }),
      line('log.drill-started', { kind: 'throttle', value: 5000 }),
      line('log.corrupt-file', { file: 'settings', reason: 'Unexpected end of JSON input', keptAs: '/data/settings.json.corrupt-1' }),
    ];
    for (const [i18n, locale] of [[en, 'en'], [zh, 'zh-CN']] as const) {
      const f = formattersFor(locale);
      const t = createTranslator(locale);
      for (const entry of lines) expect(logText(entry, t, f), entry.key).toBe(logText(entry, i18n.t, f));
      expect(summaryLines([{ key: 'summary.try-failures', params: { count: 14210 } }], t, f)).toEqual(summaryLines([{ key: 'summary.try-failures', params: { count: 14210 } }], i18n.t, f));
    }
    expect(logText(lines[5]!, createTranslator('zh-CN'), fZh)).toBe('无法读取设置（Unexpected end of JSON input）；原文件已另存为 /data/settings.json.corrupt-1，现在使用默认设置');
  });
});
