import { jsxRenderer } from 'hono/jsx-renderer';
import type { JSX } from 'hono/jsx/jsx-runtime';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { OpenCallbacksContext, OrganisationContext } from '../../views/layout';

declare module 'hono' {
  interface ContextRenderer {
    /** A full page with `<!DOCTYPE html>`; `status` defaults to 200. */
    (page: JSX.Element, options?: { status?: ContentfulStatusCode }): Response | Promise<Response>;
  }
}

/**
 * Renders every full page (`c.render(<Page />, { status })`): hono/jsx emits no doctype, and the
 * layout takes the organisation's name from here instead of from every page's props.
 */
export function pageRenderer(organisation: string) {
  return jsxRenderer(({ children, status }, c) => {
    // The layout runs before the response is made: the status set here is the response's.
    if (status) c.status(status);
    return (
      <OrganisationContext.Provider value={organisation}>
        <OpenCallbacksContext.Provider value={c.get('openCallbacks')}>{children}</OpenCallbacksContext.Provider>
      </OrganisationContext.Provider>
    );
  });
}
