// Which subscriptions cover the load's topic, by MQTT's wildcard rules.
import { describe, expect, it } from 'vitest';
import { filterCovers } from './topic-filter.js';

describe('filterCovers', () => {
  it.each([
    ['gauge/load', 'gauge/load', true],
    ['gauge/+', 'gauge/load', true],
    ['gauge/#', 'gauge/load', true],
    ['gauge/#', 'gauge', true],
    ['#', 'gauge/load', true],
    ['+/+', 'gauge/load', true],
    ['$share/group/gauge/+', 'gauge/load', true],
    ['gauge/+', 'gauge/load/extra', false],
    ['gauge/load/+', 'gauge/load', false],
    ['gauge/other', 'gauge/load', false],
    ['Gauge/load', 'gauge/load', false],
    ['#', '$SYS/broker/uptime', false],
    ['+/broker/uptime', '$SYS/broker/uptime', false],
    ['$SYS/#', '$SYS/broker/uptime', true],
  ])('%s covers %s: %s', (filter, topic, covers) => {
    expect(filterCovers(filter, topic)).toBe(covers);
  });
});
