import { basename, dirname, join } from "node:path"
import { comparisonKindNames, runComparison } from "@cosearch/comparisons"
import { Args, Command, Options } from "@effect/cli"
import { Console, Effect, Either, Option } from "effect"
import { UsageError } from "../cli/cli-error.js"
import { checkOutputPath } from "../cli/output-path.js"
import { invalidConfig, readConfigJson, writeFilesAtomically } from "./compare-files.js"

/** What distinguishes `compare` from its old names: the kinds it takes, and how it names things. */
interface CompareCommandSpec {
  readonly name: string
  readonly description: string
  readonly configHelp: string
  /** The kinds accepted (default: every kind). */
  readonly kinds?: readonly string[]
  /** The kind of a config that names none. */
  readonly defaultKind?: string
  /** The kind field a missing-kind message names. */
  readonly kindField: "comparison" | "study"
  /** How messages call the config file. */
  readonly noun: string
  /** The report's name when there is no `--out` (files beside it are named after it). */
  readonly defaultOutName: string
  /** The progress lines' label (default: the kind's name). */
  readonly progressLabel?: string
  /** Whether the "wrote" line counts the networks. */
  readonly countNetworks: boolean
  /**
   * The usage error when the config is left out, for a command that has subcommands too (the
   * config is then optional to the parser); without it the config is required.
   */
  readonly missingConfig?: string
}

const out = Options.text("out").pipe(
  Options.withPseudoName("FILE.md"),
  Options.withDescription("write the Markdown report here, and any chart beside it (default: print the report)"),
  Options.optional,
)
const json = Options.boolean("json").pipe(Options.withDescription("print the comparison's figures as one JSON line"))

/**
 * A command that runs the comparison a config describes and prints or writes its Markdown report
 * (and any file beside it). A bad config exits 1 listing every problem with its JSON path and
 * writes nothing; files are written to temporaries first and renamed, so nothing is half-written.
 */
const compareCommandOf = (spec: CompareCommandSpec) => {
  const config = Args.text({ name: "config.json" }).pipe(Args.withDescription(spec.configHelp))
  return Command.make(
    spec.name,
    { config: spec.missingConfig === undefined ? config.pipe(Args.map(Option.some)) : Args.optional(config), out, json },
    (args) =>
      Effect.gen(function* () {
        if (Option.isNone(args.config)) return yield* new UsageError({ message: spec.missingConfig ?? `${spec.name}: give a config` })
        const configPath = args.config.value
        const input = yield* readConfigJson(configPath, spec.noun)
        if (args.out._tag === "Some") yield* checkOutputPath(args.out.value)
        const result = runComparison(input, {
          configPath,
          outName: args.out._tag === "Some" ? basename(args.out.value) : spec.defaultOutName,
          onProgress: (done, total, comparison) =>
            process.stderr.write(`${spec.progressLabel ?? comparison}: ${done} / ${total} networks\n`),
          kindField: spec.kindField,
          ...(spec.kinds === undefined ? {} : { kinds: spec.kinds }),
          ...(spec.defaultKind === undefined ? {} : { defaultKind: spec.defaultKind }),
        })
        if (Either.isLeft(result)) return yield* invalidConfig(configPath, spec.noun, result.left)
        const output = result.right
        if (args.json) yield* Console.log(JSON.stringify({ seconds: output.seconds, ...(output.figures as object) }))
        if (args.out._tag === "Some") {
          const path = args.out.value
          const files = [
            { path, text: output.markdown },
            ...output.besides.map((file) => ({ path: join(dirname(path), file.name), text: file.text })),
          ]
          yield* writeFilesAtomically(path, files)
          const networks = spec.countNetworks ? `${output.networks} networks, ` : ""
          yield* Console.error(
            `${spec.name}: wrote ${files.map((file) => file.path).join(", ")} (${networks}${output.seconds.toFixed(1)} s)`,
          )
        } else if (!args.json) yield* Console.log(output.markdown)
      }),
  ).pipe(Command.withDescription(spec.description))
}

/**
 * `cosearch compare <config.json> [--out FILE.md] [--json]`: any comparison (mensa, tpu-imac,
 * ffnn-edgetpu-vs-a53, edgetpu-classes), picked by the config's `comparison` field.
 */
export const compareCommand = compareCommandOf({
  name: "compare",
  description: `A comparison (${comparisonKindNames.join(", ")}) from its config, as a Markdown report.`,
  configHelp: `a comparison config whose "comparison" is one of ${comparisonKindNames.join(", ")} (experiments/mensa.json, ...)`,
  kindField: "comparison",
  noun: "comparison config",
  defaultOutName: "comparison.md",
  countNetworks: true,
})

/** The kinds the old `study` command ran. */
const studyKinds = ["mensa", "tpu-imac", "ffnn-edgetpu-vs-a53"]

/**
 * `cosearch study <config.json>`: the old name of `compare` for the mensa, tpu-imac and
 * ffnn-edgetpu-vs-a53 comparisons, with the old command's messages. `cli.ts` gives it the
 * subcommands `delete`, `rename` and `copy` (optimization studies in a database), so the config is
 * optional to the parser: `cosearch study` alone is a usage error naming both uses.
 */
export const studyCommand = compareCommandOf({
  name: "study",
  description: `The old name of \`compare\` for ${studyKinds.join(", ")} (a comparison, not an optimization study); \`study delete|rename|copy\` manage the optimization studies of a database.`,
  configHelp: `a comparison config whose "study" (or "comparison") is one of ${studyKinds.join(", ")} (experiments/mensa.json, ...)`,
  kinds: studyKinds,
  kindField: "study",
  noun: "study config",
  defaultOutName: "study.md",
  countNetworks: false,
  missingConfig: "study: give a comparison config (study <config.json>), or manage a study with study delete|rename|copy",
})

/**
 * `cosearch classes <config.json>`: the old name of `compare` for the edgetpu-classes comparison
 * (a config without a kind field is one), with the old command's messages.
 */
export const classesCommand = compareCommandOf({
  name: "classes",
  description: "The old name of `compare` for edgetpu-classes: the Edge TPU classes on random networks from neural spaces.",
  configHelp: "an edgetpu-classes comparison config (experiments/edgetpu-classes.json)",
  kinds: ["edgetpu-classes"],
  defaultKind: "edgetpu-classes",
  kindField: "comparison",
  noun: "study config",
  defaultOutName: "classes.md",
  progressLabel: "classes",
  countNetworks: true,
})
