// Whether a subscription's topic filter covers a topic, by MQTT's wildcard rules (+ one level, # the rest).

/**
 * MQTT's matching rules: `+` matches one whole level, `#` (last) matches the
 * parent level and everything below it, and a filter starting with a
 * wildcard never matches a `$` topic (such as `$SYS/…`). A shared
 * subscription is matched by the filter inside it.
 */
export function filterCovers(filter: string, topic: string): boolean {
  // A shared subscription ($share/group/filter) delivers by its inner filter.
  const inner = filter.startsWith('$share/') ? filter.split('/').slice(2).join('/') : filter;
  if (topic.startsWith('$') && (inner.startsWith('+') || inner.startsWith('#'))) return false;
  const filterLevels = inner.split('/');
  const topicLevels = topic.split('/');
  for (let i = 0; i < filterLevels.length; i++) {
    const level = filterLevels[i]!;
    if (level === '#') return true;
    if (i >= topicLevels.length) return false;
    if (level !== '+' && level !== topicLevels[i]) return false;
  }
  return filterLevels.length === topicLevels.length;
}
