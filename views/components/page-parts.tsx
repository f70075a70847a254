import type { Child } from 'hono/jsx';

/** A page section with its heading: the section is labelled by the heading's `id`. `class` adds a layout class (`mh-panel` on the dashboard). */
export function Section(props: { id: string; title: Child; class?: string; children?: Child }) {
  return (
    <section class={props.class} aria-labelledby={props.id}>
      <h2 class="utrecht-heading-2" id={props.id}>
        {props.title}
      </h2>
      {props.children}
    </section>
  );
}

/** A paragraph holding one link: "back to …", "new …". */
export function LinkParagraph(props: { href: string; children?: Child }) {
  return (
    <p class="utrecht-paragraph">
      <a class="utrecht-link" href={props.href}>
        {props.children}
      </a>
    </p>
  );
}
