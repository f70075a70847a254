import type { Journey, PanelMember, Study, User } from '../../src/db/schema';
import type { consentProof, memberExperience, MemberRow, PanelContact, studyParticipantsOf } from '../../src/panel/panel';
import { formatDateTime, nl } from '../../src/texts';
import { Button, SubmitRow } from '../components/button';
import { Notice, SelectField, TextAreaField, TextField } from '../components/form';
import { LinkParagraph } from '../components/page-parts';
import { MemberFilters, MemberTable, PanelLayout, StudyList, type FilterChoices, type FilterValues } from './workspace';

const t = nl.panel.staff;

/** GET /panel: the members found by the filters. */
export function MembersPage(props: {
  user: User;
  notice?: string;
  values: FilterValues;
  choices: FilterChoices;
  count: number;
  rows: MemberRow[];
  describe: (row: MemberRow) => string | null;
}) {
  return (
    <PanelLayout user={props.user} title={t.title}>
      {props.notice ? <Notice kind="ok">{props.notice}</Notice> : null}
      <p class="utrecht-paragraph">{t.intro}</p>
      <MemberFilters action="/panel" values={props.values} {...props.choices} />
      <h2 class="utrecht-heading-2" id="aantal" aria-live="polite">
        {t.count(props.count)}
      </h2>
      {props.rows.length ? <MemberTable rows={props.rows} describe={props.describe} /> : null}
    </PanelLayout>
  );
}

/** POST /panel/leden/:id/contact: one member's contact details (opening them is audited). */
export function ContactPage(props: { user: User; member: PanelMember; contact: PanelContact | null; experience: ReturnType<typeof memberExperience> }) {
  const { member, contact } = props;
  return (
    <PanelLayout user={props.user} title={t.contactTitle(member.id)}>
      <p class="utrecht-paragraph">{t.contactAudited}</p>
      <dl>
        <dt>{t.email}</dt>
        <dd>{contact?.email ?? t.none}</dd>
        <dt>{t.name}</dt>
        <dd>{contact?.name ?? t.none}</dd>
        <dt>{t.phone}</dt>
        <dd>{contact?.phone ?? t.none}</dd>
        <dt>{t.preferred}</dt>
        <dd>{contact?.preferredContact ?? t.none}</dd>
      </dl>
      <h2 class="utrecht-heading-2">{t.columns.experience}</h2>
      <ul>
        {props.experience.map((step) => (
          <li>{`${step.touchpoint}: ${step.feeling ?? 'n.v.t.'}`}</li>
        ))}
      </ul>
      <LinkParagraph href={`/panel/leden/${member.id}/toestemming`}>{t.proof}</LinkParagraph>
      {member.status === 'active' || member.status === 'pending' ? (
        <form method="post" action={`/panel/leden/${member.id}/intrekken`}>
          <Button variant="secondary">{t.withdrawOnRequest}</Button>
        </form>
      ) : null}
    </PanelLayout>
  );
}

/** GET /panel/leden/:id/toestemming: every consent event of a member, with the text shown. */
export function ConsentProofPage(props: { user: User; memberId: number; events: ReturnType<typeof consentProof> }) {
  return (
    <PanelLayout user={props.user} title={t.proofTitle(props.memberId)}>
      <ol>
        {props.events.map((event) => (
          <li>
            <p class="utrecht-paragraph">
              {`${formatDateTime(event.at)}: ${t.proofEvents[event.event]} (${t.proofBy(event.by)})${event.responseId ? `, ${t.fromResponse(event.responseId)}` : ''}`}
            </p>
            {event.hash ? (
              <>
                <p class="utrecht-paragraph">
                  {`${t.version}: ${event.version}. ${t.hash}: `}
                  <code class="mh-proof-hash">{event.hash}</code>
                </p>
                <p class="utrecht-paragraph">{t.proofText}:</p>
                <blockquote>
                  <pre class="mh-proof-text">{event.text}</pre>
                </blockquote>
              </>
            ) : null}
          </li>
        ))}
      </ol>
    </PanelLayout>
  );
}

/** GET/POST /panel/onderzoeken: the studies and the form for a new one. */
export function StudiesPage(props: { user: User; studies: Study[]; journeys: Journey[]; values: Record<string, string>; errors: Record<string, string> }) {
  const { values, errors } = props;
  return (
    <PanelLayout user={props.user} title={t.studies}>
      <StudyList studies={props.studies} />
      <h2 class="utrecht-heading-2">{t.newStudy}</h2>
      <form method="post" action="/panel/onderzoeken">
        <TextField name="title" label={t.studyTitle} value={values.title ?? ''} error={errors.title} />
        <TextAreaField name="purpose" label={t.studyPurpose} value={values.purpose ?? ''} error={errors.purpose} />
        <SelectField
          name="journey"
          label={t.studyJourney}
          value={values.journey}
          placeholder={t.anyJourney}
          options={props.journeys.map((journey) => ({ value: String(journey.id), label: journey.name }))}
        />
        <TextAreaField name="invitationText" label={t.studyInvitation} hint={t.studyInvitationHint} value={values.invitationText ?? ''} error={errors.invitationText} />
        <SubmitRow label={t.create} />
      </form>
    </PanelLayout>
  );
}

/** GET /panel/onderzoeken/:id: a study's participants, and members to invite. */
export function StudyPage(props: {
  user: User;
  study: Study;
  notice?: string;
  participants: ReturnType<typeof studyParticipantsOf>;
  values: FilterValues;
  choices: FilterChoices;
  rows: MemberRow[];
  describe: (row: MemberRow) => string | null;
}) {
  const { study } = props;
  return (
    <PanelLayout user={props.user} title={study.title}>
      {props.notice ? <Notice kind="ok">{props.notice}</Notice> : null}
      <p class="utrecht-paragraph">{study.purpose}</p>
      <h2 class="utrecht-heading-2">{t.participants}</h2>
      {props.participants.length === 0 ? (
        <p class="utrecht-paragraph">{t.noParticipants}</p>
      ) : (
        <ul>
          {props.participants.map((p) => (
            <li>
              {`${t.member(p.memberId)}: ${t.statuses[p.status]}`}
              {p.status === 'accepted' ? (
                <form method="post" action={`/panel/onderzoeken/${study.id}/deelnemers/${p.id}`} class="mh-inline-form">
                  <Button variant="subtle" aria-label={`${t.markInterviewed}: ${t.member(p.memberId)}`}>
                    {t.markInterviewed}
                  </Button>
                </form>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <LinkParagraph href={`/panel/onderzoeken/${study.id}/export.csv`}>{t.export}</LinkParagraph>
      <h2 class="utrecht-heading-2">{t.select}</h2>
      <p class="utrecht-paragraph">{t.selectHint}</p>
      <MemberFilters action={`/panel/onderzoeken/${study.id}`} values={props.values} {...props.choices} />
      <h3 class="utrecht-heading-3">{t.count(props.rows.length)}</h3>
      <form method="post" action={`/panel/onderzoeken/${study.id}/uitnodigen`} id="uitnodigen">
        <SubmitRow label={t.invite} />
      </form>
      {props.rows.length ? <MemberTable rows={props.rows} selectable describe={props.describe} /> : null}
    </PanelLayout>
  );
}
