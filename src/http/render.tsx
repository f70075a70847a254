import type { Context, MiddlewareHandler } from 'hono';
import type { JSX } from 'hono/jsx/jsx-runtime';
import { HtmlEscapedCallbackPhase, resolveCallback } from 'hono/utils/html';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { OpenCallbacksContext, OrganisationContext, StaffOrganisationContext } from '../../views/layout';
import type { AppEnv } from './env';

declare module 'hono' {
  interface ContextRenderer {
    /** A full page with `<!DOCTYPE html>`; `status` defaults to 200. */
    (page: JSX.Element, options?: { status?: ContentfulStatusCode }): Response | Promise<Response>;
  }
}

/**
 * Renders every full page (`c.render(<Page />, { status })`): hono/jsx emits no doctype, and the
 * layout takes the organisation's name from here instead of from every page's props: on staff
 * pages the signed-in user's organisation (`staffOrganisation` looks its name up), elsewhere `organisation`.
 *
 * The page is answered as a plain string. hono's jsxRenderer answered with its String object,
 * which @hono/node-server cannot send as is: it wrapped it in a web Response and streamed it out,
 * some 35 µs of every page (BENCHMARKS.md, issue 22).
 */
export function pageRenderer(organisation: string, staffOrganisation?: (organisationId: number) => string | undefined): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.setRenderer(async (page, options) => {
      if (options?.status) c.status(options.status);
      const user = c.get('user');
      return c.html(await pageHtml(c, organisation, page, user && staffOrganisation?.(user.organisationId)));
    });
    await next();
  };
}

/** The whole document of a page, as c.render sends it. */
export async function pageHtml(c: Context<AppEnv>, organisation: string, page: JSX.Element, staffOrganisation?: string): Promise<string> {
  const tree = (
    <OrganisationContext.Provider value={organisation}>
      <StaffOrganisationContext.Provider value={staffOrganisation}>
        <OpenCallbacksContext.Provider value={c.get('openCallbacks')}>{page}</OpenCallbacksContext.Provider>
      </StaffOrganisationContext.Provider>
    </OrganisationContext.Provider>
  );
  const rendered = await resolveCallback(await tree.toString(), HtmlEscapedCallbackPhase.Stringify, false, {});
  return `<!DOCTYPE html>${rendered}`;
}
