// First start: the app opens on a live dashboard, already connected to its built-in test broker.
import { expect, test } from './fixtures.js';

test('opens on a live dashboard connected to the built-in test broker', async ({ app }) => {
  await expect(app.page.getByTestId('connection-state')).toHaveText(/connected/i);
});
