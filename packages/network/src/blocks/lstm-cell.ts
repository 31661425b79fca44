import type { NetworkBuilder, Tensor } from "../builder/builder.js"

/**
 * One LSTM layer over a sequence, expressed as its matmuls and element-wise ops and unrolled in
 * time. The input is a Tx1xF sequence; the result is the Tx1xH sequence of hidden states.
 *
 * The input projection `W_x x_t + b_x` is one dense layer over all T steps (the inputs are all
 * known up front); the recurrent projection `W_h h_{t-1} + b_h` is one dense layer per step, all
 * sharing the first step's weights. Per step (gates i, f, g, o, as in PyTorch):
 *
 * ```
 * z = slice_t(W_x x + b_x) + W_h h_{t-1} + b_h        (1x1x4H)
 * i, f, o = sigmoid(z_i), sigmoid(z_f), sigmoid(z_o);  g = tanh(z_g)
 * c_t = f * c_{t-1} + i * g;  h_t = o * tanh(c_t)
 * ```
 * Parameters: 4H(F + H) + 8H, as in PyTorch's `nn.LSTM`. The initial states are zeros.
 *
 * @example
 * const hs = lstmLayer(b, sequence, 256, "lstm0")
 */
export const lstmLayer = (b: NetworkBuilder, x: Tensor, hidden: number, name = "lstm"): Tensor =>
  b.scope(name, () => {
    const steps = x.shape.h
    const projected = b.dense(x, 4 * hidden, { name: "input_projection" })
    let h = b.zeros({ h: 1, w: 1, c: hidden }, "h0")
    let c = b.zeros({ h: 1, w: 1, c: hidden }, "c0")
    let owner: string | undefined
    const outputs: Tensor[] = []
    for (let t = 0; t < steps; t++) {
      ;[h, c] = b.scope(`t${t}`, () => {
        const recurrent = b.dense(
          h,
          4 * hidden,
          owner === undefined ? { name: "recurrent_projection" } : { name: "recurrent_projection", shareWeights: owner },
        )
        owner ??= recurrent.name
        const z = b.add([b.slice(projected, "h", t, 1, "x_t"), recurrent], "gates")
        const gate = (index: number, fn: "sigmoid" | "tanh", label: string): Tensor =>
          b.activation(b.slice(z, "c", index * hidden, hidden, `${label}_in`), fn, label)
        const i = gate(0, "sigmoid", "i")
        const f = gate(1, "sigmoid", "f")
        const g = gate(2, "tanh", "g")
        const o = gate(3, "sigmoid", "o")
        const cNext = b.add([b.mul([f, c], "forget"), b.mul([i, g], "write")], "c")
        const hNext = b.mul([o, b.activation(cNext, "tanh", "c_tanh")], "h")
        return [hNext, cNext] as const
      })
      outputs.push(h)
    }
    return outputs.length === 1 ? (outputs[0] as Tensor) : b.concat(outputs, "h", "sequence")
  })
