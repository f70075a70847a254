import { nl } from '../../src/texts';
import { MessagePage } from '../layout';

/** The page after a survey is sent: thanks, and where to read what was done with the answers. */
export function ThanksPage(props: { extra?: string[] }) {
  return (
    <MessagePage title={nl.survey.thanksTitle} paragraphs={[nl.survey.thanksBody, ...(props.extra ?? [])]}>
      <p class="utrecht-paragraph">
        {`${nl.improvements.thanksLead} `}
        <a class="utrecht-link" href="/verbeteringen">
          {nl.improvements.link}
        </a>
      </p>
    </MessagePage>
  );
}
