/**
 * Text made safe inside HTML and SVG (element content and quoted attribute values).
 *
 * @example
 * escapeHtml('<b a="1">') // "&lt;b a=&quot;1&quot;&gt;"
 */
export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (character) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[character] ?? character)
