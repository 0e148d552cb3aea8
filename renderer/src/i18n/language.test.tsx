// Switching language: the words change at once and the choice is saved; "system" follows the desktop shell's language, then the browser's.
// @vitest-environment happy-dom
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useTranslation } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { PreferenceControls } from '../components/header/PreferenceControls.js';
import { PublishPanel } from '../components/publish/PublishPanel.js';
import type { Snapshot } from '../../../shared/contract.js';
import { createFakeApi, ok } from '../../../test/renderer/fake-api.js';
import { renderWithGauge } from '../../../test/renderer/render.js';
import { usePreferences } from '../theme/preferences.js';
import { useGauge } from '../store/store.js';

function Preferences() {
  const { i18n } = useTranslation();
  usePreferences(i18n);
  return null;
}

describe('language switch', () => {
  it('changes the visible words at once and saves the choice', async () => {
    const user = userEvent.setup();
    const { api } = renderWithGauge(
      <>
        <Preferences />
        <PreferenceControls />
        <PublishPanel />
      </>,
    );
    expect(screen.getByRole('button', { name: 'Publish' })).toBeTruthy();
    await user.selectOptions(screen.getByLabelText('Language'), 'zh-CN');
    await waitFor(() => expect(screen.getByRole('button', { name: '发布' })).toBeTruthy());
    expect(screen.getByLabelText('主题', { selector: 'input' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('zh-CN');
    expect(api.setSettings).toHaveBeenCalledWith({ language: 'zh-CN' });
    await user.selectOptions(screen.getByLabelText('语言'), 'en');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Publish' })).toBeTruthy());
  });

  it('follows the browser when the setting is "system"', async () => {
    renderWithGauge(
      <>
        <Preferences />
        <PublishPanel />
      </>,
    );
    useGauge.setState({ systemLanguage: 'zh-TW', languagePreference: 'system' });
    await waitFor(() => expect(screen.getByRole('button', { name: '发布' })).toBeTruthy());
  });

  it('prefers the system language the desktop shell reports over the browser’s', async () => {
    const api = createFakeApi();
    const snapshot = api.getSnapshot.getMockImplementation()!;
    api.getSnapshot.mockImplementation(async (payload) => {
      const answer = (await snapshot(payload)) as { ok: true; value: Snapshot };
      return ok({ ...answer.value, locale: 'zh-CN' });
    });
    expect(navigator.language).toMatch(/^en/);
    renderWithGauge(
      <>
        <Preferences />
        <PublishPanel />
      </>,
      { api },
    );
    expect(useGauge.getState().languagePreference).toBe('system');
    await waitFor(() => expect(screen.getByRole('button', { name: '发布' })).toBeTruthy());
    expect(document.documentElement.lang).toBe('zh-CN');
  });
});
