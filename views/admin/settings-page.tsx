import type { User } from '../../src/db/schema';
import { nl } from '../../src/texts';
import { Notice } from '../components/form';
import { AdminLayout } from './admin-layout';

export interface SettingsPageProps {
  organisation: string;
  user: User;
  values: { requireSecondFactorForAdmins: boolean; requireSecondFactorForAllStaff: boolean };
  notice?: string;
}

const t = nl.admin.settings;

function Checkbox(props: { name: string; label: string; checked: boolean; hint?: string }) {
  const hintId = `${props.name}-uitleg`;
  return (
    <div class="utrecht-form-field utrecht-form-field--checkbox">
      <div class="utrecht-form-field__input">
        <input
          type="checkbox"
          class="utrecht-checkbox utrecht-checkbox--html-input utrecht-checkbox--custom"
          id={props.name}
          name={props.name}
          value="on"
          checked={props.checked}
          aria-describedby={props.hint ? hintId : undefined}
        />
      </div>
      <div class="utrecht-form-field__label">
        <label class="utrecht-form-label utrecht-form-label--checkbox" for={props.name}>
          {props.label}
        </label>
      </div>
      {props.hint ? (
        <p class="utrecht-form-field-description" id={hintId}>
          {props.hint}
        </p>
      ) : null}
    </div>
  );
}

/** GET /admin/settings: the two second-factor requirements. */
export function SettingsPage(props: SettingsPageProps) {
  return (
    <AdminLayout organisation={props.organisation} user={props.user} title={t.title} current="/admin/settings">
      {props.notice ? <Notice kind="ok">{props.notice}</Notice> : null}
      <p class="utrecht-paragraph">{t.intro}</p>
      <form method="post" action="/admin/settings">
        <fieldset class="utrecht-form-fieldset utrecht-form-fieldset__fieldset utrecht-form-fieldset--html-fieldset">
          <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">{t.legend}</legend>
          <Checkbox name="requireSecondFactorForAdmins" label={t.requireSecondFactorForAdmins} checked={props.values.requireSecondFactorForAdmins} />
          <Checkbox
            name="requireSecondFactorForAllStaff"
            label={t.requireSecondFactorForAllStaff}
            checked={props.values.requireSecondFactorForAllStaff}
            hint={t.allStaffHint}
          />
        </fieldset>
        <div class="utrecht-button-group">
          <button type="submit" class="utrecht-button utrecht-button--primary-action">
            {t.save}
          </button>
        </div>
      </form>
    </AdminLayout>
  );
}
