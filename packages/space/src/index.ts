/**
 * `@cosearch/space`: the search-space language of cosearch. Typed parameters (categorical,
 * ordinal, integer and float ranges, boolean) with conditions and named constraints; uniform
 * sampling, vector encodings, mutation and crossover over a compiled fast form; product spaces
 * for joint network × accelerator search; refinement for experiments; a JSON form.
 *
 * @example
 * import { createRandom, defineSpace, encode, ordinal, sample } from "@cosearch/space"
 * const space = defineSpace({ name: "pe", parameters: [ordinal("pe_x", [4, 8, 16]), ordinal("pe_y", [4, 8, 16])] })
 * const result = sample(space, createRandom(1))
 * if (result.ok) encode(space, result.configuration)
 *
 * @packageDocumentation
 */

export { type CompiledSpace, compileSpace } from "./compile/compiled-space.js"
export { BOOLEAN, CATEGORICAL, FLOAT, INTEGER, KIND_CODE, ORDINAL } from "./compile/kind-code.js"
export { addConstraints, joinConfigurations, type ProductOptions, productSpace, projectConfiguration } from "./compose/product-space.js"
export { type Constraint, constraint, expressionConstraint } from "./constraint/constraint.js"
export { type Cardinality, cardinality } from "./count/cardinality.js"
export { type EnumerateOptions, enumerate } from "./count/enumerate.js"
export { type ConstraintSummary, describeSpace, type ParameterSummary, type SpaceSummary } from "./describe/describe-space.js"
export { decode, decodeGenome } from "./encode/decode-vector.js"
export { encode, encodeGenome, vectorLength } from "./encode/encode-vector.js"
export { type CrossoverOptions, crossover, crossoverGenomes } from "./evolve/crossover.js"
export { DEFAULT_EVOLVE_TRIES, type Evolved, type MutateOptions, mutate, mutateGenome } from "./evolve/mutate.js"
export { checkExpression, type ExpressionIssue, type ExpressionType } from "./expression/check-expression.js"
export { compileExpression, type Predicate, type ValueReader } from "./expression/compile-expression.js"
export {
  type ArithmeticOperator,
  type BinaryOperation,
  type ComparisonOperator,
  type Expression,
  expr,
  type LogicalOperation,
  type NegationOperation,
  type Operation,
  type ParameterReference,
  referencedParameters,
} from "./expression/expression.js"
export { formatExpression } from "./expression/format-expression.js"
export { configurationToGenome, genomeToConfiguration, INACTIVE_GENE, isActiveGene } from "./genome/genome.js"
export { expected } from "./json/annotations.js"
export { ExpressionJsonSchema } from "./json/expression-schema.js"
export { formatPath, type JsonIssue, schemaIssues } from "./json/schema-issues.js"
export {
  finiteNumber,
  listOf,
  nonEmptyListOf,
  nonEmptyString,
  optionalField,
  positiveInteger,
  positiveNumber,
  quotedChoices,
  wholeNumber,
} from "./json/settings-fields.js"
export { decodeSpaceJson, encodeSpaceJson } from "./json/space-codec.js"
export { type ConstraintJson, type ParameterJson, ParameterJsonSchema, type SpaceJson, SpaceJsonSchema } from "./json/space-schema.js"
export { canonicalKey } from "./key/canonical-key.js"
export {
  type ConstraintsExhausted,
  type InvalidConfiguration,
  isFailure,
  type Rejection,
  type SpaceFailure,
} from "./outcome/failure.js"
export { describeDomain } from "./parameter/domain.js"
export {
  type BooleanParameter,
  boolean,
  type CategoricalParameter,
  type Condition,
  categorical,
  type FloatParameter,
  float,
  type IntegerParameter,
  integer,
  listedValues,
  type OrdinalParameter,
  ordinal,
  type Parameter,
  type ParameterBase,
  type ParameterKind,
  type ParameterOptions,
  type RangeOptions,
  type Scale,
  when,
} from "./parameter/parameter.js"
export { createRandom, normalDraw, type Random } from "./random/random.js"
export { type RangeNarrowing, type Refined, type Refinement, refineSpace } from "./refine/refine-space.js"
export { isFeasibleGenome } from "./sample/feasibility.js"
export { type Sampled, SamplingError, sample, sampleMany } from "./sample/sample.js"
export { DEFAULT_SAMPLE_TRIES, type SampleOptions, sampleGenome } from "./sample/sample-genome.js"
export { checkSpaceDefinition } from "./space/check-space.js"
export { defineSpace, type Space, type SpaceDefinition } from "./space/space.js"
export { formatSpaceIssues, InvalidSpaceError, type SpaceIssue } from "./space/space-issue.js"
export type { ConfigurationIssue, ConfigurationIssueKind } from "./validate/configuration-issue.js"
export { validateConfiguration } from "./validate/validate-configuration.js"
export { type Configuration, formatValue, type Value } from "./value/value.js"
