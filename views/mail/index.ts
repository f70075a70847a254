import type { MailTemplates } from '../../src/mail-templates';
import { renderCallbackMail } from '../callbacks/callback-mail';
import { renderDigestMail } from '../digest/digest-mail';
import { renderPanelMail } from '../panel/panel-mail';
import { renderSurveyMail } from './survey-mail';

/** The real mail templates, handed to domain code by the composition roots. */
export const mailTemplates: MailTemplates = { survey: renderSurveyMail, panel: renderPanelMail, digest: renderDigestMail, callback: renderCallbackMail };
