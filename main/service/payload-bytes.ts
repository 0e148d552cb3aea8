// Turns a payload as typed (text, JSON, hex, base64) into the bytes to publish.
import type { PayloadFormat } from '../../shared/domain.js';

/** Turns a payload as typed (already validated by the schema) into the bytes to publish. */
export function payloadBytes(text: string, format: PayloadFormat): Buffer {
  switch (format) {
    case 'text':
    case 'json':
      return Buffer.from(text, 'utf8');
    case 'hex':
      return Buffer.from(text.replace(/\s+/g, ''), 'hex');
    case 'base64':
      return Buffer.from(text.replace(/\s+/g, ''), 'base64');
  }
}
