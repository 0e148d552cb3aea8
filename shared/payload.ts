// Payload formats a person can type in. The renderer checks them as they
// are typed; the main process checks again and turns them into bytes.
import type { PayloadFormat } from './domain.js';
import type { Problem } from './problems.js';
import { utf8Length } from './text.js';

/** The payload's size in bytes, or the reason it is not valid in its format. */
export type PayloadCheck = { ok: true; bytes: number } | ({ ok: false } & Problem);

const HEX = /^(?:[0-9a-fA-F]{2}|\s)*$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function checkPayload(text: string, format: PayloadFormat): PayloadCheck {
  switch (format) {
    case 'text':
      if (!text.isWellFormed()) return { ok: false, problem: 'notUtf8', message: 'the text holds a lone surrogate and is not valid UTF-8' };
      return { ok: true, bytes: utf8Length(text) };
    case 'json':
      try {
        JSON.parse(text);
      } catch (error) {
        return { ok: false, problem: 'json', message: `not valid JSON: ${(error as Error).message}`, params: { detail: (error as Error).message } };
      }
      return { ok: true, bytes: utf8Length(text) };
    case 'hex': {
      const digits = text.replace(/\s+/g, '');
      if (digits.length % 2 !== 0 || !HEX.test(text)) return { ok: false, problem: 'hex', message: 'hex needs pairs of digits 0-9 and a-f (spaces allowed between bytes)' };
      return { ok: true, bytes: digits.length / 2 };
    }
    case 'base64': {
      const compact = text.replace(/\s+/g, '');
      if (!BASE64.test(compact)) return { ok: false, problem: 'base64', message: 'not valid base64 (A-Z, a-z, 0-9, +, / and = padding)' };
      return { ok: true, bytes: (compact.length / 4) * 3 - (compact.endsWith('==') ? 2 : compact.endsWith('=') ? 1 : 0) };
    }
  }
}
