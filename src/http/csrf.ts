/**
 * Cross-site request forgery check for state-changing requests from browsers. Browsers send
 * Sec-Fetch-Site and/or Origin with every POST; a request whose headers say it came from another
 * site is refused. Requests with neither header do not come from a browser (curl, scripts) and
 * cannot be forged by a web page. Session cookies are SameSite=Lax on top of this.
 */
export function isCrossSiteRequest(headers: { secFetchSite?: string; origin?: string }, allowedOrigins: string[]): boolean {
  if (headers.secFetchSite) return headers.secFetchSite !== 'same-origin' && headers.secFetchSite !== 'none';
  if (headers.origin) return !allowedOrigins.includes(headers.origin);
  return false;
}
