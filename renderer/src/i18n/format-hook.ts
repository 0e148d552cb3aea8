// Formatters for numbers, sizes, times and latencies in the language on screen, as a hook for components.
import { useTranslation } from 'react-i18next';
import { formattersFor, type Formatters } from '../../../shared/format/index.js';

/** Formatters bound to the language on screen; a new language gives new ones. */
export function useFormat(): Formatters {
  const { i18n } = useTranslation();
  return formattersFor(i18n.language || 'en');
}
