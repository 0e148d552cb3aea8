// Text checks that both sides need and that must not depend on Node's
// Buffer or the DOM's TextEncoder.
import { MAX_TOPIC_BYTES } from './mqtt-sizes.js';
import type { Problem } from './problems.js';

/** Bytes `text` takes in UTF-8 (lone surrogates count as U+FFFD, 3 bytes). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** Why `topic` cannot be published to, or null when it can. */
export function publishTopicProblem(topic: string): Problem | null {
  if (topic.length === 0) return { problem: 'topicEmpty', message: 'the topic is empty' };
  if (topic.includes('+') || topic.includes('#')) return { problem: 'topicWildcard', message: 'a publish topic cannot contain the wildcards + or #' };
  return topicTextProblem(topic);
}

/** Why `filter` is not a valid subscription filter, or null. */
export function filterProblem(filter: string): Problem | null {
  if (filter.length === 0) return { problem: 'filterEmpty', message: 'the filter is empty' };
  const levels = filter.split('/');
  for (let i = 0; i < levels.length; i++) {
    const level = levels[i]!;
    if (level.includes('#') && (level !== '#' || i !== levels.length - 1)) return { problem: 'filterHash', message: '# must be a whole level and the last one' };
    if (level.includes('+') && level !== '+') return { problem: 'filterPlus', message: '+ must be a whole level' };
  }
  return topicTextProblem(filter);
}

function topicTextProblem(text: string): Problem | null {
  if (text.includes('\u0000')) return { problem: 'nullCharacter', message: 'it cannot contain the null character U+0000' };
  if (!text.isWellFormed()) return { problem: 'notUtf8', message: 'it is not valid UTF-8 (a lone surrogate)' };
  const bytes = utf8Length(text);
  if (bytes > MAX_TOPIC_BYTES) return { problem: 'topicTooLong', message: `it is ${bytes} bytes of UTF-8; MQTT allows at most ${MAX_TOPIC_BYTES}`, params: { bytes } };
  return null;
}
