import { type ZooEntry, zooEntries } from "@cosearch/network"
import { Command, Options } from "@effect/cli"
import { Console } from "effect"
import { formatTable } from "../format/table.js"

const json = Options.boolean("json").pipe(Options.withDescription("print the entries as one JSON document"))

const defaultsText = (entry: ZooEntry): string =>
  Object.entries(entry.defaults)
    .map(([key, value]) => `${key}=${value}`)
    .join(" ") || "-"

const listText = (): string =>
  [
    formatTable(
      [
        { header: "name", align: "left", cell: (entry: ZooEntry) => entry.name },
        { header: "argument (name:argument)", align: "left", cell: (entry: ZooEntry) => entry.argument ?? "-" },
        { header: "options (defaults)", align: "left", cell: defaultsText },
        { header: "summary", align: "left", cell: (entry: ZooEntry) => entry.summary },
      ],
      zooEntries,
    ),
    "",
    "Summarize one with `cosearch network summary <name>[:<argument>] [--resolution N] [--width X] [--classes N]`,",
    "or give a path to a network .json file instead of a name.",
  ].join("\n")

/**
 * `cosearch network list`: every zoo network family with its argument form and default options.
 *
 * @example
 * // cosearch network list --json
 */
export const networkListCommand = Command.make("list", { json }, (args) =>
  Console.log(
    args.json
      ? JSON.stringify(
          zooEntries.map((entry) => ({
            name: entry.name,
            summary: entry.summary,
            argument: entry.argument ?? null,
            defaults: entry.defaults,
          })),
          null,
          2,
        )
      : listText(),
  ),
).pipe(Command.withDescription("List the zoo networks, their arguments and default options."))
