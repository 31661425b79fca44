import type { Configuration, Space } from "@cosearch/space"
import type { FieldIssue } from "../validation/field-rules.js"

/**
 * One accelerator of a kind, named: the kind (`edgetpu`, `hierarchical`, ...), a name for reports
 * and that kind's accelerator description. In a heterogeneous system it is a unit, and `nearData`
 * marks a unit that sits by the memory (in the DRAM stack or its logic layer): its default path to
 * and from DRAM is the system's `nearDataPath`. Without type arguments it is a unit of any kind.
 *
 * @example
 * const unit: AcceleratorUnit<"systolic", SystolicArray> = { kind: "systolic", name: "fc", accelerator: systolicPresets["systolic-32x32"] }
 */
export interface AcceleratorUnit<Kind extends string = string, Accelerator = unknown> {
  readonly kind: Kind
  readonly name: string
  readonly accelerator: Accelerator
  readonly nearData?: boolean
}

/**
 * A named knob space of a kind: the space searches sample, and how one of its (valid)
 * configurations becomes an accelerator unit of the kind.
 *
 * @example
 * const unit = edgeTpuTemplate.knobs[0]?.decode(sampleMany(edgeTpuKnobs, 1, "seed")[0] ?? {})
 */
export interface KnobSpace<Kind extends string = string, Accelerator = unknown> {
  /** The space's name on the command line and in experiments (`edgetpu-knobs`). */
  readonly name: string
  /** One line for listings. */
  readonly summary: string
  readonly space: Space
  /** The unit a valid configuration of `space` describes; throws on configurations that are not. */
  decode(configuration: Configuration): AcceleratorUnit<Kind, Accelerator>
}

/**
 * What a file reader makes of a file's text: the accelerator, or every error (each naming its
 * line or key).
 *
 * @example
 * const read: AcceleratorFileRead<SystolicArray> = { ok: false, errors: ['line 5: ArrayHeight "0" must be a positive integer'] }
 */
export type AcceleratorFileRead<Accelerator = unknown> =
  | { readonly ok: true; readonly accelerator: Accelerator }
  | { readonly ok: false; readonly errors: readonly string[] }

/**
 * A reader of a kind's own file format, chosen by the file's extension (SCALE-Sim's `.cfg` for
 * systolic arrays); accelerator `.json` documents need none (`validate` reads them).
 *
 * @example
 * const reader: AcceleratorFileReader<SystolicArray> = { extension: ".cfg", summary: "a SCALE-Sim .cfg file", read: readScaleSimArray }
 */
export interface AcceleratorFileReader<Accelerator = unknown> {
  /** The file name's ending, with its dot. */
  readonly extension: string
  /** How a message names the format (`a SCALE-Sim .cfg file`). */
  readonly summary: string
  read(text: string): AcceleratorFileRead<Accelerator>
}

/**
 * The description side of an accelerator kind: everything about its accelerators that is not
 * their cost. `presets` by name; `validate` checks a description read from JSON (an accelerator
 * document, or a system unit's `accelerator`) and names each problem's field path and value;
 * `unitIssues`, what a unit of a heterogeneous system needs besides (a clock to turn cycles into
 * seconds); `area`, the area model (`null`: the kind has none); `knobs`, its named knob spaces;
 * `readers`, readers of its own file formats. The cost side joins it in `@cosearch/cost`.
 *
 * @example
 * const template: AcceleratorTemplate<"imac", ImacAccelerator> = imacTemplate
 * template.validate({ ...defaultImacAccelerator, crossbarRows: 0 })[0]?.path // "crossbarRows"
 */
export interface AcceleratorTemplate<Kind extends string = string, Accelerator = unknown> {
  /** The kind's name: the `kind` of its units and documents. */
  readonly kind: Kind
  /** One line for listings. */
  readonly summary: string
  /** How a message names one of its accelerators: `Edge TPU`, `systolic array`. */
  readonly title: string
  /** The built-in accelerators by name; names are unique across kinds. */
  readonly presets: Readonly<Record<string, Accelerator>>
  /** Every problem of a description (paths relative to it); empty when valid. Never throws. */
  validate(document: unknown): FieldIssue[]
  /** What a system unit needs besides a valid description (paths relative to the accelerator). */
  unitIssues(accelerator: unknown): FieldIssue[]
  /** The accelerator a valid document describes (the document itself, but for kinds whose description has no `kind`). */
  fromDocument(document: Readonly<Record<string, unknown>>): Accelerator
  /** The accelerator's own name, when it has one. */
  nameOf(accelerator: Accelerator): string | undefined
  /** The area, mm² (45 nm for the digital kinds); `null` when the kind has no area model. */
  area(accelerator: Accelerator): number | null
  /** The kind's knob spaces (possibly none). */
  readonly knobs: readonly KnobSpace<Kind, Accelerator>[]
  /** Readers of the kind's own file formats (possibly none). */
  readonly readers: readonly AcceleratorFileReader<Accelerator>[]
}

/**
 * What `defineTemplate` needs: the template, less the parts most kinds leave as they are.
 *
 * @example
 * const input: TemplateInput<"cpu", CpuAccelerator> = { kind: "cpu", summary, title: "CPU", presets: cpuPresets, validate, area: () => null }
 */
export type TemplateInput<Kind extends string, Accelerator> = Omit<
  AcceleratorTemplate<Kind, Accelerator>,
  "unitIssues" | "fromDocument" | "nameOf" | "knobs" | "readers"
> &
  Partial<Pick<AcceleratorTemplate<Kind, Accelerator>, "unitIssues" | "fromDocument" | "nameOf" | "knobs" | "readers">>

const noIssues = (): FieldIssue[] => []

/**
 * A template with the defaults most kinds take: a unit needs nothing besides a valid description
 * (`unitIssues`), a document is the accelerator itself (`fromDocument`), its name is its `name`
 * field (`nameOf`), and no knob space or file reader.
 *
 * @example
 * export const cpuTemplate = defineTemplate<"cpu", CpuAccelerator>({ kind: "cpu", summary, title: "CPU", presets: cpuPresets, validate: validateCpuAccelerator, area: () => null })
 */
export const defineTemplate = <Kind extends string, Accelerator>(
  input: TemplateInput<Kind, Accelerator>,
): AcceleratorTemplate<Kind, Accelerator> => ({
  unitIssues: noIssues,
  fromDocument: (document) => document as unknown as Accelerator,
  nameOf: (accelerator) => {
    const name = (accelerator as { readonly name?: unknown }).name
    return typeof name === "string" ? name : undefined
  },
  knobs: [],
  readers: [],
  ...input,
})

/**
 * Whether a unit is of a template's kind, typed as that kind's unit (its description is trusted:
 * validate units read from JSON first).
 *
 * @example
 * if (isUnitOf(imacTemplate, unit)) unit.accelerator.crossbarCount
 */
export const isUnitOf = <Kind extends string, Accelerator>(
  template: AcceleratorTemplate<Kind, Accelerator>,
  unit: AcceleratorUnit,
): unit is AcceleratorUnit<Kind, Accelerator> => unit.kind === template.kind

/**
 * The template of a kind among `templates`, or `undefined`.
 *
 * @example
 * templateOf([edgeTpuTemplate, imacTemplate], "imac")?.title // "IMAC unit"
 */
export const templateOf = (templates: readonly AcceleratorTemplate[], kind: unknown): AcceleratorTemplate | undefined =>
  templates.find((template) => template.kind === kind)

/**
 * The unit of a preset of any of `templates` (named as the preset), or `undefined`.
 *
 * @example
 * presetUnitOf(templates, "coral") // { kind: "edgetpu", name: "coral", accelerator: edgeTpuPresets.coral }
 */
export const presetUnitOf = (templates: readonly AcceleratorTemplate[], name: string): AcceleratorUnit | undefined => {
  for (const template of templates)
    if (Object.hasOwn(template.presets, name)) return { kind: template.kind, name, accelerator: template.presets[name] }
  return undefined
}

/**
 * Every preset name of `templates`, kind by kind.
 *
 * @example
 * presetNamesOf([cpuTemplate]) // ["cortex-a53"]
 */
export const presetNamesOf = (templates: readonly AcceleratorTemplate[]): string[] =>
  templates.flatMap((template) => Object.keys(template.presets))
