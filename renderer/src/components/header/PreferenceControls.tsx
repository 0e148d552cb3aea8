// The header's theme and language choices.
import { useTranslation } from 'react-i18next';
import { LANGUAGES, THEMES } from '../../../../shared/locales/keys.js';
import { chooseLanguage, chooseTheme } from '../../actions/settings.js';
import { useGauge } from '../../store/store.js';
import { SelectField } from '../common/fields.js';

/** Theme and language, applied at once and saved with the settings. */
export function PreferenceControls() {
  const { t } = useTranslation();
  const theme = useGauge((s) => s.themePreference);
  const language = useGauge((s) => s.languagePreference);
  return (
    <div className="preference-controls">
      <SelectField
        className="compact"
        label={t('settings.theme')}
        value={theme}
        options={THEMES.map((value) => ({ value, label: t(`theme.${value}`) }))}
        onValue={(value) => void chooseTheme(value)}
      />
      <SelectField
        className="compact"
        label={t('settings.language')}
        value={language}
        options={LANGUAGES.map((value) => ({ value, label: t(`language.${value}`) }))}
        onValue={(value) => void chooseLanguage(value)}
      />
    </div>
  );
}
