import { eq } from 'drizzle-orm';
import { Hono, type Context } from 'hono';
import { MessagePage } from '../../views/layout';
import { MemberFilters, MemberTable, PanelLayout, StudyList, type FilterValues } from '../../views/panel/workspace';
import type { AppDeps } from '../app';
import { journeys, participantStatuses, touchpoints } from '../db/schema';
import type { AppEnv } from '../http/env';
import { dayParam, idParam, str } from '../http/params';
import { staffRouter, type StaffContext } from '../http/staff';
import { listJourneys } from '../journeys/journeys';
import { formatDate, formatDateTime, nl } from '../texts';
import { consentText } from './consent-text';
import {
  acceptedParticipants,
  answerStudy,
  confirmMembership,
  consentProof,
  countMembers,
  createStudy,
  describeBlock,
  findLink,
  findMember,
  findStudy,
  inviteToStudy,
  listMembers,
  listStudies,
  markInterviewed,
  memberExperience,
  readContact,
  renewConsent,
  studyForLink,
  studyParticipantsOf,
  withdrawByLink,
  withdrawMember,
  type MemberFilter,
} from './panel';
import { Button, ButtonGroup } from '../../views/components/button';
import { Notice, SelectField, TextAreaField, TextField } from '../../views/components/form';

const t = nl.panel.staff;
const c_ = nl.panel.citizen;

type PanelRouteDeps = Pick<AppDeps, 'db' | 'clock' | 'config' | 'dataKey' | 'onMailQueued'>;


function readFilter(query: Record<string, string>): { filter: MemberFilter; values: FilterValues } {
  const values: FilterValues = {
    journey: query.journey ?? '',
    touchpoint: query.touchpoint ?? '',
    feeling: ['negative', 'neutral', 'positive'].includes(query.feeling ?? '') ? query.feeling! : '',
    segment: (query.segment ?? '').slice(0, 100),
    consentFrom: query.consentFrom ?? '',
    consentTo: query.consentTo ?? '',
    lastContactBefore: query.lastContactBefore ?? '',
  };
  const [segmentKey, ...rest] = values.segment.split('=');
  return {
    values,
    filter: {
      journeyId: idParam(values.journey),
      touchpointId: idParam(values.touchpoint),
      feeling: (values.feeling || undefined) as MemberFilter['feeling'],
      segmentKey: rest.length ? segmentKey!.trim() : undefined,
      segmentValue: rest.length ? rest.join('=').trim() : undefined,
      consentFrom: dayParam(values.consentFrom),
      consentTo: dayParam(values.consentTo),
      lastContactBefore: dayParam(values.lastContactBefore),
    },
  };
}

/** GET/POST /burgerpanel/* — the citizen's links from panel mails. GET only asks; POST acts (link scanners change nothing). */
export function citizenPanelRoutes(deps: PanelRouteDeps) {
  const { db } = deps;
  const app = new Hono<AppEnv>();
  const message = (c: Context, title: string, body: string, status: 200 | 404 | 410 = 200) =>
    c.render(<MessagePage title={title} paragraphs={[body]} />, { status });
  const ask = (c: Context, title: string, paragraphs: string[], action: string, button: string, hidden: Record<string, string> = {}) =>
    c.render(<MessagePage title={title} paragraphs={paragraphs}>
        <form method="post" action={action}>
          {Object.entries(hidden).map(([name, value]) => (
            <input type="hidden" name={name} value={value} />
          ))}
          <ButtonGroup>
            <Button variant="primary">
              {button}
            </Button>
          </ButtonGroup>
        </form>
      </MessagePage>);
  const notFound = (c: Context) => message(c, c_.notFoundTitle, c_.notFoundBody, 404);

  app.get('/bevestigen/:token', (c) => {
    const found = findLink(db, c.req.param('token'));
    if (!found || found.link.purpose !== 'confirm') return notFound(c);
    return ask(c, c_.confirmTitle, [c_.confirmBody], `/burgerpanel/bevestigen/${c.req.param('token')}`, c_.confirmButton);
  });
  app.post('/bevestigen/:token', (c) => {
    const outcome = confirmMembership(db, deps, c.req.param('token'));
    if (outcome.state === 'confirmed') return message(c, c_.confirmedTitle, c_.confirmedBody(formatDate(outcome.until)));
    if (outcome.state === 'unknown') return notFound(c);
    if (outcome.state === 'expired') return message(c, c_.confirmExpiredTitle, c_.confirmExpiredBody, 410);
    return message(c, c_.endedTitle, c_.endedBody, 410);
  });

  app.get('/afmelden/:token', (c) => {
    const found = findLink(db, c.req.param('token'));
    if (!found) return notFound(c);
    if (found.member.status !== 'pending' && found.member.status !== 'active') return message(c, c_.endedTitle, c_.endedBody);
    return ask(c, c_.withdrawTitle, [c_.withdrawBody], `/burgerpanel/afmelden/${c.req.param('token')}`, c_.withdrawButton);
  });
  // Also the RFC 8058 one-click POST from a mail client.
  app.post('/afmelden/:token', (c) => {
    if (withdrawByLink(db, deps, c.req.param('token')) === 'unknown') return notFound(c);
    return message(c, c_.withdrawnTitle, c_.withdrawnBody);
  });

  app.get('/verlengen/:token', (c) => {
    const found = findLink(db, c.req.param('token'));
    if (!found || found.link.purpose !== 'renew') return notFound(c);
    return ask(c, c_.renewTitle, consentText(deps.config).paragraphs, `/burgerpanel/verlengen/${c.req.param('token')}`, c_.renewButton);
  });
  app.post('/verlengen/:token', (c) => {
    const outcome = renewConsent(db, deps, c.req.param('token'));
    if (outcome.state === 'unknown') return notFound(c);
    if (outcome.state === 'ended') return message(c, c_.endedTitle, c_.endedBody, 410);
    return message(c, c_.renewedTitle, c_.confirmedBody(formatDate((outcome as { until: Date }).until)));
  });

  app.get('/onderzoek/:token', (c) => {
    const found = studyForLink(db, c.req.param('token'));
    if (!found) return notFound(c);
    if (found.member.status !== 'active') return message(c, c_.endedTitle, c_.endedBody);
    if (found.participant.status !== 'invited' && found.participant.status !== 'no-answer') return message(c, c_.studyClosedTitle, c_.studyClosedBody);
    const action = `/burgerpanel/onderzoek/${c.req.param('token')}`;
    const choice = c.req.query('antwoord');
    return c.render(<MessagePage title={c_.studyTitle(found.study.title)} paragraphs={[found.study.invitationText, c_.studyQuestion]}>
        <ButtonGroup>
          {(['ja', 'nee'] as const).map((answer) => (
            <form method="post" action={action} class="mh-inline-form">
              <input type="hidden" name="antwoord" value={answer} />
              <Button variant={choice === answer || (!choice && answer === 'ja') ? 'primary' : 'secondary'}>
                {answer === 'ja' ? c_.studyYes : c_.studyNo}
              </Button>
            </form>
          ))}
        </ButtonGroup>
      </MessagePage>);
  });
  app.post('/onderzoek/:token', async (c) => {
    const body = await c.req.parseBody();
    if (body.antwoord !== 'ja' && body.antwoord !== 'nee') return notFound(c);
    const outcome = answerStudy(db, deps, c.req.param('token'), body.antwoord === 'ja');
    if (outcome === 'unknown') return notFound(c);
    if (outcome === 'closed') return message(c, c_.studyClosedTitle, c_.studyClosedBody);
    return outcome === 'accepted' ? message(c, c_.studyYesTitle, c_.studyYesBody) : message(c, c_.studyNoTitle, c_.studyNoBody);
  });
  return app;
}

/** /panel — the researchers' workspace (role researcher only; see src/auth/access.ts). */
export function researcherPanelRoutes(deps: PanelRouteDeps) {
  const { db, clock, config } = deps;
  const app = staffRouter();
  const describe = (row: { block: Parameters<typeof describeBlock>[0] | null }) => (row.block ? describeBlock(row.block, config) : null);
  const filterChoices = () => ({
    journeys: listJourneys(db),
    touchpoints: db
      .select({ tp: touchpoints, journeyName: journeys.name })
      .from(touchpoints)
      .innerJoin(journeys, eq(journeys.id, touchpoints.journeyId))
      .orderBy(journeys.name, touchpoints.position)
      .all()
      .map(({ tp, journeyName }) => ({ ...tp, journeyName })),
  });

  const memberOf = (c: StaffContext) => {
    const id = idParam(c.req.param('id'));
    return id === undefined ? undefined : findMember(db, id);
  };
  const studyOf = (c: StaffContext) => {
    const id = idParam(c.req.param('id'));
    return id === undefined ? undefined : findStudy(db, id);
  };

  app.get('/', (c) => {
    const { filter, values } = readFilter(c.req.query());
    const count = countMembers(db, filter);
    const rows = listMembers(db, deps, filter);
    const notice = c.req.query('melding');
    return c.render(<PanelLayout user={c.var.user} title={t.title}>
        {notice === 'ingetrokken' ? <Notice kind="ok">{t.withdrawnDone(Number(c.req.query('lid')))}</Notice> : null}
        <p class="utrecht-paragraph">{t.intro}</p>
        <MemberFilters action="/panel" values={values} {...filterChoices()} />
        <h2 class="utrecht-heading-2" id="aantal" aria-live="polite">
          {t.count(count)}
        </h2>
        {rows.length ? <MemberTable rows={rows} describe={describe} /> : null}
      </PanelLayout>);
  });

  app.post('/leden/:id/contact', (c) => {
    const member = memberOf(c);
    if (!member) return c.var.notFound();
    const contact = readContact(deps, member);
    c.var.audit({ action: 'panel.contact.opened', object: `panel-member:${member.id}`, result: 'success', details: { status: member.status } });
    const experience = memberExperience(db, member.responseId);
    return c.render(<PanelLayout user={c.var.user} title={t.contactTitle(member.id)}>
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
          {experience.map((step) => (
            <li>{`${step.touchpoint}: ${step.feeling ?? 'n.v.t.'}`}</li>
          ))}
        </ul>
        <p class="utrecht-paragraph">
          <a class="utrecht-link" href={`/panel/leden/${member.id}/toestemming`}>
            {t.proof}
          </a>
        </p>
        {member.status === 'active' || member.status === 'pending' ? (
          <form method="post" action={`/panel/leden/${member.id}/intrekken`}>
            <Button variant="secondary">
              {t.withdrawOnRequest}
            </Button>
          </form>
        ) : null}
      </PanelLayout>);
  });

  app.get('/leden/:id/toestemming', (c) => {
    const member = memberOf(c);
    if (!member) return c.var.notFound();
    c.var.audit({ action: 'panel.consent-proof.viewed', object: `panel-member:${member.id}`, result: 'success' });
    return c.render(<PanelLayout user={c.var.user} title={t.proofTitle(member.id)}>
        <ol>
          {consentProof(db, member.id).map((event) => (
            <li>
              <p class="utrecht-paragraph">
                {`${formatDateTime(event.at)}: ${t.proofEvents[event.event]} (${event.by})${event.responseId ? `, ${t.fromResponse(event.responseId)}` : ''}`}
              </p>
              {event.hash ? (
                <>
                  <p class="utrecht-paragraph">{`${t.version}: ${event.version}. ${t.hash}: `}<code>{event.hash}</code></p>
                  <p class="utrecht-paragraph">{t.proofText}:</p>
                  <blockquote class="mh-consent-proof">
                    <pre>{event.text}</pre>
                  </blockquote>
                </>
              ) : null}
            </li>
          ))}
        </ol>
      </PanelLayout>);
  });

  app.post('/leden/:id/intrekken', (c) => {
    const member = memberOf(c);
    if (!member) return c.var.notFound();
    const done = withdrawMember(db, deps, member.id, `researcher:${c.var.user.id}`);
    if (done) c.var.audit({ action: 'panel.member.withdrawn', object: `panel-member:${member.id}`, result: 'success' });
    return c.redirect(`/panel?melding=ingetrokken&lid=${member.id}`, 303);
  });

  const studiesPage = (c: StaffContext, values: Record<string, string> = {}, errors: Record<string, string> = {}) =>
    c.render(<PanelLayout user={c.var.user} title={t.studies}>
        <StudyList studies={listStudies(db)} />
        <h2 class="utrecht-heading-2">{t.newStudy}</h2>
        <form method="post" action="/panel/onderzoeken">
          <TextField name="title" label={t.studyTitle} value={values.title ?? ''} error={errors.title} />
          <TextAreaField name="purpose" label={t.studyPurpose} value={values.purpose ?? ''} error={errors.purpose} />
          <SelectField
            name="journey"
            label={t.studyJourney}
            value={values.journey}
            placeholder={t.anyJourney}
            options={listJourneys(db).map((journey) => ({ value: String(journey.id), label: journey.name }))}
          />
          <TextAreaField name="invitationText" label={t.studyInvitation} hint={t.studyInvitationHint} value={values.invitationText ?? ''} error={errors.invitationText} />
          <ButtonGroup>
            <Button variant="primary">
              {t.create}
            </Button>
          </ButtonGroup>
        </form>
      </PanelLayout>, { status: Object.keys(errors).length ? 422 : 200 });

  app.get('/onderzoeken', (c) => studiesPage(c));
  app.post('/onderzoeken', async (c) => {
    const body = await c.req.parseBody();
    const values: Record<string, string> = {};
    for (const field of ['title', 'purpose', 'journey', 'invitationText']) values[field] = str(body[field]).trim();
    const errors: Record<string, string> = {};
    for (const field of ['title', 'purpose', 'invitationText']) {
      if (!values[field]) errors[field] = t.errors.required;
      else if (values[field]!.length > 4000) errors[field] = t.errors.tooLong;
    }
    if (Object.keys(errors).length) return studiesPage(c, values, errors);
    const study = createStudy(db, clock.now(), {
      title: values.title!,
      purpose: values.purpose!,
      journeyId: idParam(values.journey) ?? null,
      invitationText: values.invitationText!,
      createdBy: c.var.user.id,
    });
    c.var.audit({ action: 'panel.study.created', object: `study:${study.id}`, result: 'success' });
    return c.redirect(`/panel/onderzoeken/${study.id}`, 303);
  });

  app.get('/onderzoeken/:id', (c) => {
    const study = studyOf(c);
    if (!study) return c.var.notFound();
    const query = c.req.query();
    const { filter, values } = readFilter({ journey: study.journeyId ? String(study.journeyId) : '', ...query });
    const participants = studyParticipantsOf(db, study.id);
    const invitedIds = new Set(participants.map((p) => p.memberId));
    const rows = listMembers(db, deps, filter).map((row) => (invitedIds.has(row.id) ? { ...row, block: null, alreadyInvited: true } : { ...row, alreadyInvited: false }));
    const outcome = query.uitgenodigd !== undefined ? t.invited(Number(query.uitgenodigd), Number(query.overgeslagen ?? 0)) : null;
    return c.render(<PanelLayout user={c.var.user} title={study.title}>
        {outcome ? <Notice kind="ok">{outcome}</Notice> : null}
        <p class="utrecht-paragraph">{study.purpose}</p>
        <h2 class="utrecht-heading-2">{t.participants}</h2>
        {participants.length === 0 ? (
          <p class="utrecht-paragraph">{t.noParticipants}</p>
        ) : (
          <ul>
            {participants.map((p) => (
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
        <p class="utrecht-paragraph">
          <a class="utrecht-link" href={`/panel/onderzoeken/${study.id}/export.csv`}>
            {t.export}
          </a>
        </p>
        <h2 class="utrecht-heading-2">{t.select}</h2>
        <p class="utrecht-paragraph">{t.selectHint}</p>
        <MemberFilters action={`/panel/onderzoeken/${study.id}`} values={values} {...filterChoices()} />
        <h3 class="utrecht-heading-3">{t.count(rows.length)}</h3>
        <form method="post" action={`/panel/onderzoeken/${study.id}/uitnodigen`} id="uitnodigen">
          <ButtonGroup>
            <Button variant="primary">
              {t.invite}
            </Button>
          </ButtonGroup>
        </form>
        {rows.length ? (
          <MemberTable rows={rows} selectable describe={(row) => ((row as { alreadyInvited?: boolean }).alreadyInvited ? t.blocked.alreadyInStudy : describe(row))} />
        ) : null}
      </PanelLayout>);
  });

  app.post('/onderzoeken/:id/uitnodigen', async (c) => {
    const study = studyOf(c);
    if (!study) return c.var.notFound();
    const body = await c.req.parseBody({ all: true });
    const raw = body.member;
    const memberIds = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).map((v) => idParam(str(v))).filter((v): v is number => v !== undefined);
    const outcome = inviteToStudy(db, deps, study.id, memberIds);
    c.var.audit({ action: 'panel.study.invited', object: `study:${study.id}`, result: 'success', details: { invited: outcome.invited.length, skipped: outcome.skipped.length } });
    if (outcome.invited.length) deps.onMailQueued?.();
    return c.redirect(`/panel/onderzoeken/${study.id}?uitgenodigd=${outcome.invited.length}&overgeslagen=${outcome.skipped.length}`, 303);
  });

  app.post('/onderzoeken/:id/deelnemers/:pid', (c) => {
    const studyId = idParam(c.req.param('id'));
    const participantId = idParam(c.req.param('pid'));
    if (studyId === undefined || participantId === undefined || !markInterviewed(db, studyId, participantId)) return c.var.notFound();
    c.var.audit({ action: 'panel.participant.interviewed', object: `study:${studyId}`, result: 'success', details: { participant: participantId } });
    return c.redirect(`/panel/onderzoeken/${studyId}`, 303);
  });

  app.get('/onderzoeken/:id/export.csv', (c) => {
    const study = studyOf(c);
    if (!study) return c.var.notFound();
    const rows = acceptedParticipants(db, deps, study.id);
    c.var.audit({ action: 'panel.study.exported', object: `study:${study.id}`, result: 'success', details: { rows: rows.length } });
    const cell = (value: string | null) => {
      const text = value ?? '';
      // Quote every cell; neutralise formula injection in spreadsheet programs.
      return `"${(/^[=+\-@\t\r]/.test(text) ? `'${text}` : text).replace(/"/g, '""')}"`;
    };
    const lines = [
      ['lid', 'status', 'naam', 'e-mail', 'telefoon', 'voorkeur', 'geantwoord'].map(cell).join(','),
      ...rows.map((row) =>
        [String(row.memberId), row.status, row.contact.name, row.contact.email, row.contact.phone, row.contact.preferredContact, row.answeredAt?.toISOString() ?? null].map(cell).join(','),
      ),
    ];
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="onderzoek-${study.id}-deelnemers.csv"`);
    c.header('Cache-Control', 'no-store');
    return c.body(`${lines.join('\r\n')}\r\n`);
  });

  return app;
}

export { participantStatuses };
