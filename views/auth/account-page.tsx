import type { User } from '../../src/db/schema';
import type { SubscriptionChoice } from '../../src/digest/subscriptions';
import { formatDate, nl } from '../../src/texts';
import { ErrorSummary, Notice, TextField, type FieldErrors } from '../components/form';
import { Layout } from '../layout';
import { ActionButton, SubmitRow } from '../components/button';
import { RadioGroup } from '../components/choices';
import { LinkParagraph, Section } from '../components/page-parts';
import { NewPasswordFields } from './auth-pages';

export interface AccountPageProps {
  user: User;
  /** The second factor must be set up before anything else. */
  enrolmentRequired: boolean;
  /** While enrolling: the secret and its QR code (SVG). */
  enrolment?: { secret: string; qrSvg: string; error?: string };
  /** Right after enrolment or regeneration: the recovery codes, shown this once. */
  recoveryCodes?: string[];
  recoveryCodesLeft: number;
  sessionCount: number;
  passwordErrors?: FieldErrors;
  notice?: string;
  minPasswordLength: number;
  /** Roles that may open the dashboard: their choice of the digest by mail, and an error after a bad post. */
  digest?: { choice: SubscriptionChoice; error?: string };
}

const d = nl.digest.account;

/** The digest by mail: monthly (recommended), weekly or not; a plain POST form. */
function DigestChoice({ choice, error }: { choice: SubscriptionChoice; error?: string }) {
  return (
    <Section id="samenvatting" title={d.title}>
      <p class="utrecht-paragraph">{d.intro}</p>
      <p class="utrecht-paragraph" id="samenvatting-status">
        {d.status[choice]}
      </p>
      <ErrorSummary errors={{ frequency: error }} targets={{ frequency: 'frequency-month' }} />
      <form method="post" action="/account/samenvatting" novalidate>
        <RadioGroup
          name="frequency"
          legend={d.legend}
          layout="list"
          value={choice}
          error={error}
          options={(['month', 'week', 'uit'] as const).map((value) => ({ value, label: d.options[value] }))}
        />
        <SubmitRow label={d.save} variant="secondary" />
      </form>
    </Section>
  );
}

export function AccountPage(props: AccountPageProps) {
  const { user } = props;
  const staff = { email: user.email, role: user.role, current: '/account' };
  const passwordErrors = props.passwordErrors ?? {};
  const hasErrors = Boolean(props.enrolment?.error) || Object.values(passwordErrors).some(Boolean) || Boolean(props.digest?.error);
  return (
    <Layout title={hasErrors ? `Fout: ${nl.account.title}` : nl.account.title} staff={props.enrolmentRequired ? undefined : staff}>
      <h1 class="utrecht-heading-1">{nl.account.title}</h1>
      {props.notice ? <Notice kind="ok">{props.notice}</Notice> : null}
      {props.enrolmentRequired ? <Notice kind="warning">{nl.account.twoFactorRequired}</Notice> : null}
      <dl class="mh-mail-meta">
        <dt>{nl.auth.email}</dt>
        <dd>{user.email}</dd>
        <dt>{nl.account.role}</dt>
        <dd>{nl.roles[user.role]}</dd>
      </dl>

      <Section id="tweestaps" title={nl.account.twoFactorTitle}>
        {props.recoveryCodes ? (
          <div data-hook="recovery-codes">
            <h3 class="utrecht-heading-3">{nl.account.recoveryTitle}</h3>
            <p class="utrecht-paragraph">{nl.account.recoveryIntro}</p>
            <ul data-hook="code-list">
              {props.recoveryCodes.map((code) => (
                <li>
                  <code>{code}</code>
                </li>
              ))}
            </ul>
            <LinkParagraph href="/account">{nl.account.recoveryDone}</LinkParagraph>
          </div>
        ) : user.totpEnabledAt ? (
          <>
            <p class="utrecht-paragraph">{nl.account.twoFactorOn(formatDate(user.totpEnabledAt))}</p>
            <p class="utrecht-paragraph">{nl.account.recoveryLeft(props.recoveryCodesLeft)}</p>
            <ActionButton action="/account/recovery-codes" label={nl.account.newRecoveryCodes} />
          </>
        ) : props.enrolment ? (
          <>
            <ErrorSummary errors={{ code: props.enrolment.error }} title={nl.auth.enrolFailedTitle} />
            <ol>
              <li>
                <p class="utrecht-paragraph">{nl.account.enrolStep1}</p>
                <img data-hook="qr" src={`data:image/svg+xml;base64,${Buffer.from(props.enrolment.qrSvg).toString('base64')}`} alt={nl.account.enrolQrAlt} width={200} height={200} />
                <p class="utrecht-paragraph">{nl.account.enrolSecret}</p>
                <p class="utrecht-paragraph">
                  <code data-hook="secret">{props.enrolment.secret.replace(/(.{4})/g, '$1 ').trim()}</code>
                </p>
              </li>
              <li>
                <form method="post" action="/account/two-factor/confirm" novalidate>
                  <TextField
                    name="code"
                    label={nl.auth.code}
                    hint={nl.account.enrolStep2}
                    error={props.enrolment.error}
                    autocomplete="one-time-code"
                    inputmode="numeric"
                    maxlength={10}
                    required
                  />
                  <SubmitRow label={nl.account.enrolConfirm} />
                </form>
              </li>
            </ol>
          </>
        ) : (
          <>
            <p class="utrecht-paragraph">{nl.account.twoFactorOff}</p>
            <ActionButton action="/account/two-factor" label={nl.account.enrolStart} variant="primary" />
          </>
        )}
      </Section>

      {props.enrolmentRequired ? null : (
        <Section id="wachtwoord" title={nl.account.changePasswordTitle}>
          <ErrorSummary errors={passwordErrors} title={nl.auth.passwordNotChangedTitle} />
          <form method="post" action="/account/password" novalidate>
            <input type="hidden" name="email" value={user.email} autocomplete="username" />
            <TextField name="current" label={nl.auth.currentPassword} type="password" error={passwordErrors.current} autocomplete="current-password" required />
            <NewPasswordFields minLength={props.minPasswordLength} errors={passwordErrors} />
            <SubmitRow label={nl.auth.savePassword} variant="secondary" />
          </form>
        </Section>
      )}

      {props.enrolmentRequired || !props.digest ? null : <DigestChoice {...props.digest} />}

      <Section id="sessies" title={nl.account.sessionsTitle}>
        <p class="utrecht-paragraph">{nl.account.sessionCount(props.sessionCount)}</p>
        <p class="utrecht-paragraph">{nl.account.logoutEverywhereHint}</p>
        <ActionButton action="/account/logout-everywhere" label={nl.account.logoutEverywhere} />
      </Section>
    </Layout>
  );
}
