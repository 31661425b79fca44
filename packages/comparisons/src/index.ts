/**
 * `@cosearch/comparisons`: fixed, seeded computations that compare designs or systems on a set of
 * networks and reproduce a paper's table.
 *
 * @packageDocumentation
 */

export { decodeClassStudyConfig } from "./edgetpu-classes/config.js"
export { classStudyMarkdown } from "./edgetpu-classes/markdown.js"
export { classStudyReport } from "./edgetpu-classes/report.js"
export { runClassStudy } from "./edgetpu-classes/run.js"
export { runStudyConfig, studyKindNames } from "./registry/registry.js"
