extension CellParameters {
    /// The Jacobian of one step, ∂s_t/∂s_{t−1}, for sequence `b` of a trace.
    ///
    /// The state s is h (H × H Jacobian) for the RNN and GRU, and (h, c) stacked for the LSTM
    /// (2H × 2H: blocks [[∂h/∂h, ∂h/∂c], [∂c/∂h, ∂c/∂c]]). With a = pre-activations:
    ///
    /// - RNN: ∂h_t/∂h_{t−1} = diag(1 − h_t²) W_hh
    /// - LSTM: ∂c_t/∂c_{t−1} = diag(f); ∂c_t/∂h_{t−1} = diag(c_{t−1}) F + diag(g) I + diag(i) G;
    ///   ∂h_t/∂h_{t−1} = diag(tanh c_t) O + diag(o (1 − tanh² c_t)) ∂c_t/∂h_{t−1};
    ///   ∂h_t/∂c_{t−1} = diag(o (1 − tanh² c_t) f), where I = diag(i(1−i)) W_hi, F, G, O alike.
    /// - GRU: ∂h_t/∂h_{t−1} = diag(z) + diag(h_{t−1} − n) Z + diag(1 − z) N, Z = diag(z(1−z)) W_hz,
    ///   N = ∂n/∂h_{t−1} (with the reset gate inside, per form).
    ///
    /// A gate forced by an override is a constant: its term vanishes.
    public func stepJacobian(_ trace: SequenceTrace, step t: Int, sequence b: Int) -> Matrix {
        precondition(trace.kind == kind, "stepJacobian: the trace is of a \(trace.kind.rawValue) cell, these parameters are \(kind.rawValue)")
        precondition(t >= 0 && t < trace.steps, "stepJacobian: step \(t) is outside 0..<\(trace.steps)")
        precondition(b >= 0 && b < trace.batch, "stepJacobian: sequence \(b) is outside 0..<\(trace.batch)")
        let H = hiddenSize
        let s = trace.storage
        let hPrev = Array(UnsafeBufferPointer(start: s.hs.pointer + (t * s.batch + b) * H, count: H))
        let hNow = Array(UnsafeBufferPointer(start: s.hs.pointer + ((t + 1) * s.batch + b) * H, count: H))
        let forced = s.overridden
        // the gate activations of this row, block by block
        func gate(_ block: Int) -> [Double] {
            guard let act = s.act else { return [] }
            return Array(UnsafeBufferPointer(start: act.pointer + (t * s.batch + b) * kind.blocks * H + block * H, count: H))
        }
        // diag(d) · (block of W_h), zero when the gate is forced
        func scaledBlock(_ block: Int, _ d: [Double]) -> Matrix {
            let wh = weightOrZeros(kind == .rnn ? "W_hh" : "W_h")
            var m = Matrix(rows: H, cols: H)
            if kind != .rnn && forced[block] { return m }
            for i in 0..<H { for j in 0..<H { m[i, j] = d[i] * wh[block * H + i, j] } }
            return m
        }
        switch kind {
        case .rnn:
            return scaledBlock(0, hNow.map { 1 - $0 * $0 })
        case .lstm:
            let i = gate(0), f = gate(1), g = gate(2), o = gate(3)
            let cPrev = trace.storage.cs!.matrix(offset: (t * s.batch + b) * H, rows: 1, cols: H).data
            let cNow = trace.storage.cs!.matrix(offset: ((t + 1) * s.batch + b) * H, rows: 1, cols: H).data
            let tc = cNow.map { Foundation_tanh($0) }
            let I = scaledBlock(0, i.map { $0 * (1 - $0) }), F = scaledBlock(1, f.map { $0 * (1 - $0) })
            let G = scaledBlock(2, g.map { 1 - $0 * $0 }), O = scaledBlock(3, o.map { $0 * (1 - $0) })
            var J = Matrix(rows: 2 * H, cols: 2 * H)
            for r in 0..<H {
                let dhdc = o[r] * (1 - tc[r] * tc[r])
                for k in 0..<H {
                    let dcdh = cPrev[r] * F[r, k] + g[r] * I[r, k] + i[r] * G[r, k]
                    J[H + r, k] = dcdh                          // ∂c_t/∂h_{t−1}
                    J[r, k] = tc[r] * O[r, k] + dhdc * dcdh     // ∂h_t/∂h_{t−1}
                }
                J[H + r, H + r] = f[r]                          // ∂c_t/∂c_{t−1}
                J[r, H + r] = dhdc * f[r]                       // ∂h_t/∂c_{t−1}
            }
            return J
        case .gru:
            let r = gate(0), z = gate(1), n = gate(2)
            let R = scaledBlock(0, r.map { $0 * (1 - $0) })
            let Z = scaledBlock(1, z.map { $0 * (1 - $0) })
            let aux = Array(UnsafeBufferPointer(start: s.aux!.pointer + (t * s.batch + b) * H, count: H))
            let whn = weightOrZeros("W_h").rows((2 * H)..<(3 * H))
            // N = ∂n/∂h_{t−1} = diag(1 − n²) · ∂(argument)/∂h_{t−1}
            var N = Matrix(rows: H, cols: H)
            if !forced[2] {
                for row in 0..<H {
                    let dn = 1 - n[row] * n[row]
                    for k in 0..<H {
                        let argument: Double
                        if resetAfter {
                            // r ⊙ (W_hn h + b_hn): aux holds W_hn h + b_hn
                            argument = aux[row] * R[row, k] + r[row] * whn[row, k]
                        } else {
                            // W_hn (r ⊙ h): Σ_m W_hn[row, m] (r_m δ_mk + h_m R[m, k])
                            var sum = whn[row, k] * r[k]
                            for m in 0..<H { sum += whn[row, m] * hPrev[m] * R[m, k] }
                            argument = sum
                        }
                        N[row, k] = dn * argument
                    }
                }
            }
            var J = Matrix(rows: H, cols: H)
            for row in 0..<H {
                for k in 0..<H {
                    J[row, k] = (hPrev[row] - n[row]) * Z[row, k] + (1 - z[row]) * N[row, k]
                }
                J[row, row] += z[row]
            }
            return J
        }
    }
}

import Foundation
@inline(__always) private func Foundation_tanh(_ x: Double) -> Double { Foundation.tanh(x) }
