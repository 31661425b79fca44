import { decodeSpaceJson, type Space, type SpaceJson } from "@cosearch/space"
import { Either } from "effect"
import type { ConfigIssue } from "../issues/config-issue.js"
import type { NamedSpace } from "./named-space.js"
import { builtInSpaceNames, lookupSpace } from "./registry.js"

/**
 * A study's space: a built-in one (with its decoder) or one written inline in the experiment.
 *
 * @example
 * const resolved: StudySpace = { space: nb201Space, entry: lookupEntry("nb201") }
 */
export interface StudySpace {
  readonly space: Space
  readonly entry: NamedSpace | undefined
}

/**
 * Resolves the `space` of an experiment: a built-in space's name, or a space object (the JSON
 * form of `decodeSpaceJson`). Problems come back with paths under `space`.
 *
 * @example
 * const resolved = resolveStudySpace("nb201")
 * if (Either.isRight(resolved)) resolved.right.space.parameters.length // 6
 */
export const resolveStudySpace = (spec: string | SpaceJson): Either.Either<StudySpace, ConfigIssue[]> => {
  if (typeof spec === "string") {
    const found = lookupSpace(spec)
    return found.ok
      ? Either.right({ space: found.entry.space, entry: found.entry })
      : Either.left([
          { path: "space", message: `expected a built-in space (${builtInSpaceNames.join(", ")}) or a space object, got "${spec}"` },
        ])
  }
  return Either.match(decodeSpaceJson(spec), {
    onLeft: (issues) =>
      Either.left(issues.map((issue) => ({ path: issue.path === "(root)" ? "space" : `space.${issue.path}`, message: issue.message }))),
    onRight: (space) => Either.right({ space, entry: undefined }),
  })
}
