import { MessagePage, useCitizenTexts } from '../layout';

/** The page after a survey is sent: thanks, and where to read what was done with the answers. */
export function ThanksPage(props: { extra?: string[] }) {
  const t = useCitizenTexts();
  return (
    <MessagePage title={t.survey.thanksTitle} paragraphs={[t.survey.thanksBody, ...(props.extra ?? [])]}>
      <p class="utrecht-paragraph">
        {`${t.page.improvementsThanksLead} `}
        <a class="utrecht-link" href="/verbeteringen">
          {t.page.improvementsLink}
        </a>
      </p>
    </MessagePage>
  );
}
