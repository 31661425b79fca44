import { Args, Command, Options } from "@effect/cli"
import { Console, Effect } from "effect"
import { spaceShowJson, spaceShowText } from "../format/space-summary.js"
import { loadSpace } from "../input/space-input.js"

/**
 * The `<space>` argument of the space commands.
 *
 * @example
 * Command.make("show", { space: spaceArgument }, ({ space }) => Console.log(space))
 */
export const spaceArgument = Args.text({ name: "space" }).pipe(
  Args.withDescription("a built-in space (see `space list`) or a space .json file"),
)

const json = Options.boolean("json").pipe(Options.withDescription("print one JSON document instead of the tables"))

/**
 * `cosearch space show <space>`: parameters, constraints, vector length and number of
 * configurations of a built-in space or a space file, as tables or (`--json`) one JSON document.
 *
 * @example
 * // cosearch space show edgetpu-knobs --json
 */
export const spaceShowCommand = Command.make("show", { space: spaceArgument, json }, (args) =>
  Effect.gen(function* () {
    const loaded = yield* loadSpace(args.space)
    yield* Console.log(args.json ? JSON.stringify(spaceShowJson(loaded), null, 2) : spaceShowText(loaded))
  }),
).pipe(Command.withDescription("Parameters, constraints and size of a built-in search space or a space file."))
