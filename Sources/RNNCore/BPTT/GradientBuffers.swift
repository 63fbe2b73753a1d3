/// The accumulators of one backward pass, in the kernels' contiguous layout, and their
/// conversion to `SequenceGradients`.
final class GradientBuffers {
    let steps: Int, batch: Int, inputSize: Int, hiddenSize: Int, width: Int
    /// (T·B × H) ∂L/∂h_t from outside the recurrence.
    let upstream: DoubleStorage
    /// (B × H) the gradient flowing back into h_{t-1}; after the loop ∂L/∂h0.
    let dhNext: DoubleStorage
    /// (B × H) the gradient flowing back into c_{t-1} (LSTM); after the loop ∂L/∂c0.
    let dc: DoubleStorage?
    /// (T·B × blocks·H) ∂L/∂(pre-activations): for the GRU the input side W_x x + b_x.
    let dA: DoubleStorage
    /// (T·B × 3H) GRU only: ∂L/∂(W_h h + b_h), the recurrent side.
    let dRec: DoubleStorage?
    /// Parameter gradients in the `CellBuffers` naming.
    let dWx: DoubleStorage, dWh: DoubleStorage, dbx: DoubleStorage, dbh: DoubleStorage?
    /// (T·B × D) ∂L/∂x_t.
    let dX: DoubleStorage
    /// (B × T) ‖∂L/∂h_t‖.
    let hNorm: DoubleStorage

    /// `upstreamFilled`: the caller writes every value of `upstream` (else it starts at zeros).
    init(kind: CellKind, steps T: Int, batch B: Int, inputSize D: Int, hiddenSize H: Int, upstreamFilled: Bool = false) {
        steps = T; batch = B; inputSize = D; hiddenSize = H
        width = kind.blocks * H
        upstream = upstreamFilled ? DoubleStorage(uninitializedCount: T * B * H) : DoubleStorage(count: T * B * H)
        dhNext = DoubleStorage(count: B * H)
        dc = kind == .lstm ? DoubleStorage(count: B * H) : nil
        // every step writes all of its row of dA (and dRec): no zeroing
        dA = DoubleStorage(uninitializedCount: T * B * width)
        dRec = kind == .gru ? DoubleStorage(uninitializedCount: T * B * width) : nil
        dWx = DoubleStorage(count: width * D)
        dWh = DoubleStorage(count: width * H)
        dbx = DoubleStorage(count: width)
        dbh = kind == .gru ? DoubleStorage(count: width) : nil
        dX = DoubleStorage(count: T * B * D)
        hNorm = DoubleStorage(count: B * T)
    }

    /// dh_t = (gradient from the future) + (gradient from outside), in place in `dhNext`,
    /// and its norm per sequence into `hNorm[·, t]`, for the batch rows `rows` (all by default).
    func gatherHiddenGradient(step t: Int, rows: Range<Int>? = nil) {
        let B = batch, H = hiddenSize
        let dh = dhNext.pointer, ext = upstream.pointer + t * B * H
        for b in rows ?? 0..<B {
            var sum = 0.0
            for j in 0..<H {
                let v = dh[b * H + j] + ext[b * H + j]
                dh[b * H + j] = v
                sum += v * v
            }
            hNorm.pointer[b * steps + t] = sum.squareRoot()
        }
    }

    /// `out[j] += Σ_r m[r, j]`, rows in order (deterministic).
    func columnSums(_ m: UnsafePointer<Double>, rows: Int, cols: Int, into out: UnsafeMutablePointer<Double>) {
        for r in 0..<rows {
            let row = m + r * cols
            for j in 0..<cols { out[j] += row[j] }
        }
    }

    /// ∂L/∂W for the weights under their canonical names (the biases only when `present`).
    func parameterGradients(names: (wx: String, wh: String, bx: String, bh: String?), present: Set<String>) -> [String: Matrix] {
        let G = width, D = inputSize, H = hiddenSize
        var parameters: [String: Matrix] = [
            names.wx: dWx.matrix(offset: 0, rows: G, cols: D),
            names.wh: dWh.matrix(offset: 0, rows: G, cols: H),
        ]
        if present.contains(names.bx) { parameters[names.bx] = dbx.matrix(offset: 0, rows: 1, cols: G) }
        if let bh = names.bh, let dbh, present.contains(bh) { parameters[bh] = dbh.matrix(offset: 0, rows: 1, cols: G) }
        return parameters
    }

    func gradients(names: (wx: String, wh: String, bx: String, bh: String?), present: Set<String>) -> SequenceGradients {
        let D = inputSize, H = hiddenSize, B = batch
        return SequenceGradients(
            parameters: parameterGradients(names: names, present: present),
            x: (0..<steps).map { dX.matrix(offset: $0 * B * D, rows: B, cols: D) },
            h0: dhNext.matrix(offset: 0, rows: B, cols: H),
            c0: dc?.matrix(offset: 0, rows: B, cols: H),
            hNorm: hNorm.matrix(offset: 0, rows: B, cols: steps))
    }
}
