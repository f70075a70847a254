import type { StatementSection } from '../../src/texts';
import { Layout } from '../layout';
import { Section } from '../components/page-parts';

/**
 * /privacy and /toegankelijkheid: a heading and sections of paragraphs, lists and links. A short
 * version in another language says so in `lead` and ends with the link to the `full` Dutch statement.
 */
export function StatementPage(props: { title: string; sections: StatementSection[]; lead?: string; full?: { label: string; href: string } }) {
  return (
    <Layout title={props.title}>
      <h1 class="utrecht-heading-1">{props.title}</h1>
      {props.lead ? <p class="utrecht-paragraph utrecht-paragraph--lead">{props.lead}</p> : null}
      {props.sections.map((section, index) => (
        <Section id={section.id ?? `deel-${index + 1}`} title={section.heading}>
          {section.paragraphs.map((paragraph) => (
            <p class="utrecht-paragraph">{paragraph}</p>
          ))}
          {section.items ? (
            <ul class="utrecht-unordered-list">
              {section.items.map((item) => (
                <li class="utrecht-unordered-list__item">{item}</li>
              ))}
            </ul>
          ) : null}
          {(section.links ?? []).map((link) => (
            <p class="utrecht-paragraph">
              <a class="utrecht-link" href={link.href} rel="external noreferrer">
                {link.label}
              </a>
            </p>
          ))}
        </Section>
      ))}
      {props.full ? (
        <p class="utrecht-paragraph">
          <a class="utrecht-link" href={props.full.href} hreflang="nl" data-full-statement>
            {props.full.label}
          </a>
        </p>
      ) : null}
    </Layout>
  );
}
