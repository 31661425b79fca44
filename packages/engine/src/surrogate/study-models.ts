import { type Space, sampleMany } from "@cosearch/space"
import type { ConfigIssue } from "../issues/config-issue.js"
import { cachedModelFile } from "./model-cache.js"
import type { ModelFile } from "./model-file.js"

/**
 * Reads model files (each decoded once per process, see `cachedModelFile`) and checks that each
 * can featurize a configuration of the study's space; problems come back with the JSON path
 * `pathOf(i)` of the i-th file.
 *
 * @example
 * const { models, issues } = loadStudyModels(["latency.json"], context, (i) => `model[${i}]`)
 */
export const loadStudyModels = (
  paths: readonly string[],
  { space, baseDirectory }: { readonly space: Space; readonly baseDirectory: string },
  pathOf: (index: number) => string,
): { readonly models: ModelFile[]; readonly issues: ConfigIssue[] } => {
  const models: ModelFile[] = []
  const issues: ConfigIssue[] = []
  const [probe] = sampleMany(space, 1, "surrogate-check")
  const targets = new Map<string, number>()
  for (const [index, path] of paths.entries()) {
    try {
      const model = cachedModelFile(path, baseDirectory)
      if (probe !== undefined) model.featurizer.ofConfiguration(probe, new Float64Array(model.featurizer.names.length), 0)
      const earlier = targets.get(model.surrogate.target)
      if (earlier !== undefined) {
        issues.push({ path: pathOf(index), message: `predicts "${model.surrogate.target}", as ${pathOf(earlier)} already does` })
      }
      targets.set(model.surrogate.target, index)
      models.push(model)
    } catch (error) {
      issues.push({ path: pathOf(index), message: `cannot predict for space "${space.name}": ${(error as Error).message}` })
    }
  }
  return { models, issues }
}
