// Payload previews arrive as base64 (binary survives the trip); these turn
// them into what a person reads: text, JSON, or hex.

import { PAYLOAD_SHOWN_AS, PAYLOAD_VIEWS } from '../../../shared/locales/keys.js';

export type PayloadView = (typeof PAYLOAD_VIEWS)[number];
export { PAYLOAD_VIEWS };

export function base64ToBytes(base64: string): Uint8Array {
  try {
    const binary = atob(base64);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return new Uint8Array(0);
  }
}

export function bytesToHex(bytes: Uint8Array, max = bytes.length): string {
  const parts: string[] = [];
  for (let i = 0; i < Math.min(bytes.length, max); i++) parts.push(bytes[i]!.toString(16).padStart(2, '0'));
  return parts.join(' ');
}

const strict = new TextDecoder('utf-8', { fatal: true });

/** The bytes as UTF-8 text, or null when they are not valid UTF-8 (binary). */
export function bytesToText(bytes: Uint8Array): string | null {
  try {
    return strict.decode(bytes);
  } catch {
    return null;
  }
}

/** What a preview shows as, and the text to show. */
export interface DecodedPayload {
  shownAs: (typeof PAYLOAD_SHOWN_AS)[number];
  text: string;
  /** JSON view asked for, but the payload is not JSON (or is cut short). */
  notJson?: boolean;
}

const cache = new Map<string, DecodedPayload>();
const MAX_CACHE = 4000;

/** Decodes a base64 preview for `view`; `pretty` indents JSON (for the detail pane). */
export function decodePayload(base64: string, view: PayloadView, pretty = false): DecodedPayload {
  const cacheKey = `${view}|${pretty ? 1 : 0}|${base64}`;
  const hit = cache.get(cacheKey);
  if (hit) return hit;
  const result = decode(base64, view, pretty);
  if (cache.size >= MAX_CACHE) cache.delete(cache.keys().next().value!);
  cache.set(cacheKey, result);
  return result;
}

function decode(base64: string, view: PayloadView, pretty: boolean): DecodedPayload {
  const bytes = base64ToBytes(base64);
  if (bytes.length === 0) return { shownAs: 'empty', text: '' };
  if (view === 'hex') return { shownAs: 'hex', text: bytesToHex(bytes) };
  const text = bytesToText(bytes);
  if (text === null) return { shownAs: 'hex', text: bytesToHex(bytes) };
  if (view === 'text') return { shownAs: 'text', text };
  const trimmed = text.trim();
  const looksJson = trimmed.startsWith('{') || trimmed.startsWith('[') || trimmed.startsWith('"');
  if (view === 'json' || looksJson) {
    try {
      const value: unknown = JSON.parse(text);
      return { shownAs: 'json', text: JSON.stringify(value, null, pretty ? 2 : undefined) };
    } catch {
      return view === 'json' ? { shownAs: 'text', text, notJson: true } : { shownAs: 'text', text };
    }
  }
  return { shownAs: 'text', text };
}
