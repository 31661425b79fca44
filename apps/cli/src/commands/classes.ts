import { classStudyMarkdown, classStudyReport, decodeClassStudyConfig, runClassStudy } from "@cosearch/comparisons"
import { Args, Command, Options } from "@effect/cli"
import { Console, Effect, Either } from "effect"
import { invalidStudyConfig, readStudyConfigJson, writeFilesAtomically } from "../comparison/config-file.js"

const configArgument = Args.text({ name: "config.json" }).pipe(
  Args.withDescription("a classes-study config (experiments/edgetpu-classes.json)"),
)
const out = Options.text("out").pipe(
  Options.withPseudoName("FILE.md"),
  Options.withDescription("write the Markdown report here (default: print it)"),
  Options.optional,
)
const json = Options.boolean("json").pipe(Options.withDescription("print the report's figures as one JSON line"))

/**
 * `cosearch classes`: the Edge TPU classes study. Random networks from neural spaces, each
 * evaluated on every listed preset, summarised in tables. The config is checked before anything
 * runs; a bad one exits 1 listing every problem with its JSON path.
 */
export const classesCommand = Command.make("classes", { config: configArgument, out, json }, (args) =>
  Effect.gen(function* () {
    const parsed = yield* readStudyConfigJson(args.config)
    const decoded = decodeClassStudyConfig(parsed)
    if (Either.isLeft(decoded)) return yield* invalidStudyConfig(args.config, decoded.left)
    const config = decoded.right
    const started = performance.now()
    const rows = runClassStudy(config, (done, total) => {
      if (done % 1000 === 0 || done === total) process.stderr.write(`classes: ${done} / ${total} networks\n`)
    })
    const seconds = (performance.now() - started) / 1e3
    const report = classStudyReport(config, rows)
    if (args.json) yield* Console.log(JSON.stringify({ seconds, ...report }))
    const markdown = classStudyMarkdown(config, args.config, report, seconds)
    if (args.out._tag === "Some") {
      const path = args.out.value
      yield* writeFilesAtomically(path, [{ path, text: markdown }])
      yield* Console.error(`classes: wrote ${path} (${rows.length} networks, ${seconds.toFixed(1)} s)`)
    } else if (!args.json) yield* Console.log(markdown)
  }),
).pipe(Command.withDescription("The Edge TPU classes study: random networks from neural spaces on every class."))
