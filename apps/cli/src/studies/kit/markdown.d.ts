/**
 * A Markdown table with padded columns, as a Markdown formatter would leave it.
 *
 * @example
 * markdownTable(["a", "b"], [["1", "2"]]) // "| a   | b   |\n| --- | --- |\n| 1   | 2   |"
 */
export declare const markdownTable: (header: readonly string[], rows: readonly (readonly string[])[]) => string
/**
 * A number with fixed digits, or "–" when it is not finite (an infeasible design).
 *
 * @example
 * fixed(1.234, 2) // "1.23"
 */
export declare const fixed: (value: number, digits: number) => string
/**
 * A ratio as `2.41x`, or "–".
 *
 * @example
 * times(2.414) // "2.41x"
 */
export declare const times: (value: number) => string
/**
 * The geometric mean of the finite positive values (NaN when there are none).
 *
 * @example
 * geometricMean([1, 4]) // 2
 */
export declare const geometricMean: (values: readonly number[]) => number
//# sourceMappingURL=markdown.d.ts.map
