import type { NetworkBuilder, Tensor } from "../builder/builder.js"

/**
 * One GRU layer over a sequence, expressed as its matmuls and element-wise ops and unrolled in
 * time, as `lstmLayer` does for an LSTM. The input is a Tx1xF sequence; the result is the Tx1xH
 * sequence of hidden states. Gates z, r, n in ONNX's order, with the reset gate applied after the
 * recurrent projection (PyTorch's `nn.GRU`, ONNX's `linear_before_reset = 1`):
 *
 * ```
 * x' = slice_t(W_x x + b_x);  h' = W_h h_{t-1} + b_h          (1x1x3H each)
 * z = sigmoid(x'_z + h'_z);  r = sigmoid(x'_r + h'_r)
 * n = tanh(x'_n + r * h'_n);  h_t = n + z * (h_{t-1} - n)
 * ```
 * Parameters: 3H(F + H) + 6H, as in PyTorch's `nn.GRU`. The initial state is zeros.
 *
 * @example
 * const hs = gruLayer(b, sequence, 128, "gru0")
 */
export const gruLayer = (b: NetworkBuilder, x: Tensor, hidden: number, name = "gru"): Tensor =>
  b.scope(name, () => {
    const steps = x.shape.h
    const projected = b.dense(x, 3 * hidden, { name: "input_projection" })
    let h = b.zeros({ h: 1, w: 1, c: hidden }, "h0")
    let owner: string | undefined
    const outputs: Tensor[] = []
    for (let t = 0; t < steps; t++) {
      h = b.scope(`t${t}`, () => {
        const recurrent = b.dense(
          h,
          3 * hidden,
          owner === undefined ? { name: "recurrent_projection" } : { name: "recurrent_projection", shareWeights: owner },
        )
        owner ??= recurrent.name
        const input = b.slice(projected, "h", t, 1, "x_t")
        const part = (source: Tensor, index: number, label: string): Tensor => b.slice(source, "c", index * hidden, hidden, label)
        const both = (source: Tensor, label: string): Tensor => b.slice(source, "c", 0, 2 * hidden, label)
        const gates = b.activation(b.add([both(input, "x_zr"), both(recurrent, "h_zr")], "zr_in"), "sigmoid", "zr")
        const z = part(gates, 0, "z")
        const r = part(gates, 1, "r")
        const xn = part(input, 2, "x_n")
        const n = b.activation(b.add([xn, b.mul([r, part(recurrent, 2, "h_n")], "reset")], "n_in"), "tanh", "n")
        // h_t = n + z * (h - n): the difference is an add of -n (one op per element, as counted).
        return b.add([n, b.mul([z, b.add([h, n], "h_minus_n")], "update")], "h")
      })
      outputs.push(h)
    }
    return outputs.length === 1 ? (outputs[0] as Tensor) : b.concat(outputs, "h", "sequence")
  })
