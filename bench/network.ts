/**
 * How fast the network IR is: for each fixed zoo network, build + analyze + count (int8)
 * repeatedly, then sweep a fixed sample of NAS-Bench-201 cells as a search would, and import
 * ResNet-50 as an ONNX model (written by `onnxFromNetwork`, shapes only) into an analyzed network.
 *
 * Flags: `--seconds S` (minimum time per network, default 0.5) or `--iterations N` (a fixed count
 * instead). Ends stdout with one JSON line: `{ "bench": "network", "node", "results", "nb201CellsPerSecond", ... }`.
 *
 * @example
 * // pnpm -s bench network --seconds 0.2
 */
import {
  analyzeNetworkOrThrow,
  buildZooNetwork,
  countNetwork,
  type Network,
  nb201Operations,
  onnxFromNetwork,
  readOnnxNetwork,
} from "@cosearch/network"

/** The networks timed one by one: the ImageNet zoo, three NB201 cells, FBNet-B and an LSTM encoder. */
const benchSpecs = [
  "mobilenet_v1",
  "mobilenet_v2",
  "mobilenet_v3_large",
  "mobilenet_v3_small",
  "efficientnet_b0",
  "efficientnet_edgetpu_s",
  "efficientnet_edgetpu_m",
  "resnet18",
  "resnet50",
  "nb201:333133",
  "nb201:421211",
  "nb201:111111",
  "fbnet:b",
  "lstm_encoder",
] as const

/** NB201 cells in the sweep: every 97th of the 5^6 = 15,625 cells (161 cells, all six-digit ids). */
const nb201Sweep = Array.from({ length: 161 }, (_, i) => {
  let id = i * 97
  let digits = ""
  for (let edge = 0; edge < 6; edge++, id = Math.floor(id / nb201Operations.length)) digits += String(id % nb201Operations.length)
  return `nb201:${digits}`
})

interface Settings {
  readonly seconds: number
  readonly iterations: number | undefined
}

const parseSettings = (args: readonly string[]): Settings => {
  let seconds = 0.5
  let iterations: number | undefined
  for (let i = 0; i < args.length; i++) {
    const flag = args[i]
    const value = Number(args[i + 1])
    if (flag === "--seconds" && value > 0) seconds = value
    else if (flag === "--iterations" && Number.isInteger(value) && value >= 1) iterations = value
    else
      throw new Error(`unknown flag or bad value at "${args.slice(i, i + 2).join(" ")}"; flags: --seconds S (> 0), --iterations N (>= 1)`)
    i++
  }
  return { seconds, iterations }
}

const build = (spec: string): Network => {
  const built = buildZooNetwork(spec)
  if (!built.ok) throw new Error(`cannot build "${spec}": ${built.message}`)
  return built.network
}

/** Time spent in each phase over a run, in milliseconds. */
interface Phases {
  build: number
  analyze: number
  count: number
}

/** Builds, analyzes and counts each spec once, adding each phase's time; returns the layer count. */
const pass = (specs: readonly string[], phases: Phases): number => {
  let layers = 0
  for (const spec of specs) {
    const start = performance.now()
    const network = build(spec)
    const built = performance.now()
    const analyzed = analyzeNetworkOrThrow(network)
    const checked = performance.now()
    countNetwork(analyzed, "int8")
    phases.build += built - start
    phases.analyze += checked - built
    phases.count += performance.now() - checked
    layers += network.layers.length
  }
  return layers
}

/** Repeats `pass` for the configured time or count, after two untimed warm-up passes. */
const measure = (specs: readonly string[], settings: Settings) => {
  const phases: Phases = { build: 0, analyze: 0, count: 0 }
  pass(specs, { ...phases })
  pass(specs, { ...phases })
  let passes = 0
  let layers = 0
  const start = performance.now()
  while (
    settings.iterations === undefined ? performance.now() - start < settings.seconds * 1000 || passes < 3 : passes < settings.iterations
  ) {
    layers += pass(specs, phases)
    passes++
  }
  const seconds = (performance.now() - start) / 1000
  return { passes, layers, seconds, phases }
}

const round = (value: number, digits = 1): number => Number(value.toFixed(digits))
const grouped = (value: number): string => Math.round(value).toLocaleString("en-US")

/**
 * Runs the bench; see the module comment for flags and output.
 *
 * @example
 * main(["--iterations", "3"])
 */
export const main = (args: string[]): void => {
  const settings = parseSettings(args)
  const budget =
    settings.iterations === undefined ? `at least ${settings.seconds} s per network` : `${settings.iterations} iterations per network`
  console.log(`network bench: node ${process.version}, build + analyze + count (int8), ${budget}`)
  const results: Record<string, object> = {}
  for (const spec of benchSpecs) {
    const { passes, layers, seconds, phases } = measure([spec], settings)
    const perNetwork = (ms: number) => round(ms / passes, 3)
    results[spec] = {
      layers: layers / passes,
      iterations: passes,
      networksPerSecond: round(passes / seconds),
      layersPerSecond: Math.round(layers / seconds),
      msPerNetwork: { build: perNetwork(phases.build), analyze: perNetwork(phases.analyze), count: perNetwork(phases.count) },
    }
    console.log(
      `  ${spec.padEnd(24)} ${String(layers / passes).padStart(4)} layers  ${String(passes).padStart(6)} it  ${grouped(passes / seconds).padStart(7)} networks/s  ${grouped(layers / seconds).padStart(10)} layers/s  (ms: build ${perNetwork(phases.build)}, analyze ${perNetwork(phases.analyze)}, count ${perNetwork(phases.count)})`,
    )
  }
  const sweep = measure(nb201Sweep, settings)
  const nb201CellsPerSecond = round((sweep.passes * nb201Sweep.length) / sweep.seconds)
  console.log(
    `  nb201 sweep: ${nb201Sweep.length} cells x ${sweep.passes} passes, ${grouped(nb201CellsPerSecond)} candidate cells/s (each a full network)`,
  )
  // ONNX import: decode + convert + analyze ResNet-50's graph (weights as external data).
  const resnet = onnxFromNetwork(analyzeNetworkOrThrow(build("resnet50")))
  if (!resnet.ok) throw new Error(resnet.errors.join("; "))
  let imports = 0
  const importStart = performance.now()
  const importMinimum = (settings.iterations ?? 0) > 0 ? 0 : settings.seconds * 1000
  do {
    const read = readOnnxNetwork(resnet.bytes, "resnet50")
    if (!read.ok) throw new Error(read.errors.join("; "))
    analyzeNetworkOrThrow(read.network)
    imports++
  } while (performance.now() - importStart < importMinimum || imports < (settings.iterations ?? 1))
  const onnxImportsPerSecondResNet50 = round(imports / ((performance.now() - importStart) / 1000))
  console.log(
    `  ONNX import, ResNet-50 (${grouped(resnet.bytes.length)} bytes): ${grouped(onnxImportsPerSecondResNet50)} imports/s (decode, convert, analyze)`,
  )
  console.log(
    JSON.stringify({
      bench: "network",
      onnxImportsPerSecondResNet50,
      node: process.version,
      settings: settings.iterations === undefined ? { seconds: settings.seconds } : { iterations: settings.iterations },
      results,
      nb201Sweep: { cells: nb201Sweep.length, passes: sweep.passes },
      nb201CellsPerSecond,
    }),
  )
}
