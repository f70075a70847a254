import type { Child } from 'hono/jsx';

/**
 * A page section with its heading: the section is labelled by the heading's `id`. `class` adds a
 * layout class (`mh-panel` on the dashboard); `sectionId` names the section itself (a link target
 * or a contract such as `waar-nu-eerst`); `level` 3 for a section inside another.
 */
export function Section(props: { id: string; title: Child; class?: string; sectionId?: string; level?: 2 | 3; children?: Child }) {
  const Heading = props.level === 3 ? 'h3' : 'h2';
  return (
    <section id={props.sectionId} class={props.class} aria-labelledby={props.id}>
      <Heading class={props.level === 3 ? 'utrecht-heading-3' : 'utrecht-heading-2'} id={props.id}>
        {props.title}
      </Heading>
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

/** "Vorige · Pagina 2 · Volgende" under a long list; a link is left out where there is no such page. */
export function Pagination(props: {
  label: string;
  status: Child;
  previous?: { href: string; label: string };
  next?: { href: string; label: string };
}) {
  return (
    <nav class="utrecht-pagination mh-pagination" aria-label={props.label}>
      {props.previous ? (
        <a class="utrecht-link utrecht-pagination__relative-link utrecht-pagination__relative-link--prev" href={props.previous.href} rel="prev">
          {props.previous.label}
        </a>
      ) : null}
      <span>{props.status}</span>
      {props.next ? (
        <a class="utrecht-link utrecht-pagination__relative-link utrecht-pagination__relative-link--next" href={props.next.href} rel="next">
          {props.next.label}
        </a>
      ) : null}
    </nav>
  );
}
