import { basename, dirname, join } from "node:path"
import { runStudyConfig, studyKindNames } from "@cosearch/comparisons"
import { Args, Command, Options } from "@effect/cli"
import { Console, Effect, Either } from "effect"
import { invalidStudyConfig, readStudyConfigJson, writeFilesAtomically } from "../comparison/config-file.js"

const configArgument = Args.text({ name: "config.json" }).pipe(
  Args.withDescription(`a study config whose "study" is one of ${studyKindNames.join(", ")} (experiments/mensa.json, ...)`),
)
const out = Options.text("out").pipe(
  Options.withPseudoName("FILE.md"),
  Options.withDescription("write the Markdown report here, and any chart beside it (default: print the report)"),
  Options.optional,
)
const json = Options.boolean("json").pipe(Options.withDescription("print the study's figures as one JSON line"))

/**
 * `cosearch study`: runs the heterogeneous-systems study a config describes (mensa, tpu-imac,
 * ffnn-edgetpu-vs-a53) and writes its Markdown report (and, for the FFNN study, the SVG decision
 * chart beside it). A bad config exits 1 listing every problem with its JSON path and writes
 * nothing; files are written to temporaries first and renamed, so nothing is half-written.
 */
export const studyCommand = Command.make("study", { config: configArgument, out, json }, (args) =>
  Effect.gen(function* () {
    const parsed = yield* readStudyConfigJson(args.config)
    const outName = args.out._tag === "Some" ? basename(args.out.value) : "study.md"
    const result = runStudyConfig(parsed, args.config, outName)
    if (Either.isLeft(result)) return yield* invalidStudyConfig(args.config, result.left)
    const output = result.right
    if (args.json) yield* Console.log(JSON.stringify({ seconds: output.seconds, ...(output.figures as object) }))
    if (args.out._tag === "Some") {
      const path = args.out.value
      const files = [
        { path, text: output.markdown },
        ...output.besides.map((file) => ({ path: join(dirname(path), file.name), text: file.text })),
      ]
      yield* writeFilesAtomically(path, files)
      yield* Console.error(`study: wrote ${files.map((file) => file.path).join(", ")} (${output.seconds.toFixed(1)} s)`)
    } else if (!args.json) yield* Console.log(output.markdown)
  }),
).pipe(
  Command.withDescription("A heterogeneous-systems study (mensa, tpu-imac, ffnn-edgetpu-vs-a53) from its config, as a Markdown report."),
)
