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
