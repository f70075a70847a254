import type { StatementSection } from '../../src/texts';
import { Layout } from '../layout';
import { Section } from '../components/page-parts';

/** /privacy and /toegankelijkheid: a heading and sections of paragraphs, lists and links. */
export function StatementPage(props: { title: string; sections: StatementSection[] }) {
  return (
    <Layout title={props.title}>
      <h1 class="utrecht-heading-1">{props.title}</h1>
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
    </Layout>
  );
}
