/** Text as hono/jsx writes it into HTML, in content and attribute values (the five characters it escapes). */
export const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** The reverse of escapeHtml: the entities decoded (`&amp;` last, so nothing is decoded twice). */
export const unescapeHtml = (html: string) =>
  html.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** The text of an HTML fragment as a reader sees it: tags as spaces, entities decoded, white space folded. */
export const decodeHtml = (html: string) =>
  unescapeHtml(html.replace(/<[^>]+>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();
