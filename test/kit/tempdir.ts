/**
 * Temporary directories for the harness, removed when the test process ends.
 *
 * Brokers and certificates need files on disk that outlive a single test (a
 * broker restarted with `start()` re-reads its config), so cleanup is tied to
 * the process rather than to whoever created the directory.
 */
import { rmSync } from 'node:fs';
import { chmod, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onProcessExit } from './cleanup.js';

const dirs = new Set<string>();
let hooked = false;

/**
 * Creates a fresh directory under the OS temp dir, world-readable (0755) so a
 * broker that dropped root privileges can still read what we put there.
 */
export async function makeTempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `${prefix}-`));
  await chmod(dir, 0o755);
  dirs.add(dir);
  if (!hooked) {
    hooked = true;
    // Exit-time cleanup must be synchronous, hence rmSync.
    onProcessExit(() => {
      for (const d of dirs) {
        try {
          rmSync(d, { recursive: true, force: true });
        } catch {
          // Best effort; keep removing the rest.
        }
      }
    });
  }
  return dir;
}
