// Choosing a saved broker profile, and the new, save and delete buttons in the connect panel's header.
import { useTranslation } from 'react-i18next';
import { useGauge } from '../../store/store.js';

/** The saved profiles: the built-in test broker first, then the person's own. */
export function ProfilePicker({ selectedId, onSelect }: { selectedId: string; onSelect(id: string): void }) {
  const { t } = useTranslation();
  const profiles = useGauge((s) => s.profiles);
  const defaultId = useGauge((s) => s.defaultProfileId);
  return (
    <div className="field profile-select">
      <label htmlFor="profile-select">{t('connect.profile')}</label>
      <select id="profile-select" value={selectedId} onChange={(event) => onSelect(event.target.value)}>
        {selectedId === '' ? <option value="">{t('connect.newProfileOption')}</option> : null}
        {profiles.map((profile) => (
          <option key={profile.id} value={profile.id}>
            {profile.kind === 'builtin' ? t('connect.builtInProfileName') : profile.name}
            {profile.id === defaultId ? ` ${t('connect.defaultMark')}` : ''}
          </option>
        ))}
      </select>
    </div>
  );
}

/** New, save and delete, in the panel's header. */
export function ProfileActions({ selectedId, onNew, onSave, onDelete, canSave, busy }: { selectedId: string; onNew(): void; onSave(): void; onDelete(): void; canSave: boolean; busy: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="button-row small-buttons">
      <button type="button" onClick={onNew} disabled={busy}>
        {t('connect.newProfile')}
      </button>
      <button type="button" onClick={onSave} disabled={busy || !canSave}>
        {t('connect.saveProfile')}
      </button>
      <button type="button" className="danger-quiet" onClick={onDelete} disabled={busy || selectedId === '' || selectedId === 'builtin'}>
        {t('connect.deleteProfile')}
      </button>
    </div>
  );
}
