import { Hono, type Context } from 'hono';
import { MessagePage } from '../../views/layout';
import { PanelQuestionPage, StudyInvitationPage } from '../../views/panel/citizen-pages';
import { ConsentProofPage, ContactPage, MembersPage, StudiesPage, StudyPage } from '../../views/panel/researcher-pages';
import type { FilterValues } from '../../views/panel/workspace';
import type { AppDeps } from '../app';
import type { AppEnv } from '../http/env';
import { dayParam, idParam, str } from '../http/params';
import { staffRouter, type StaffContext } from '../http/staff';
import { listJourneys } from '../journeys/journeys';
import { nl } from '../texts';
import { pageLanguage, type PageLanguage } from '../http/citizen-language';
import { participantsCsv } from './export';
import { memberFilterChoices } from './member-filter';
import {
  acceptedParticipants,
  answerStudy,
  confirmMembership,
  consentProof,
  consentTextFor,
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
import { readForm } from '../http/form-body';

const t = nl.panel.staff;

type PanelRouteDeps = Pick<AppDeps, 'db' | 'clock' | 'config' | 'dataKey' | 'mail' | 'onMailQueued'>;


function readFilter(query: Record<string, string>, organisationId: number): { filter: MemberFilter; values: FilterValues } {
  const values: FilterValues = {
    journey: query.journey ?? '',
    touchpoint: query.touchpoint ?? '',
    feeling: ['negative', 'neutral', 'positive'].includes(query.feeling ?? '') ? query.feeling! : '',
    segment: (query.segment ?? '').slice(0, 100),
    consentFrom: query.consentFrom ?? '',
    consentTo: query.consentTo ?? '',
    lastContactBefore: query.lastContactBefore ?? '',
  };
  // "key:value" from the choice list; "key=value" from links made before it.
  const separator = values.segment.search(/[:=]/);
  const segmentKey = separator > 0 ? values.segment.slice(0, separator).trim() : undefined;
  const segmentValue = separator > 0 ? values.segment.slice(separator + 1).trim() : undefined;
  return {
    values,
    filter: {
      organisationId,
      journeyId: idParam(values.journey),
      touchpointId: idParam(values.touchpoint),
      feeling: (values.feeling || undefined) as MemberFilter['feeling'],
      segmentKey,
      segmentValue,
      consentFrom: dayParam(values.consentFrom),
      consentTo: dayParam(values.consentTo),
      lastContactBefore: dayParam(values.lastContactBefore),
    },
  };
}

/**
 * GET/POST /burgerpanel/* — the citizen's links from panel mails, in the member's language
 * (`?taal=` switches). GET only asks; POST acts (link scanners change nothing).
 */
export function citizenPanelRoutes(deps: PanelRouteDeps) {
  const { db } = deps;
  const app = new Hono<AppEnv>();
  // The member is looked up before acting: ending a membership voids its links.
  const languageOf = (c: Context, member: { language: string } | undefined) => pageLanguage(c, deps.config, member?.language);
  const message = (c: Context, lang: PageLanguage, title: string, body: string, status: 200 | 404 | 410 = 200) =>
    c.render(lang.render(<MessagePage title={title} paragraphs={[body]} />), { status });
  const ask = (c: Context, lang: PageLanguage, title: string, paragraphs: string[], action: string, button: string) =>
    c.render(lang.render(<PanelQuestionPage title={title} paragraphs={paragraphs} action={lang.keep(action)} button={button} />, true));
  const pages = (lang: PageLanguage) => lang.language.texts.panel.pages;
  const notFound = (c: Context, lang: PageLanguage) => message(c, lang, pages(lang).notFoundTitle, pages(lang).notFoundBody, 404);
  const ended = (c: Context, lang: PageLanguage, status: 200 | 410 = 200) => message(c, lang, pages(lang).endedTitle, pages(lang).endedBody, status);

  app.get('/bevestigen/:token', (c) => {
    const found = findLink(db, c.req.param('token'));
    const lang = languageOf(c, found?.member);
    if (!found || found.link.purpose !== 'confirm') return notFound(c, lang);
    const t = pages(lang);
    return ask(c, lang, t.confirmTitle, [t.confirmBody], `/burgerpanel/bevestigen/${c.req.param('token')}`, t.confirmButton);
  });
  app.post('/bevestigen/:token', (c) => {
    const lang = languageOf(c, findLink(db, c.req.param('token'))?.member);
    const t = pages(lang);
    const outcome = confirmMembership(db, deps, c.req.param('token'));
    if (outcome.state === 'confirmed') return message(c, lang, t.confirmedTitle, t.confirmedBody(lang.language.texts.date(outcome.until)));
    if (outcome.state === 'unknown') return notFound(c, lang);
    if (outcome.state === 'expired') return message(c, lang, t.confirmExpiredTitle, t.confirmExpiredBody, 410);
    return ended(c, lang, 410);
  });

  app.get('/afmelden/:token', (c) => {
    const found = findLink(db, c.req.param('token'));
    const lang = languageOf(c, found?.member);
    if (!found) return notFound(c, lang);
    if (found.member.status !== 'pending' && found.member.status !== 'active') return ended(c, lang);
    const t = pages(lang);
    return ask(c, lang, t.withdrawTitle, [t.withdrawBody], `/burgerpanel/afmelden/${c.req.param('token')}`, t.withdrawButton);
  });
  // Also the RFC 8058 one-click POST from a mail client.
  app.post('/afmelden/:token', (c) => {
    const lang = languageOf(c, findLink(db, c.req.param('token'))?.member);
    if (withdrawByLink(db, deps, c.req.param('token')) === 'unknown') return notFound(c, lang);
    return message(c, lang, pages(lang).withdrawnTitle, pages(lang).withdrawnBody);
  });

  app.get('/verlengen/:token', (c) => {
    const found = findLink(db, c.req.param('token'));
    const lang = languageOf(c, found?.member);
    if (!found || found.link.purpose !== 'renew') return notFound(c, lang);
    const t = pages(lang);
    return ask(c, lang, t.renewTitle, consentTextFor(db, deps, found.member.organisationId, lang.language).paragraphs, `/burgerpanel/verlengen/${c.req.param('token')}`, t.renewButton);
  });
  app.post('/verlengen/:token', (c) => {
    const lang = languageOf(c, findLink(db, c.req.param('token'))?.member);
    // The proof is the text on the renewal page, in the language it was shown in.
    const outcome = renewConsent(db, deps, c.req.param('token'), lang.language);
    if (outcome.state !== 'renewed') return outcome.state === 'unknown' ? notFound(c, lang) : ended(c, lang, 410);
    return message(c, lang, pages(lang).renewedTitle, pages(lang).confirmedBody(lang.language.texts.date(outcome.until)));
  });

  app.get('/onderzoek/:token', (c) => {
    const found = studyForLink(db, c.req.param('token'));
    const lang = languageOf(c, found?.member);
    if (!found) return notFound(c, lang);
    if (found.member.status !== 'active') return ended(c, lang);
    const t = pages(lang);
    if (found.participant.status !== 'invited' && found.participant.status !== 'no-answer') return message(c, lang, t.studyClosedTitle, t.studyClosedBody);
    return c.render(
      lang.render(
        <StudyInvitationPage
          studyTitle={found.study.title}
          invitationText={found.study.invitationText}
          action={lang.keep(`/burgerpanel/onderzoek/${c.req.param('token')}`)}
          choice={c.req.query('antwoord')}
        />,
        true,
      ),
    );
  });
  app.post('/onderzoek/:token', async (c) => {
    const lang = languageOf(c, studyForLink(db, c.req.param('token'))?.member);
    const t = pages(lang);
    const body = await readForm(c);
    if (body.antwoord !== 'ja' && body.antwoord !== 'nee') return notFound(c, lang);
    const outcome = answerStudy(db, deps, c.req.param('token'), body.antwoord === 'ja');
    if (outcome === 'unknown') return notFound(c, lang);
    if (outcome === 'closed') return message(c, lang, t.studyClosedTitle, t.studyClosedBody);
    return outcome === 'accepted' ? message(c, lang, t.studyYesTitle, t.studyYesBody) : message(c, lang, t.studyNoTitle, t.studyNoBody);
  });
  return app;
}

/** /panel — the researchers' workspace (role researcher only; see src/auth/access.ts). */
export function researcherPanelRoutes(deps: PanelRouteDeps) {
  const { db, clock, config } = deps;
  const app = staffRouter();
  const describe = (row: { block: Parameters<typeof describeBlock>[0] | null }) => (row.block ? describeBlock(row.block, config) : null);
  const memberOf = (c: StaffContext) => {
    const id = idParam(c.req.param('id'));
    return id === undefined ? undefined : findMember(db, id, c.var.user.organisationId);
  };
  // A study's journey must be one of the organisation's own; anything else is left out.
  const ownJourneyId = (c: StaffContext, value: string | undefined) => {
    const id = idParam(value);
    return id !== undefined && listJourneys(db, c.var.user.organisationId).some((journey) => journey.id === id) ? id : null;
  };
  const studyOf = (c: StaffContext) => {
    const id = idParam(c.req.param('id'));
    return id === undefined ? undefined : findStudy(db, id, c.var.user.organisationId);
  };

  app.get('/', (c) => {
    const { filter, values } = readFilter(c.req.query(), c.var.user.organisationId);
    const count = countMembers(db, filter);
    const rows = listMembers(db, deps, filter);
    const notice = c.req.query('melding') === 'ingetrokken' ? t.withdrawnDone(Number(c.req.query('lid'))) : undefined;
    return c.render(
      <MembersPage user={c.var.user} notice={notice} values={values} choices={memberFilterChoices(db, c.var.user.organisationId)} count={count} rows={rows} describe={describe} />,
    );
  });

  app.post('/leden/:id/contact', (c) => {
    const member = memberOf(c);
    if (!member) return c.var.notFound();
    const contact = readContact(deps, member);
    c.var.audit({ action: 'panel.contact.opened', object: `panel-member:${member.id}`, result: 'success', details: { status: member.status } });
    return c.render(<ContactPage user={c.var.user} member={member} contact={contact} experience={memberExperience(db, member.responseId)} />);
  });

  app.get('/leden/:id/toestemming', (c) => {
    const member = memberOf(c);
    if (!member) return c.var.notFound();
    c.var.audit({ action: 'panel.consent-proof.viewed', object: `panel-member:${member.id}`, result: 'success' });
    return c.render(<ConsentProofPage user={c.var.user} memberId={member.id} events={consentProof(db, member.id)} />);
  });

  app.post('/leden/:id/intrekken', (c) => {
    const member = memberOf(c);
    if (!member) return c.var.notFound();
    const done = withdrawMember(db, deps, member.id, `researcher:${c.var.user.id}`);
    if (done) c.var.audit({ action: 'panel.member.withdrawn', object: `panel-member:${member.id}`, result: 'success' });
    return c.redirect(`/panel?melding=ingetrokken&lid=${member.id}`, 303);
  });

  const studiesPage = (c: StaffContext, values: Record<string, string> = {}, errors: Record<string, string> = {}) =>
    c.render(<StudiesPage user={c.var.user} studies={listStudies(db, c.var.user.organisationId)} journeys={listJourneys(db, c.var.user.organisationId)} values={values} errors={errors} />, {
      status: Object.keys(errors).length ? 422 : 200,
    });

  app.get('/onderzoeken', (c) => studiesPage(c));
  app.post('/onderzoeken', async (c) => {
    const body = await readForm(c);
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
      journeyId: ownJourneyId(c, values.journey),
      invitationText: values.invitationText!,
      createdBy: c.var.user.id,
      organisationId: c.var.user.organisationId,
    });
    c.var.audit({ action: 'panel.study.created', object: `study:${study.id}`, result: 'success' });
    return c.redirect(`/panel/onderzoeken/${study.id}`, 303);
  });

  app.get('/onderzoeken/:id', (c) => {
    const study = studyOf(c);
    if (!study) return c.var.notFound();
    const query = c.req.query();
    const { filter, values } = readFilter({ journey: study.journeyId ? String(study.journeyId) : '', ...query }, c.var.user.organisationId);
    const participants = studyParticipantsOf(db, study.id);
    const invitedIds = new Set(participants.map((p) => p.memberId));
    const rows = listMembers(db, deps, filter).map((row) => (invitedIds.has(row.id) ? { ...row, block: null, alreadyInvited: true } : { ...row, alreadyInvited: false }));
    const notice = query.uitgenodigd !== undefined ? t.invited(Number(query.uitgenodigd), Number(query.overgeslagen ?? 0)) : undefined;
    return c.render(
      <StudyPage
        user={c.var.user}
        study={study}
        notice={notice}
        participants={participants}
        values={values}
        choices={memberFilterChoices(db, c.var.user.organisationId)}
        rows={rows}
        describe={(row) => ((row as { alreadyInvited?: boolean }).alreadyInvited ? t.blocked.alreadyInStudy : describe(row))}
      />,
    );
  });

  app.post('/onderzoeken/:id/uitnodigen', async (c) => {
    const study = studyOf(c);
    if (!study) return c.var.notFound();
    const body = await readForm(c, { all: true });
    const raw = body.member;
    const memberIds = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).map((v) => idParam(str(v))).filter((v): v is number => v !== undefined);
    const outcome = inviteToStudy(db, deps, study.id, memberIds);
    c.var.audit({ action: 'panel.study.invited', object: `study:${study.id}`, result: 'success', details: { invited: outcome.invited.length, skipped: outcome.skipped.length } });
    if (outcome.invited.length) deps.onMailQueued?.();
    return c.redirect(`/panel/onderzoeken/${study.id}?uitgenodigd=${outcome.invited.length}&overgeslagen=${outcome.skipped.length}`, 303);
  });

  app.post('/onderzoeken/:id/deelnemers/:pid', (c) => {
    const studyId = studyOf(c)?.id;
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
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="onderzoek-${study.id}-deelnemers.csv"`);
    c.header('Cache-Control', 'no-store');
    return c.body(participantsCsv(rows));
  });

  return app;
}
