import { clusterLayers, type LayerFamily, layerFeatures, lowerNetwork } from "@cosearch/network"
import { Command, Options } from "@effect/cli"
import { Console, Effect, Option } from "effect"
import { CliError } from "../cli/cli-error.js"
import { numberOption } from "../cli/options.js"
import { type Column, formatTable } from "../format/table.js"
import { loadNetwork } from "../input/network-input.js"

/** The zoo's edge models the families are found over by default (Mensa studies Google's edge CNNs, LSTMs and transducers). */
export const defaultFamilyNetworks = [
  "mobilenet_v2",
  "mobilenet_v3_large",
  "efficientnet_edgetpu_s",
  "resnet50",
  "lstm_encoder",
  "transducer",
  "ffnn",
] as const

const networks = Options.text("network").pipe(
  Options.withPseudoName("NETWORK"),
  Options.withDescription(`a zoo spec or network file; repeat (default: ${defaultFamilyNetworks.join(", ")})`),
  Options.repeated,
)
const families = numberOption("families", "integer", "the number of families (default 4)", { min: 1, max: 1000 })
const json = Options.boolean("json").pipe(Options.withDescription("print the families as one JSON document"))

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length === 0
    ? Number.NaN
    : sorted.length % 2 === 1
      ? (sorted[middle] as number)
      : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2
}

const summaryOf = (family: LayerFamily) => {
  const types: Record<string, number> = {}
  const nets = new Set<string>()
  for (const layer of family.members) {
    types[layer.type] = (types[layer.type] ?? 0) + 1
    nets.add(layer.network)
  }
  return {
    family: family.index + 1,
    layers: family.members.length,
    types,
    networks: [...nets],
    medianMacsPerParameterByte: median(family.members.map((layer) => layer.macsPerParameterByte)),
    medianMacsPerActivationByte: median(family.members.map((layer) => layer.macsPerActivationByte)),
    medianParameterKiB: median(family.members.map((layer) => layer.parameterBytes / 1024)),
    macsShare: family.members.reduce((sum, layer) => sum + layer.macs, 0),
    members: family.members.map((layer) => `${layer.network}:${layer.layer}`),
  }
}

const figure = (value: number): string => (Number.isFinite(value) ? (value >= 100 ? value.toFixed(0) : value.toPrecision(3)) : "no params")

/**
 * `cosearch layers cluster`: the layers of edge models grouped into families by parameter reuse,
 * activation reuse and parameter footprint (docs/heterogeneous.md, "Layer families").
 */
const clusterCommand = Command.make("cluster", { networks, families, json }, (args) =>
  Effect.gen(function* () {
    const specs = args.networks.length > 0 ? args.networks : [...defaultFamilyNetworks]
    const features = []
    for (const spec of specs) {
      const network = yield* loadNetwork(spec, {})
      for (const nest of lowerNetwork(network)) {
        const layer = layerFeatures(nest, 1, spec)
        if (layer !== undefined) features.push(layer)
      }
    }
    if (features.length === 0)
      return yield* new CliError({ message: `the networks ${specs.join(", ")} have no layer with MACs to cluster` })
    const { families, inertia } = clusterLayers(
      features,
      Option.getOrElse(args.families, () => 4),
    )
    const totalMacs = features.reduce((sum, layer) => sum + layer.macs, 0)
    const rows = families.map(summaryOf).map((row) => ({ ...row, macsShare: row.macsShare / totalMacs }))
    if (args.json) {
      yield* Console.log(JSON.stringify({ networks: specs, layers: features.length, inertia, families: rows }))
      return
    }
    const columns: Column<(typeof rows)[number]>[] = [
      { header: "family", align: "right", cell: (row) => String(row.family) },
      { header: "layers", align: "right", cell: (row) => String(row.layers) },
      { header: "MAC share", align: "right", cell: (row) => `${(100 * row.macsShare).toFixed(1)} %` },
      { header: "MACs / param B", align: "right", cell: (row) => figure(row.medianMacsPerParameterByte) },
      { header: "MACs / act B", align: "right", cell: (row) => figure(row.medianMacsPerActivationByte) },
      { header: "params KiB", align: "right", cell: (row) => figure(row.medianParameterKiB) },
      {
        header: "types",
        align: "left",
        cell: (row) =>
          Object.entries(row.types)
            .map(([type, n]) => `${type} ${n}`)
            .join(", "),
      },
      { header: "networks", align: "left", cell: (row) => row.networks.join(", ") },
    ]
    yield* Console.log(`${features.length} layers of ${specs.join(", ")} in ${families.length} families (medians per family; int8)\n`)
    yield* Console.log(formatTable(columns, rows))
  }),
).pipe(Command.withDescription("Group the layers of networks into families by reuse and footprint."))

/**
 * `cosearch layers`: commands over the layers of several networks.
 *
 * @example
 * // cosearch layers cluster --families 4
 */
export const layersCommand = Command.make("layers").pipe(
  Command.withDescription("Layer families across networks."),
  Command.withSubcommands([clusterCommand]),
)
