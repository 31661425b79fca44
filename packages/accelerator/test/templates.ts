import {
  type AcceleratorTemplate,
  cpuTemplate,
  edgeTpuTemplate,
  hierarchicalTemplate,
  imacTemplate,
  systolicTemplate,
} from "@cosearch/accelerator"

/** The built-in kinds' templates, in the registry's order (`@cosearch/cost`'s `builtInKinds` joins each with its cost model). */
export const templates: readonly AcceleratorTemplate[] = [
  edgeTpuTemplate,
  hierarchicalTemplate,
  systolicTemplate,
  imacTemplate,
  cpuTemplate,
]
