import type { NetworkRule } from "../rules/network-rule.js"

/** One broken rule at one layer. */
export interface NetworkIssue {
  readonly layer: string
  readonly op: string
  readonly rule: NetworkRule
  /** A full sentence naming the layer, the shapes involved and the rule. */
  readonly message: string
}

/** Builds an issue whose message reads `layer "name" (op): detail [rule]`. */
export const networkIssue = (layer: string, op: string, rule: NetworkRule, detail: string): NetworkIssue => ({
  layer,
  op,
  rule,
  message: `layer "${layer}" (${op}): ${detail} [${rule}]`,
})

/**
 * Thrown at the edges (the builder, `analyzeNetworkOrThrow`, the CLI) when a network is invalid.
 * Library code that must not throw uses `analyzeNetwork`, which returns the issues as a value.
 */
export class InvalidNetworkError extends Error {
  override readonly name = "InvalidNetworkError"
  constructor(
    readonly network: string,
    readonly issues: readonly NetworkIssue[],
  ) {
    super(`network "${network}" is invalid:\n${issues.map((issue) => `  - ${issue.message}`).join("\n")}`)
  }
}
