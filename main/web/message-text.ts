// A WebSocket message as text, whichever of ws's three binary shapes it came in.
import type { RawData } from 'ws';

/** UTF-8 text of a message: one Buffer, an ArrayBuffer, or fragments (ws's `binaryType` decides which). */
export function messageText(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}
