/** One SVG element as text. */
type Element = string

const escapeXml = (text: string): string => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")

/** A filled rectangle. */
export const svgRect = (x: number, y: number, width: number, height: number, fill: string): Element =>
  `<rect x="${x}" y="${y}" width="${width}" height="${height}" fill="${fill}" stroke="#ffffff" stroke-width="1"/>`

/** A line of text; `anchor` start, middle or end. */
export const svgText = (
  x: number,
  y: number,
  text: string,
  options: { anchor?: "start" | "middle" | "end"; size?: number; weight?: string } = {},
): Element =>
  `<text x="${x}" y="${y}" font-family="sans-serif" font-size="${options.size ?? 12}" text-anchor="${options.anchor ?? "start"}"${options.weight === undefined ? "" : ` font-weight="${options.weight}"`}>${escapeXml(text)}</text>`

/**
 * A standalone SVG document of the given size and title (for screen readers) holding the elements,
 * on a white background.
 *
 * @example
 * svgDocument(100, 50, "a square", [svgRect(0, 0, 10, 10, "#000")])
 */
export const svgDocument = (width: number, height: number, title: string, elements: readonly Element[]): string =>
  [
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escapeXml(title)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`,
    ...elements,
    "</svg>",
    "",
  ].join("\n")
