import type { User } from '../../src/db/schema';
import { nl } from '../../src/texts';
import { CheckboxField, Fieldset } from '../components/choices';
import { Notice } from '../components/form';
import { AdminLayout } from './admin-layout';
import { SubmitRow } from '../components/button';

export interface SettingsPageProps {
  user: User;
  values: { requireSecondFactorForAdmins: boolean; requireSecondFactorForAllStaff: boolean };
  notice?: string;
}

const t = nl.admin.settings;

/** GET /admin/settings: the two second-factor requirements. */
export function SettingsPage(props: SettingsPageProps) {
  return (
    <AdminLayout user={props.user} title={t.title} current="/admin/settings">
      {props.notice ? <Notice kind="ok">{props.notice}</Notice> : null}
      <p class="utrecht-paragraph">{t.intro}</p>
      <form method="post" action="/admin/settings">
        <Fieldset legend={t.legend}>
          <CheckboxField name="requireSecondFactorForAdmins" label={t.requireSecondFactorForAdmins} checked={props.values.requireSecondFactorForAdmins} />
          <CheckboxField
            name="requireSecondFactorForAllStaff"
            label={t.requireSecondFactorForAllStaff}
            checked={props.values.requireSecondFactorForAllStaff}
            hint={t.allStaffHint}
          />
        </Fieldset>
        <SubmitRow label={t.save} />
      </form>
    </AdminLayout>
  );
}
