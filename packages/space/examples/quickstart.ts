// Run from the repository root:
//   node --conditions=@cosearch/source --import tsx packages/space/examples/quickstart.ts
import {
  canonicalKey,
  categorical,
  createRandom,
  decode,
  decodeSpaceJson,
  defineSpace,
  describeSpace,
  encode,
  expr,
  expressionConstraint,
  float,
  formatSpaceIssues,
  isFailure,
  mutate,
  ordinal,
  productSpace,
  projectConfiguration,
  refineSpace,
  sample,
  validateConfiguration,
  when,
} from "@cosearch/space"
import { Either } from "effect"

const { param, mul, le } = expr

// An accelerator space: ordinal knobs, a categorical dataflow and a named constraint.
const accelerator = defineSpace({
  name: "accelerator",
  parameters: [
    ordinal("pe_x", [4, 8, 16, 32]),
    ordinal("pe_y", [4, 8, 16, 32]),
    ordinal("glb_kib", [64, 128, 256, 512]),
    categorical("dataflow", ["ws", "os", "rs"]),
  ],
  constraints: [expressionConstraint("pe-budget", "at most 256 PEs", le(mul(param("pe_x"), param("pe_y")), 256))],
})

// A network space with a conditional chain: expand and se only for mbconv blocks, se_ratio only with se.
const network = defineSpace({
  name: "network",
  parameters: [
    categorical("block", ["conv", "mbconv"]),
    ordinal("kernel", [3, 5, 7]),
    ordinal("expand", [3, 6], { condition: when("block", "mbconv") }),
    categorical("se", [false, true], { condition: when("block", "mbconv") }),
    ordinal("se_ratio", [0.125, 0.25], { condition: when("se", true) }),
    float("lr", 1e-4, 1e-1, { scale: "log" }),
  ],
})

// The joint space prefixes names: nn.kernel, hw.pe_x, ...; constraints carry over.
const joint = productSpace({ nn: network, hw: accelerator })
const summary = describeSpace(joint)
console.log(`${summary.name}: ${summary.parameters.length} parameters, vector length ${summary.vectorLength}`)

// Sample uniformly (constraints by rejection), encode to [0, 1]^d and back, mutate.
const rng = createRandom("quickstart")
const drawn = sample(joint, rng)
if (!drawn.ok) throw new Error(drawn.message)
const config = drawn.configuration
const vector = encode(joint, config)
if (isFailure(vector)) throw new Error(vector.message)
console.log(canonicalKey(joint, decode(joint, vector)) === canonicalKey(joint, config)) // true
const mutant = mutate(joint, config, rng, { k: 2 })
if (mutant.ok) console.log("hardware part of the mutant:", projectConfiguration(mutant.configuration, "hw"))

// Invalid configurations are explained, not thrown.
console.log(validateConfiguration(accelerator, { pe_x: 12, pe_y: 8, glb_kib: 64, dataflow: "ws" })[0]?.message)
// parameter "pe_x": 12 is not allowed; allowed: one of 4, 8, 16, 32

// An experiment narrows the space; the same space can come from a JSON file.
const refined = refineSpace(accelerator, { fix: { dataflow: "ws" }, narrow: { pe_x: [16, 32] } })
if (!refined.ok) throw new Error(refined.message)
const fromFile = decodeSpaceJson({ name: "tiny", parameters: [{ name: "pe_x", kind: "ordinal", values: [4, 8, 16] }] })
if (Either.isLeft(fromFile)) throw new Error(formatSpaceIssues(fromFile.left))
console.log(describeSpace(refined.space).cardinality, describeSpace(fromFile.right).cardinality) // "32" "3"
