import { type FbnetOperation, fbnetOperations, isFbnetOperation } from "../blocks/fbnet-block.js"
import { type Nb201Arch, nb201Operations, parseNb201Arch } from "../blocks/nb201-cell.js"
import { InvalidNetworkError } from "../graph/issue.js"
import type { Network } from "../graph/network.js"
import { dsCnn, dsCnnSizes } from "./ds-cnn.js"
import { efficientnetB0, efficientnetEdgeTpuM, efficientnetEdgeTpuS } from "./efficientnet.js"
import { fbnet, fbnetPresets } from "./fbnet.js"
import { mobilenetV1, mobilenetV2, mobilenetV3Large, mobilenetV3Small } from "./mobilenet.js"
import { nb201 } from "./nb201.js"
import { resnet18, resnet50 } from "./resnet.js"
import { ffnn, lstmEncoder, transducer } from "./sequence.js"
import { bertMini, bertTiny, type TransformerEncoderOptions, transformerEncoder } from "./transformer.js"
import { vgg16 } from "./vgg.js"

/** The options a zoo network may take; each entry says which it supports. */
export type ZooOption = "resolution" | "width" | "classes"

/** User-chosen options for a zoo network; unset ones take the entry's defaults. */
export interface ZooOptions {
  readonly resolution?: number
  readonly width?: number
  readonly classes?: number
  /** Samples per inference (default 1). */
  readonly batch?: number
}

/** A network built from the zoo, or a message saying why it could not be. */
export type ZooBuild = { readonly ok: true; readonly network: Network } | { readonly ok: false; readonly message: string }

/** One zoo network family. */
export interface ZooEntry {
  readonly name: string
  readonly summary: string
  /** The form of the argument after `name:`, when the entry takes one. */
  readonly argument?: string
  /** Supported options and their defaults. */
  readonly defaults: Readonly<Partial<Record<ZooOption, number>>>
  readonly build: (argument: string | undefined, options: Readonly<Record<ZooOption, number>>) => ZooBuild
}

const built = (network: Network): ZooBuild => ({ ok: true, network })
const failed = (message: string): ZooBuild => ({ ok: false, message })

const imagenet = { resolution: 224, width: 1, classes: 1000 } as const

const noArgument =
  (name: string, build: (o: Readonly<Record<ZooOption, number>>) => Network) =>
  (argument: string | undefined, o: Readonly<Record<ZooOption, number>>): ZooBuild =>
    argument === undefined ? built(build(o)) : failed(`zoo network "${name}" takes no argument, got "${name}:${argument}"`)

const parseNb201 = (argument: string | undefined): { ok: true; arch: Nb201Arch } | { ok: false; message: string } => {
  if (argument === undefined) {
    return {
      ok: false,
      message: `zoo network "nb201" needs a cell: nb201:<arch string> or nb201:<6 op ids 0-4> (${nb201Operations.map((op, i) => `${i} ${op}`).join(", ")})`,
    }
  }
  if (/^[0-4]{6}$/.test(argument)) {
    return { ok: true, arch: [...argument].map((digit) => nb201Operations[Number(digit)]) as unknown as Nb201Arch }
  }
  return parseNb201Arch(argument)
}

const parseFbnet = (argument: string | undefined): { ok: true; ops: FbnetOperation[] } | { ok: false; message: string } => {
  const usage = `fbnet:<22 block ids joined by "->"> (ids: ${fbnetOperations.join(", ")}) or fbnet:a|b|c`
  if (argument === undefined) return { ok: false, message: `zoo network "fbnet" needs its blocks: ${usage}` }
  if (argument === "a" || argument === "b" || argument === "c") return { ok: true, ops: [...fbnetPresets[argument]] }
  const ids = argument.split("->").map((id) => id.trim())
  const unknown = ids.find((id) => !isFbnetOperation(id))
  if (unknown !== undefined) return { ok: false, message: `fbnet block id "${unknown}" is unknown; ${usage}` }
  if (ids.length !== 22) return { ok: false, message: `fbnet has 22 searchable layers, got ${ids.length} block ids; ${usage}` }
  return { ok: true, ops: ids as FbnetOperation[] }
}

const parseSizes = (argument: string | undefined): { ok: true; sizes: number[] } | { ok: false; message: string } => {
  const text = argument ?? "1024-256-256-5"
  const sizes = text.split("-").map(Number)
  if (sizes.length < 2 || sizes.some((size) => !Number.isInteger(size) || size < 1)) {
    return {
      ok: false,
      message: `ffnn sizes "${text}" must be two or more positive integers joined by "-": input features, then each layer's units`,
    }
  }
  return { ok: true, sizes }
}

const lstmDefaults = { layers: 2, hidden: 256, steps: 8, features: 80 }

/** Parses `key=value,...` positive-integer options over `defaults`, for the zoo entry `name`. */
const parseIntegerOptions = <T extends Record<string, number>>(
  name: string,
  form: string,
  defaults: T,
  argument: string | undefined,
): { ok: true; value: T } | { ok: false; message: string } => {
  const value: Record<string, number> = { ...defaults }
  const usage = `${name}:${form} (defaults ${Object.entries(defaults)
    .map(([k, v]) => `${k}=${v}`)
    .join(",")})`
  for (const part of argument === undefined || argument === "" ? [] : argument.split(",")) {
    const [key, raw] = part.split("=")
    const number = Number(raw)
    if (key === undefined || !(key in value)) return { ok: false, message: `${name} option "${key}" is unknown; ${usage}` }
    if (!Number.isInteger(number) || number < 1) return { ok: false, message: `${name} ${key}=${raw} must be a positive integer; ${usage}` }
    value[key] = number
  }
  return { ok: true, value: value as T }
}

const parseLstm = (argument: string | undefined) =>
  parseIntegerOptions("lstm_encoder", "layers=L,hidden=H,steps=T,features=F", lstmDefaults, argument)

const transducerDefaults = { encoder: 2, hidden: 256, steps: 8, features: 80, prediction: 1, embedding: 128, joint: 256, vocab: 256 }

const parseTransducer = (argument: string | undefined) =>
  parseIntegerOptions(
    "transducer",
    "encoder=L,hidden=H,steps=T,features=F,prediction=P,embedding=E,joint=J,vocab=V",
    transducerDefaults,
    argument,
  )

const transformerForm = "layers=L,hidden=H,heads=A,intermediate=I,vocab=V,positions=P,types=N,sequence=T"

/** A BERT-sized transformer encoder entry: `defaults`, overridable by `key=value` options. */
const transformerEntry = (name: string, summary: string, defaults: TransformerEncoderOptions): ZooEntry => ({
  name,
  summary,
  argument: transformerForm,
  defaults: {},
  build: (argument) => {
    const parsed = parseIntegerOptions(name, transformerForm, { ...defaults }, argument)
    if (!parsed.ok) return failed(parsed.message)
    const o = parsed.value
    if (o.hidden % o.heads !== 0) return failed(`${name} hidden=${o.hidden} must be a multiple of heads=${o.heads}`)
    if (o.sequence > o.positions) return failed(`${name} sequence=${o.sequence} must be at most positions=${o.positions}`)
    return built(transformerEncoder(o))
  },
})

/** Every zoo network family. */
export const zooEntries: readonly ZooEntry[] = [
  { name: "mobilenet_v1", summary: "MobileNetV1 (Keras)", defaults: imagenet, build: noArgument("mobilenet_v1", mobilenetV1) },
  { name: "mobilenet_v2", summary: "MobileNetV2 (torchvision)", defaults: imagenet, build: noArgument("mobilenet_v2", mobilenetV2) },
  {
    name: "mobilenet_v3_large",
    summary: "MobileNetV3-Large (torchvision)",
    defaults: imagenet,
    build: noArgument("mobilenet_v3_large", mobilenetV3Large),
  },
  {
    name: "mobilenet_v3_small",
    summary: "MobileNetV3-Small (torchvision)",
    defaults: imagenet,
    build: noArgument("mobilenet_v3_small", mobilenetV3Small),
  },
  {
    name: "efficientnet_b0",
    summary: "EfficientNet-B0 (torchvision)",
    defaults: imagenet,
    build: noArgument("efficientnet_b0", efficientnetB0),
  },
  {
    name: "efficientnet_edgetpu_s",
    summary: "EfficientNet-EdgeTPU-S (Google reference builder)",
    defaults: { ...imagenet, classes: 1001 },
    build: noArgument("efficientnet_edgetpu_s", efficientnetEdgeTpuS),
  },
  {
    name: "efficientnet_edgetpu_m",
    summary: "EfficientNet-EdgeTPU-M (Google reference builder)",
    defaults: { ...imagenet, resolution: 240, classes: 1001 },
    build: noArgument("efficientnet_edgetpu_m", efficientnetEdgeTpuM),
  },
  { name: "resnet18", summary: "ResNet-18 (torchvision)", defaults: imagenet, build: noArgument("resnet18", resnet18) },
  { name: "resnet50", summary: "ResNet-50 v1.5 (torchvision)", defaults: imagenet, build: noArgument("resnet50", resnet50) },
  { name: "vgg16", summary: "VGG-16 (torchvision, no batch norm): a heavy FC head", defaults: imagenet, build: noArgument("vgg16", vgg16) },
  {
    name: "nb201",
    summary: "NAS-Bench-201 CIFAR network, C=16, N=5",
    argument: "<arch string> | <6 op ids 0-4>",
    defaults: { resolution: 32, classes: 10 },
    build: (argument, o) => {
      const parsed = parseNb201(argument)
      return parsed.ok ? built(nb201(parsed.arch, o)) : failed(parsed.message)
    },
  },
  {
    name: "fbnet",
    summary: "FBNet macro-architecture with 22 chosen blocks",
    argument: '<22 block ids joined by "->"> | a | b | c',
    defaults: imagenet,
    build: (argument, o) => {
      const parsed = parseFbnet(argument)
      if (!parsed.ok) return failed(parsed.message)
      return built(fbnet(parsed.ops, argument === "a" ? { ...o, headChannels: 1504 } : o))
    },
  },
  {
    name: "ffnn",
    summary: "feed-forward classifier (dense + ReLU)",
    argument: "<input>-<units>-...-<classes> (default 1024-256-256-5)",
    defaults: {},
    build: (argument) => {
      const parsed = parseSizes(argument)
      return parsed.ok ? built(ffnn(parsed.sizes)) : failed(parsed.message)
    },
  },
  {
    name: "lstm_encoder",
    summary: "stacked LSTM encoder, unrolled into matmuls and element-wise ops",
    argument: "layers=L,hidden=H,steps=T,features=F",
    defaults: {},
    build: (argument) => {
      const parsed = parseLstm(argument)
      return parsed.ok ? built(lstmEncoder(parsed.value)) : failed(parsed.message)
    },
  },
  {
    name: "transducer",
    summary: "RNN-T-like speech model: LSTM encoder, LSTM prediction network, joint network (one decoding step)",
    argument: "encoder=L,hidden=H,steps=T,features=F,prediction=P,embedding=E,joint=J,vocab=V",
    defaults: {},
    build: (argument) => {
      const parsed = parseTransducer(argument)
      return parsed.ok ? built(transducer(parsed.value)) : failed(parsed.message)
    },
  },
  transformerEntry("bert_tiny", "BERT-Tiny encoder + pooler (L=2, H=128, A=2; Turc et al. 2019), 128 tokens", bertTiny),
  transformerEntry("bert_mini", "BERT-Mini encoder + pooler (L=4, H=256, A=4; Turc et al. 2019), 128 tokens", bertMini),
  ...(["s", "m", "l"] as const).map(
    (size): ZooEntry => ({
      name: `ds_cnn_${size}`,
      summary: `DS-CNN-${size.toUpperCase()} keyword spotter (Hello Edge, ARM ML-KWS-for-MCU), 49x10 MFCCs, batch norm folded`,
      defaults: { classes: 12 },
      build: noArgument(`ds_cnn_${size}`, (o) => dsCnn({ ...dsCnnSizes[size], classes: o.classes })),
    }),
  ),
]

/** Names of every zoo network family. */
export const zooNames: readonly string[] = zooEntries.map((entry) => entry.name)

const optionRules: Readonly<Record<ZooOption | "batch", (value: number) => boolean>> = {
  resolution: (v) => Number.isInteger(v) && v >= 1,
  width: (v) => Number.isFinite(v) && v > 0,
  classes: (v) => Number.isInteger(v) && v >= 1,
  batch: (v) => Number.isInteger(v) && v >= 1,
}

/**
 * Builds a zoo network from a spec (`name` or `name:argument`) and options. Never throws: an
 * unknown name, a bad argument, an option the network does not take, or options that make the
 * network invalid come back as a message.
 *
 * @example
 * const result = buildZooNetwork("mobilenet_v2", { resolution: 160, width: 0.75 })
 * const cell = buildZooNetwork("nb201:|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|")
 */
export const buildZooNetwork = (spec: string, options: ZooOptions = {}): ZooBuild => {
  const colon = spec.indexOf(":")
  const name = colon < 0 ? spec : spec.slice(0, colon)
  const argument = colon < 0 ? undefined : spec.slice(colon + 1)
  const entry = zooEntries.find((candidate) => candidate.name === name)
  if (entry === undefined) return failed(`"${name}" is not a zoo network; known: ${zooNames.join(", ")}`)
  for (const key of ["resolution", "width", "classes", "batch"] as const) {
    const value = options[key]
    if (value === undefined) continue
    if (!optionRules[key](value)) {
      return failed(`${key} ${value} is invalid for "${name}": ${key === "width" ? "a positive number" : "a positive integer"} is needed`)
    }
    if (key !== "batch" && entry.defaults[key] === undefined) {
      const supported = Object.keys(entry.defaults)
      return failed(`zoo network "${name}" takes no ${key} option (it takes ${supported.length > 0 ? supported.join(", ") : "none"})`)
    }
  }
  const resolved = {
    resolution: options.resolution ?? entry.defaults.resolution ?? 1,
    width: options.width ?? entry.defaults.width ?? 1,
    classes: options.classes ?? entry.defaults.classes ?? 1,
  }
  try {
    const result = entry.build(argument, resolved)
    return result.ok && options.batch !== undefined ? built({ ...result.network, batch: options.batch }) : result
  } catch (error) {
    if (error instanceof InvalidNetworkError) {
      return failed(
        `"${spec}" cannot be built with ${JSON.stringify(resolved)}:\n${error.issues.map((issue) => `  - ${issue.message}`).join("\n")}`,
      )
    }
    throw error
  }
}
