import { type Configuration, createRandom, type Space, sample } from "@cosearch/space"
import { Command, Options } from "@effect/cli"
import { Console, Effect, Option } from "effect"
import { CliError } from "../cli/cli-error.js"
import { numberOption } from "../cli/options.js"
import { configurationJsonLine, configurationLine } from "../format/configuration.js"
import { loadSpace } from "../input/space-input.js"
import { spaceArgument } from "./space-show.js"

const defaultCount = 10

const count = numberOption("n", "integer", `how many configurations to draw (default ${defaultCount}; also --n N)`, {
  min: 1,
  max: 10_000_000,
}).pipe(Options.map(Option.getOrElse(() => defaultCount)))
const seed = Options.text("seed").pipe(
  Options.withPseudoName("S"),
  Options.withDefault("0"),
  Options.withDescription("the random seed (any text): the same seed gives the same configurations"),
)
const json = Options.boolean("json").pipe(Options.withDescription("print each configuration as one compact JSON object"))

/**
 * Draws `n` configurations uniformly from a seed, failing with the sampler's message (naming the
 * constraints that rejected the draws) when the constraints leave no room.
 *
 * @example
 * const configurations = yield* sampleConfigurations(nb201Space, 5, "7")
 */
export const sampleConfigurations = (space: Space, n: number, seed: string): Effect.Effect<Configuration[], CliError> =>
  Effect.suspend(() => {
    const rng = createRandom(seed)
    const configurations: Configuration[] = []
    for (let draw = 0; draw < n; draw++) {
      const result = sample(space, rng)
      if (!result.ok) return Effect.fail(new CliError({ message: result.message }))
      configurations.push(result.configuration)
    }
    return Effect.succeed(configurations)
  })

/**
 * `cosearch space sample <space> --n N --seed S`: `N` configurations drawn uniformly from the
 * seed, one per line, as `name=value` pairs or (`--json`) compact JSON objects.
 *
 * @example
 * // cosearch space sample nb201 --n 5 --seed 7 --json
 */
export const spaceSampleCommand = Command.make("sample", { space: spaceArgument, n: count, seed, json }, (args) =>
  Effect.gen(function* () {
    const { space } = yield* loadSpace(args.space)
    const configurations = yield* sampleConfigurations(space, args.n, args.seed)
    const line = args.json ? configurationJsonLine : configurationLine
    yield* Console.log(configurations.map((configuration) => line(space, configuration)).join("\n"))
  }),
).pipe(Command.withDescription("Draw configurations uniformly from a built-in search space or a space file."))
