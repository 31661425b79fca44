import { builtInSpaces, type NamedSpace } from "@cosearch/engine"
import { describeSpace } from "@cosearch/space"
import { Command, Options } from "@effect/cli"
import { Console } from "effect"
import { shortCardinalityText } from "../format/cardinality.js"
import { formatTable } from "../format/table.js"

const json = Options.boolean("json").pipe(Options.withDescription("print the entries as one JSON document"))

/**
 * One built-in space in `space list`: `cardinality` is a decimal string (constraints ignored).
 *
 * @example
 * const entry: SpaceListEntry = { name: "nb201", summary: "...", parameters: 6, cardinality: "15625", vectorLength: 30 }
 */
export interface SpaceListEntry {
  readonly name: string
  readonly summary: string
  readonly parameters: number
  readonly cardinality: string
  readonly vectorLength: number
}

const listEntry = (entry: NamedSpace): SpaceListEntry => {
  const summary = describeSpace(entry.space)
  return {
    name: entry.name,
    summary: entry.summary,
    parameters: entry.space.parameters.length,
    cardinality: summary.cardinality,
    vectorLength: summary.vectorLength,
  }
}

const listText = (entries: readonly SpaceListEntry[]): string =>
  [
    formatTable(
      [
        { header: "name", align: "left", cell: (entry: SpaceListEntry) => entry.name },
        { header: "parameters", align: "right", cell: (entry: SpaceListEntry) => String(entry.parameters) },
        { header: "configurations", align: "right", cell: (entry: SpaceListEntry) => shortCardinalityText(entry.cardinality) },
        { header: "summary", align: "left", cell: (entry: SpaceListEntry) => entry.summary },
      ],
      entries,
    ),
    "",
    "Show one with `cosearch space show <name>` and draw from it with `cosearch space sample <name> --n N --seed S`;",
    "both also take a space .json file instead of a name.",
  ].join("\n")

/**
 * `cosearch space list`: the built-in search spaces with their sizes.
 *
 * @example
 * // cosearch space list --json
 */
export const spaceListCommand = Command.make("list", { json }, (args) => {
  const entries = builtInSpaces.map(listEntry)
  return Console.log(args.json ? JSON.stringify(entries, null, 2) : listText(entries))
}).pipe(Command.withDescription("List the built-in search spaces and their sizes."))
