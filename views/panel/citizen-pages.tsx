import { Button, ButtonGroup, SubmitRow } from '../components/button';
import { MessagePage, useCitizenTexts } from '../layout';

/** A panel link's question (confirm, withdraw, renew): GET only asks, the button posts. */
export function PanelQuestionPage(props: { title: string; paragraphs: string[]; action: string; button: string }) {
  return (
    <MessagePage title={props.title} paragraphs={props.paragraphs}>
      <form method="post" action={props.action}>
        <SubmitRow label={props.button} />
      </form>
    </MessagePage>
  );
}

/** A study invitation: yes or no, each its own form; `choice` (from the mail's link) is the primary button. */
export function StudyInvitationPage(props: { studyTitle: string; invitationText: string; action: string; choice?: string }) {
  const c = useCitizenTexts().panel.pages;
  return (
    <MessagePage title={c.studyTitle(props.studyTitle)} paragraphs={[props.invitationText, c.studyQuestion]}>
      <ButtonGroup>
        {(['ja', 'nee'] as const).map((answer) => (
          <form method="post" action={props.action} class="mh-inline-form">
            <input type="hidden" name="antwoord" value={answer} />
            <Button variant={props.choice === answer || (!props.choice && answer === 'ja') ? 'primary' : 'secondary'}>{answer === 'ja' ? c.studyYes : c.studyNo}</Button>
          </form>
        ))}
      </ButtonGroup>
    </MessagePage>
  );
}
