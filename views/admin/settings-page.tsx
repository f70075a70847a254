import type { User } from '../../src/db/schema';
import { nl } from '../../src/texts';
import { CheckboxField, Fieldset } from '../components/choices';
import { Notice } from '../components/form';
import { AdminLayout } from './admin-layout';
import { SubmitRow } from '../components/button';

export interface SettingsPageProps {
  user: User;
  values: { requireSecondFactorForAdmins: boolean; requireSecondFactorForAllStaff: boolean; callbackOfferToAll: boolean; callbackRecoveryMail: boolean; surveyFacesForEmail: boolean };
  notice?: string;
}

const t = nl.admin.settings;

/** GET /admin/settings: the two second-factor requirements, the call-back requests and the survey's faces. */
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
        <Fieldset legend={t.callbacksLegend}>
          <CheckboxField name="callbackOfferToAll" label={t.callbackOfferToAll} checked={props.values.callbackOfferToAll} hint={t.callbackOfferToAllHint} />
          <CheckboxField name="callbackRecoveryMail" label={t.callbackRecoveryMail} checked={props.values.callbackRecoveryMail} hint={t.callbackRecoveryMailHint} />
        </Fieldset>
        <Fieldset legend={t.surveyLegend}>
          <CheckboxField name="surveyFacesForEmail" label={t.surveyFacesForEmail} checked={props.values.surveyFacesForEmail} hint={t.surveyFacesForEmailHint} />
        </Fieldset>
        <SubmitRow label={t.save} />
      </form>
    </AdminLayout>
  );
}
