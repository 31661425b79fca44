import type { JsonReader } from "../json/read-json.js"
import { forestModel, type GbtOptions, trainGbt } from "./gbt.js"
import { type GpOptions, gpFromJson, trainGp } from "./gp.js"
import { type MlpOptions, mlpFromJson, trainMlp } from "./mlp.js"
import type { FittedModel, ModelKind, ModelTrainer } from "./model.js"
import { type RfOptions, trainRandomForest } from "./rf.js"
import { forestFromJson } from "./tree/forest-json.js"

/** Model-specific knobs, one object per kind (each field documented with its default). */
export interface ModelOptions {
  readonly gbt?: GbtOptions
  readonly rf?: RfOptions
  readonly mlp?: MlpOptions
  readonly gp?: GpOptions
}

/** How a kind trains and loads. */
export interface ModelEntry {
  readonly train: ModelTrainer<ModelOptions>
  /** Reads the `parameters` of a saved model with `width` features. */
  readonly load: (json: JsonReader, width: number) => FittedModel
}

/** Every model kind's trainer and loader. */
export const modelRegistry: Readonly<Record<ModelKind, ModelEntry>> = {
  gbt: {
    train: (train, validation, options, random) => trainGbt(train, validation, options.gbt ?? {}, random),
    load: (json, width) => forestModel(forestFromJson(json, width), "gbt"),
  },
  rf: {
    train: (train, validation, options, random) => trainRandomForest(train, validation, options.rf ?? {}, random),
    load: (json, width) => forestModel(forestFromJson(json, width), "rf"),
  },
  mlp: {
    train: (train, validation, options, random) => trainMlp(train, validation, options.mlp ?? {}, random),
    load: mlpFromJson,
  },
  gp: {
    train: (train, validation, options, random) => trainGp(train, validation, options.gp ?? {}, random),
    load: gpFromJson,
  },
}
