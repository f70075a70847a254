import type { Child } from 'hono/jsx';

export type ButtonVariant = 'primary' | 'secondary' | 'subtle';

/** An NL Design System (Utrecht) submit button. */
export function Button(props: { variant: ButtonVariant; name?: string; value?: string; disabled?: boolean; 'aria-label'?: string; children?: Child }) {
  return (
    <button
      type="submit"
      class={`utrecht-button utrecht-button--${props.variant}-action`}
      name={props.name}
      value={props.value}
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
    <a class={`utrecht-button-link utrecht-button-link--html-a utrecht-button-link--${props.variant}-action`} href={props.href}>
      {props.children}
    </a>
  );
}

/** Buttons side by side, wrapping on narrow screens; `class` adds a layout class (`mh-filter` in filter bars). */
export function ButtonGroup(props: { class?: string; children?: Child }) {
  return <div class={props.class ? `utrecht-button-group ${props.class}` : 'utrecht-button-group'}>{props.children}</div>;
}
