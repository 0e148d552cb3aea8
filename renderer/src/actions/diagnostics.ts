// The diagnostics bundle: asked of the service, saved by the browser as a JSON file.
import { service } from '../service/current.js';

/** Exports a diagnostics bundle as a download; returns the service's words when it cannot. */
export async function exportDiagnostics(): Promise<string | null> {
  const result = await service().exportDiagnostics({});
  if (!result.ok) return result.error.message;
  const blob = new Blob([JSON.stringify(result.value.bundle, null, 2)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = result.value.fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return null;
}
