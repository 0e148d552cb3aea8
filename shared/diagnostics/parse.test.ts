// Opening diagnostics bundles: what the app writes, and what it refuses with a reason.
import { describe, expect, it } from 'vitest';
import { fixtureBundle, fixtureSample, FIXTURE_START } from '../../test/fixtures/diagnostics.js';
import { parseBundle } from './parse.js';

const text = (value: unknown) => JSON.stringify(value);

describe('parseBundle', () => {
  it('opens what the app writes, unchanged', () => {
    const bundle = fixtureBundle({ samples: [fixtureSample(FIXTURE_START, { depth: 7 })] });
    const parsed = parseBundle(text(bundle));
    expect(parsed).toEqual({ ok: true, bundle });
  });

  it('says a file cut short is truncated, wherever it was cut', () => {
    const whole = text(fixtureBundle());
    for (const at of [1, 40, Math.floor(whole.length / 2), whole.length - 1]) {
      const parsed = parseBundle(whole.slice(0, at));
      expect(parsed).toMatchObject({ ok: false, problem: 'truncated' });
      if (!parsed.ok) expect(parsed.error).toMatch(/^The file is truncated/);
    }
  });

  it('says text that is not JSON at all is not JSON', () => {
    expect(parseBundle('hello, support')).toMatchObject({ ok: false, problem: 'not-json', error: expect.stringMatching(/not valid JSON/) });
    expect(parseBundle('{"format": "mqtt-gauge-diagnostics",, }')).toMatchObject({ ok: false, problem: 'not-json' });
  });

  it('says an empty file is empty', () => {
    expect(parseBundle('')).toMatchObject({ ok: false, problem: 'empty', error: 'The file is empty: it is not a diagnostics bundle.' });
    expect(parseBundle('  \n')).toMatchObject({ ok: false, problem: 'empty' });
  });

  it('says a gzip file must be decompressed first', () => {
    expect(parseBundle('\u001f\ufffd\u0008\u0000binary')).toMatchObject({ ok: false, problem: 'compressed', error: expect.stringMatching(/gzip/) });
  });

  it('says other JSON is not a bundle', () => {
    for (const other of [[], 42, null, { name: 'package' }, { format: 'something-else', version: 1 }]) {
      expect(parseBundle(text(other))).toMatchObject({ ok: false, problem: 'not-a-bundle', error: expect.stringMatching(/not an MQTT Gauge diagnostics bundle/) });
    }
  });

  it('asks for an update to open a bundle from a newer version, naming both versions', () => {
    const parsed = parseBundle(text({ ...fixtureBundle(), version: 2, samples: 'a new shape' }));
    expect(parsed).toMatchObject({ ok: false, problem: 'newer-version', params: { version: 2, supported: 1 } });
    if (!parsed.ok) expect(parsed.error).toBe('The bundle was made by a newer MQTT Gauge (bundle version 2); this one reads up to version 1. Update MQTT Gauge to open it.');
  });

  it('refuses a version that is not a whole number of at least 1', () => {
    for (const version of [0, -1, 1.5, '1', null]) {
      expect(parseBundle(text({ ...fixtureBundle(), version }))).toMatchObject({ ok: false, problem: 'unsupported-version' });
    }
  });

  it('names the first damaged field and how many more there are', () => {
    const bundle = fixtureBundle();
    const damaged = { ...bundle, samples: [{ ...bundle.samples[0], depth: -1 }, { ...bundle.samples[1], policy: 'drop-random' }] };
    const parsed = parseBundle(text(damaged));
    expect(parsed).toMatchObject({ ok: false, problem: 'damaged', params: { field: 'samples.0.depth', more: 1 } });
    if (!parsed.ok) expect(parsed.error).toMatch(/^The bundle is damaged: samples\.0\.depth: .+ \(and 1 more problem\)\.$/);
  });

  it('never throws, whatever damage the file took: cut, bytes changed, or both', () => {
    const whole = text(fixtureBundle({ samples: [fixtureSample(FIXTURE_START, { depth: 3, lastError: { kind: 'connection', code: 'refused', message: 'no', reasonCode: 5, at: FIXTURE_START } })] }));
    // A small seeded generator (LCG), so a failure is the same on every run.
    let seed = 42;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const alphabet = '{}[]",:0123456789-.eE truefalsnul\\\u0000é';
    for (let i = 0; i < 500; i++) {
      let damaged = whole.slice(0, Math.floor(random() * whole.length * 1.2));
      for (let flips = Math.floor(random() * 4); flips > 0; flips--) {
        const at = Math.floor(random() * damaged.length);
        damaged = damaged.slice(0, at) + alphabet[Math.floor(random() * alphabet.length)] + damaged.slice(at + 1);
      }
      const parsed = parseBundle(damaged);
      if (!parsed.ok) expect(parsed.error.length).toBeGreaterThan(20);
    }
  });

  it('refuses a bundle missing a whole section', () => {
    const { log: _log, ...withoutLog } = fixtureBundle();
    expect(parseBundle(text(withoutLog))).toMatchObject({ ok: false, problem: 'damaged', params: { field: 'log' } });
  });
});
