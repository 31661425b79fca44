import { NetworkBuilder, type Tensor } from "../builder/builder.js"
import type { Network } from "../graph/network.js"

/** Options of `transformerEncoder`: a BERT-style encoder's sizes. */
export interface TransformerEncoderOptions {
  /** Encoder layers (L). */
  readonly layers: number
  /** Hidden size (H); a multiple of `heads`. */
  readonly hidden: number
  /** Attention heads (A); each attends over H / A channels. */
  readonly heads: number
  /** Width of the feed-forward block (I, 4H in BERT). */
  readonly intermediate: number
  /** Rows of the token embedding table (30522 for BERT's uncased WordPiece vocabulary). */
  readonly vocab: number
  /** Rows of the position embedding table (the longest sequence the model takes). */
  readonly positions: number
  /** Rows of the token-type (segment) embedding table. */
  readonly types: number
  /** Tokens per inference (T), at most `positions`. */
  readonly sequence: number
}

/** BERT-Tiny (Turc et al., 2019): L=2, H=128, A=2, I=512, at sequence length 128. */
export const bertTiny: TransformerEncoderOptions = {
  layers: 2,
  hidden: 128,
  heads: 2,
  intermediate: 512,
  vocab: 30522,
  positions: 512,
  types: 2,
  sequence: 128,
}

/** BERT-Mini (Turc et al., 2019): L=4, H=256, A=4, I=1024, at sequence length 128. */
export const bertMini: TransformerEncoderOptions = { ...bertTiny, layers: 4, hidden: 256, heads: 4, intermediate: 1024 }

/**
 * Multi-head self-attention over a Tx1xH sequence: Q, K and V projections, each split into
 * T x heads x (H / heads); scores Q·Kᵀ per head (K transposed to dk x heads x T), softmax over the
 * keys, the softmax times V, the heads joined back into Tx1xH and the output projection. The
 * 1/sqrt(dk) scaling is left out (it folds into the Q projection), as is the attention mask (no
 * padding at a fixed sequence length).
 */
const selfAttention = (b: NetworkBuilder, x: Tensor, heads: number): Tensor => {
  const { h: tokens, c: hidden } = x.shape
  const split = { h: tokens, w: heads, c: hidden / heads }
  const q = b.reshape(b.dense(x, hidden, { name: "query" }), split, "query_heads")
  const k = b.reshape(b.dense(x, hidden, { name: "key" }), split, "key_heads")
  const v = b.reshape(b.dense(x, hidden, { name: "value" }), split, "value_heads")
  const scores = b.matmul(q, b.transpose(k, ["c", "w", "h"], "key_transposed"), "scores")
  const context = b.matmul(b.softmax(scores, "c", "probabilities"), v, "context")
  return b.dense(b.reshape(context, { h: tokens, w: 1, c: hidden }, "context_joined"), hidden, { name: "output" })
}

/** One post-norm encoder layer: attention, add & norm, GELU feed-forward, add & norm. */
const encoderLayer = (b: NetworkBuilder, x: Tensor, o: TransformerEncoderOptions): Tensor => {
  const attended = b.scope("attention", () => b.layernorm(b.add([x, selfAttention(b, x, o.heads)], "residual"), "layernorm"))
  return b.scope("ffn", () => {
    const inner = b.activation(b.dense(attended, o.intermediate, { name: "intermediate" }), "gelu")
    return b.layernorm(b.add([attended, b.dense(inner, o.hidden, { name: "output" })], "residual"), "layernorm")
  })
}

/**
 * A BERT-style transformer encoder (Devlin et al., 2019; the compact sizes of Turc et al., 2019),
 * laid out as HuggingFace's `BertModel`: token, position and token-type embeddings summed and
 * layer-normalized; `layers` post-norm encoder layers; the pooler (dense + tanh on the first
 * token). A sequence of T tokens is a Tx1xC tensor, and the three id tensors (token ids, token
 * types, positions) are Tx1x1 inputs. Parameters match `BertModel`'s: (V + P + types)·H + 2H for
 * the embeddings, 4(H² + H) + 2H + (H·I + I) + (I·H + H) + 2H per layer and H² + H for the pooler.
 * The pre-training heads (masked LM, next sentence) are not built.
 *
 * @example
 * transformerEncoder(bertTiny) // 4,385,920 parameters, 2 layers of 128 channels over 128 tokens
 */
export const transformerEncoder = (o: TransformerEncoderOptions): Network => {
  const b = new NetworkBuilder(
    `transformer_encoder:layers=${o.layers},hidden=${o.hidden},heads=${o.heads},intermediate=${o.intermediate},vocab=${o.vocab},positions=${o.positions},types=${o.types},sequence=${o.sequence}`,
  )
  const ids = { h: o.sequence, w: 1, c: 1 }
  const tokenIds = b.input(ids, "input_ids")
  const positionIds = b.input(ids, "position_ids")
  const typeIds = b.input(ids, "token_type_ids")
  let x = b.scope("embeddings", () => {
    const words = b.embedding(tokenIds, o.vocab, o.hidden, "word")
    const positions = b.embedding(positionIds, o.positions, o.hidden, "position")
    const types = b.embedding(typeIds, o.types, o.hidden, "token_type")
    return b.layernorm(b.add([words, positions, types], "sum"), "layernorm")
  })
  for (let i = 0; i < o.layers; i++) {
    const input = x
    x = b.scope(`layer${i + 1}`, () => encoderLayer(b, input, o))
  }
  const sequenceOutput = x
  const pooled = b.scope("pooler", () =>
    b.activation(b.dense(b.slice(sequenceOutput, "h", 0, 1, "first_token"), o.hidden, { name: "dense" }), "tanh"),
  )
  return b.build([sequenceOutput, pooled])
}
