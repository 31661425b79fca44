export { type Agreement, agreement, kendallTau, spearman } from "./agreement.js"
export { boundedLeastSquares } from "./bounded-least-squares.js"
export {
  adaptFewShot,
  drawIndices,
  evaluateFewShot,
  type FewShotAdaptation,
  type FewShotEvaluation,
  type FewShotEvaluationOptions,
  type FewShotOptions,
} from "./few-shot.js"
export { type LinearLatency, type LinearTemplate, templateAgreement } from "./linear-template.js"
