import type { JsonIssue } from "@cosearch/space"
import { Either } from "effect"
import type { ComparisonOutput } from "../kind/comparison-kind.js"
import { comparisonKindNames, comparisonKinds } from "./registry.js"

/**
 * How to run a comparison config: where its report is going (quoted in the report), progress,
 * and which kinds to accept.
 *
 * @example
 * const options: RunComparisonOptions = { configPath: "experiments/mensa.json", outName: "mensa.md", onProgress: (done, total) => console.error(`${done} / ${total}`) }
 */
export interface RunComparisonOptions {
  /** The config's path, as the report's "produced by" command quotes it (default `config.json`). */
  readonly configPath?: string
  /** The report's file name; the files beside it are named after it (default `comparison.md`). */
  readonly outName?: string
  /** Called as the run goes: `done` of `total` networks of the `comparison` kind. */
  readonly onProgress?: (done: number, total: number, comparison: string) => void
  /** The kinds accepted (default: every kind of `comparisonKinds`). */
  readonly kinds?: readonly string[]
  /** The kind of a config that names none (default: none; the config must name its kind). */
  readonly defaultKind?: string
  /** The field a missing-kind problem names (default `comparison`; `study` is its old name). */
  readonly kindField?: "comparison" | "study"
}

/** The config's kind field: `comparison`, or its old name `study`. */
const kindFields = ["comparison", "study"] as const

/**
 * Runs the comparison a config describes: its `comparison` field (or the old name, `study`)
 * picks the kind, the rest is that kind's config. Returns the Markdown report, the files beside
 * it and the figures as plain data, or every config problem with its JSON path (the kind field
 * itself when the kind is unknown). Touches neither the file system nor the process.
 *
 * @example
 * const output = runComparison(JSON.parse(readFileSync("experiments/tpu-imac.json", "utf8")), { configPath: "experiments/tpu-imac.json" })
 * if (Either.isRight(output)) console.log(output.right.markdown)
 */
export const runComparison = (input: unknown, options: RunComparisonOptions = {}): Either.Either<ComparisonOutput, JsonIssue[]> => {
  const fields = typeof input === "object" && input !== null && !Array.isArray(input) ? (input as Record<string, unknown>) : undefined
  const present = kindFields.filter((field) => fields !== undefined && Object.hasOwn(fields, field))
  if (present.length > 1) return Either.left([{ path: "study", message: 'is the old name of "comparison"; give only one of them' }])
  const field = present[0]
  const name = field === undefined ? options.defaultKind : fields?.[field]
  const accepted = options.kinds ?? comparisonKindNames
  const kind =
    typeof name === "string" && accepted.includes(name) && Object.hasOwn(comparisonKinds, name) ? comparisonKinds[name] : undefined
  if (kind === undefined)
    return Either.left([
      {
        path: field ?? options.kindField ?? "comparison",
        message: `expected one of ${accepted.join(", ")}, got ${JSON.stringify(name) ?? "nothing"}`,
      },
    ])
  const config =
    fields === undefined || field === undefined ? input : Object.fromEntries(Object.entries(fields).filter(([key]) => key !== field))
  return kind.run(config, { configPath: options.configPath ?? "config.json", outName: options.outName ?? "comparison.md" }, (done, total) =>
    options.onProgress?.(done, total, kind.name),
  )
}
