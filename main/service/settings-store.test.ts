// Settings on disk: versioned, written atomically, and a file that cannot be
// read is kept aside and reported, never silently replaced.
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/schemas.js';
import { call, startService, stopServices } from '../../test/fakes/service.js';

afterEach(() => stopServices());

describe('the settings file', () => {
  it('when corrupt, is kept aside, reported in the event log, and the defaults are used', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'gauge-settings-'));
    await writeFile(join(dataDir, 'settings.json'), '{"version": 1, "data": {"sampleHz": 20, "histo');
    const service = await startService({ dataDir });

    const report = service.log.entries().find((entry) => /settings could not be read/.test(entry.message));
    expect(report).toMatchObject({ level: 'warning' });
    expect(report!.message).toMatch(/kept as .*settings\.json\.corrupt-\d+ and defaults are in use/);
    const kept = (await readdir(dataDir)).find((name) => name.startsWith('settings.json.corrupt-'));
    expect(await readFile(join(dataDir, kept!), 'utf8')).toBe('{"version": 1, "data": {"sampleHz": 20, "histo');
    expect(await call<Settings>(service, 'getSettings')).toEqual(DEFAULT_SETTINGS);
  });

  it('from a newer version is kept aside too, rather than misread', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'gauge-settings-'));
    await writeFile(join(dataDir, 'settings.json'), JSON.stringify({ version: 2, data: { sampleHz: 5 } }));
    const service = await startService({ dataDir });
    expect(service.log.entries().some((entry) => /settings could not be read \(version 2 is not 1\)/.test(entry.message))).toBe(true);
    expect((await readdir(dataDir)).some((name) => name.startsWith('settings.json.corrupt-'))).toBe(true);
  });

  it('is written as versioned JSON, whole, and read back at the next start', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'gauge-settings-'));
    const first = await startService({ dataDir });
    await call(first, 'setSettings', { sampleHz: 20, theme: 'dark' });
    await stopServices();
    expect(JSON.parse(await readFile(join(dataDir, 'settings.json'), 'utf8'))).toMatchObject({ version: 1, data: { sampleHz: 20, theme: 'dark' } });
    expect((await readdir(dataDir)).filter((name) => name.includes('.tmp-'))).toEqual([]);
    const again = await startService({ dataDir });
    expect(await call<Settings>(again, 'getSettings')).toMatchObject({ sampleHz: 20, theme: 'dark' });
  });
});
