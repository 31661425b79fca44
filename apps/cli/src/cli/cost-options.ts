import { type DataflowChoice, dataflowNames, isDataflowName, type MapperObjective, mapperObjectives } from "@cosearch/cost"
import { Options } from "@effect/cli"
import { Effect } from "effect"
import { invalid } from "./options.js"

// The cost options that the commands evaluating or converting designs share.

/** `--dataflow`: a family the mapper searches, one of MAESTRO's dataflows, or auto. */
export const dataflowOption = Options.text("dataflow").pipe(
  Options.withPseudoName([...dataflowNames, "auto"].join("|")),
  Options.mapEffect((text) =>
    text === "auto" || isDataflowName(text)
      ? Effect.succeed(text as DataflowChoice)
      : invalid(`--dataflow "${text}" is not a dataflow; use one of ${[...dataflowNames, "auto"].join(", ")}`),
  ),
  Options.withDescription(
    "a family the mapper searches, one of MAESTRO's dataflows (its one mapping per layer), or auto to search every family (default: auto; a systolic array keeps its own unless given)",
  ),
  Options.optional,
)
/** `--objective`: what the mapper (or a system's scheduler) minimizes. */
export const objectiveOption = Options.text("objective").pipe(
  Options.withPseudoName(mapperObjectives.join("|")),
  Options.mapEffect((text) =>
    (mapperObjectives as readonly string[]).includes(text)
      ? Effect.succeed(text as MapperObjective)
      : invalid(`--objective "${text}" is not an objective; use one of ${mapperObjectives.join(", ")}`),
  ),
  Options.withDefault<MapperObjective>("latency"),
  Options.withDescription("what the mapper minimizes per layer, or the scheduler over a system's network"),
)
/** `--mapping FILE`: fixed mappings (`loadMappingFile`). */
export const mappingOption = Options.file("mapping").pipe(
  Options.withDescription(
    "fixed mappings instead of the mapper (hierarchical accelerators): a MAESTRO .m file (a Dataflow block, or a network's per-layer Dataflow blocks), a mapping .json (one mapping, or { layers: { name: mapping } }), or a Timeloop mapping .yaml or printed .map.txt",
  ),
  Options.optional,
)

/**
 * How a hierarchical accelerator's accesses are counted: `physical` (cosearch's model) or
 * `timeloop` (as Timeloop counts them, `timeloopAccounting`).
 */
export type AccountingChoice = "physical" | "timeloop"

/** `--accounting physical|timeloop` (absent: each mapping its own way). */
export const accountingOption = Options.choice("accounting", ["physical", "timeloop"] as const).pipe(
  Options.withDescription(
    "how a hierarchical accelerator's accesses are counted. Absent: cosearch's physical model, but MAESTRO's dataflows and .m mappings as MAESTRO counts them. physical: cosearch's model for every mapping (MAESTRO's too, buffer sizes enforced). timeloop: as Timeloop counts (read-modify-write on every MAC, whole vectors, no halo reuse); not for MAESTRO's dataflows",
  ),
  Options.optional,
)
