import type { Child } from 'hono/jsx';

export type ButtonVariant = 'primary' | 'secondary' | 'subtle';

/** Utrecht's modifiers: the subtle one has no `-action` suffix. */
const buttonClass: Record<ButtonVariant, string> = {
  primary: 'utrecht-button--primary-action',
  secondary: 'utrecht-button--secondary-action',
  subtle: 'utrecht-button--subtle',
};
const buttonLinkClass: Record<ButtonVariant, string> = {
  primary: 'utrecht-button-link--primary-action',
  secondary: 'utrecht-button-link--secondary-action',
  subtle: 'utrecht-button-link--subtle',
};

/** An NL Design System (Utrecht) submit button; `formaction` sends its form to another address. */
export function Button(props: { variant: ButtonVariant; name?: string; value?: string; formaction?: string; disabled?: boolean; 'aria-label'?: string; children?: Child }) {
  return (
    <button
      type="submit"
      class={`utrecht-button ${buttonClass[props.variant]}`}
      name={props.name}
      value={props.value}
      formaction={props.formaction}
      disabled={props.disabled ? true : undefined}
      aria-label={props['aria-label']}
    >
      {props.children}
    </button>
  );
}

/** A link that looks like a button. */
export function ButtonLink(props: { href: string; variant: ButtonVariant; children?: Child }) {
  return (
    <a class={`utrecht-button-link utrecht-button-link--html-a ${buttonLinkClass[props.variant]}`} href={props.href}>
      {props.children}
    </a>
  );
}

/** Buttons side by side, wrapping on narrow screens. */
export function ButtonGroup(props: { children?: Child }) {
  return <div class="utrecht-button-group">{props.children}</div>;
}

/**
 * A POST form with one submit button: logout, revoke, … `hiddenText` follows the label for
 * screen readers only, to say what the button acts on (in a table row: which row).
 */
export function ActionButton(props: {
  action: string;
  label: string;
  variant?: ButtonVariant;
  hidden?: Record<string, string>;
  hiddenText?: string;
  /** The form's layout class: inline in running text unless given (`mh-action-form` in table cells). */
  formClass?: string;
}) {
  return (
    <form method="post" action={props.action} class={props.formClass ?? 'mh-inline-form'}>
      {Object.entries(props.hidden ?? {}).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <Button variant={props.variant ?? 'secondary'}>
        {props.label}
        {props.hiddenText ? <span class="mh-visually-hidden">{props.hiddenText}</span> : null}
      </Button>
    </form>
  );
}

/** A form's submit row: one button in a button group. */
export function SubmitRow(props: { label: Child; variant?: ButtonVariant; disabled?: boolean }) {
  return (
    <ButtonGroup>
      <Button variant={props.variant ?? 'primary'} disabled={props.disabled}>
        {props.label}
      </Button>
    </ButtonGroup>
  );
}
