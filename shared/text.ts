// Text checks that both sides need and that must not depend on Node's
// Buffer or the DOM's TextEncoder.

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
export function publishTopicProblem(topic: string): string | null {
  if (topic.length === 0) return 'the topic is empty';
  if (topic.includes('+') || topic.includes('#')) return 'a publish topic cannot contain the wildcards + or #';
  return topicTextProblem(topic);
}

/** Why `filter` is not a valid subscription filter, or null. */
export function filterProblem(filter: string): string | null {
  if (filter.length === 0) return 'the filter is empty';
  const levels = filter.split('/');
  for (let i = 0; i < levels.length; i++) {
    const level = levels[i]!;
    if (level.includes('#') && (level !== '#' || i !== levels.length - 1)) return '# must be a whole level and the last one';
    if (level.includes('+') && level !== '+') return '+ must be a whole level';
  }
  return topicTextProblem(filter);
}

function topicTextProblem(text: string): string | null {
  if (text.includes('\u0000')) return 'it cannot contain the null character U+0000';
  if (!text.isWellFormed()) return 'it is not valid UTF-8 (a lone surrogate)';
  const bytes = utf8Length(text);
  if (bytes > 65_535) return `it is ${bytes} bytes of UTF-8; MQTT allows at most 65535`;
  return null;
}
