import { nl } from '../../src/texts';
import { ErrorSummary, Notice, TextField, type FieldErrors } from '../components/form';
import { Layout } from '../layout';
import { SubmitRow } from '../components/button';

export function LoginPage(props: { email?: string; errors?: FieldErrors; notice?: string; returnTo?: string }) {
  const errors = props.errors ?? {};
  const hasErrors = Object.values(errors).some(Boolean);
  return (
    <Layout title={hasErrors ? `Fout: ${nl.auth.loginTitle}` : nl.auth.loginTitle}>
      <h1 class="utrecht-heading-1">{nl.auth.loginTitle}</h1>
      {props.notice ? <Notice kind="info">{props.notice}</Notice> : null}
      <ErrorSummary errors={errors} title={nl.auth.loginFailedTitle} />
      <p class="utrecht-paragraph">{nl.auth.loginIntro}</p>
      <form method="post" action="/login" novalidate>
        {props.returnTo ? <input type="hidden" name="terug" value={props.returnTo} /> : null}
        <TextField name="email" label={nl.auth.email} type="email" value={props.email} error={errors.email} autocomplete="username" required />
        <TextField name="password" label={nl.auth.password} type="password" error={errors.password} autocomplete="current-password" required />
        <SubmitRow label={nl.auth.login} />
      </form>
    </Layout>
  );
}

export function CodePage(props: { error?: string }) {
  return (
    <Layout title={props.error ? `Fout: ${nl.auth.codeTitle}` : nl.auth.codeTitle}>
      <h1 class="utrecht-heading-1">{nl.auth.codeTitle}</h1>
      <ErrorSummary errors={{ code: props.error }} title={nl.auth.codeFailedTitle} />
      <form method="post" action="/login/code" novalidate>
        <TextField
          name="code"
          label={nl.auth.code}
          hint={nl.auth.codeIntro}
          error={props.error}
          autocomplete="one-time-code"
          inputmode="text"
          maxlength={20}
          required
        />
        <SubmitRow label={nl.auth.verify} />
      </form>
    </Layout>
  );
}

export function SetupPage(props: {
  action: string;
  /** The account's address when it exists already (a new user's link); asked for the first admin. */
  fixedEmail?: string;
  email?: string;
  errors?: FieldErrors;
  minLength: number;
}) {
  const errors = props.errors ?? {};
  const title = props.fixedEmail ? nl.auth.setupTitlePassword : nl.auth.setupTitleFirstAdmin;
  const hasErrors = Object.values(errors).some(Boolean);
  return (
    <Layout title={hasErrors ? `Fout: ${title}` : title}>
      <h1 class="utrecht-heading-1">{title}</h1>
      <ErrorSummary errors={errors} title={props.fixedEmail ? nl.auth.passwordNotSavedTitle : nl.auth.accountNotCreatedTitle} />
      <p class="utrecht-paragraph">{props.fixedEmail ? nl.auth.setupIntroPassword(props.fixedEmail) : nl.auth.setupIntroFirstAdmin}</p>
      <form method="post" action={props.action} novalidate>
        {props.fixedEmail ? (
          <input type="hidden" name="email" value={props.fixedEmail} autocomplete="username" />
        ) : (
          <TextField name="email" label={nl.auth.email} type="email" value={props.email} error={errors.email} autocomplete="username" required />
        )}
        <NewPasswordFields minLength={props.minLength} errors={errors} />
        <SubmitRow label={props.fixedEmail ? nl.auth.savePassword : nl.auth.createAccount} />
      </form>
    </Layout>
  );
}

/** A new password and its repetition, in the setup form and on the account page. */
export function NewPasswordFields({ minLength, errors }: { minLength: number; errors: FieldErrors }) {
  return (
    <>
      <TextField
        name="password"
        label={nl.auth.newPassword}
        type="password"
        hint={nl.auth.newPasswordHint(minLength)}
        error={errors.password}
        autocomplete="new-password"
        required
      />
      <TextField name="repeat" label={nl.auth.repeatPassword} type="password" error={errors.repeat} autocomplete="new-password" required />
    </>
  );
}
