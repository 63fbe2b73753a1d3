import Exercises
import Foundation
import RNNCore

/// An independent forward pass, written the way a student would write it in numpy straight
/// from the exported Keras 3 arrays (x @ kernel + h @ recurrent_kernel + bias, Keras' block
/// order), with the mistakes the tests hand in done to the arrays, not through the production
/// mistake code.
struct KerasReference {
    var cell: CellKind
    var resetAfter: Bool
    /// (D, kH), (H, kH)
    var kernel: [[Double]]
    var recurrent: [[Double]]
    /// (kH,) input-side bias and, for a reset-after GRU, the recurrent-side bias.
    var bias: [Double]
    var recurrentBias: [Double]
    var x: [[[Double]]]  // (B, T, D)
    var h0: [[Double]]?
    var c0: [[Double]]?

    var H: Int { recurrent.count }

    init(_ variant: ExerciseVariant, cell: CellKind, resetAfter: Bool = true) {
        self.cell = cell
        self.resetAfter = resetAfter
        var arrays: [String: NDArray] = [:], npys: [String: NDArray] = [:]
        for f in variant.files {
            switch f.contents {
            case .npz(let a): arrays = a
            case .npy(let a): npys[f.name] = a
            case .text: break
            }
        }
        kernel = KerasReference.rows(arrays["kernel"]!)
        recurrent = KerasReference.rows(arrays["recurrent_kernel"]!)
        let b = arrays["bias"]!
        if b.ndim == 2 {
            bias = Array(b.data[0..<b.shape[1]])
            recurrentBias = Array(b.data[b.shape[1]...])
        } else {
            bias = b.data
            recurrentBias = Array(repeating: 0, count: b.count)
        }
        let xa = npys["x"]!
        x = (0..<xa.shape[0]).map { bb in (0..<xa.shape[1]).map { t in (0..<xa.shape[2]).map { xa[[bb, t, $0]] } } }
        h0 = npys["h0"].map(KerasReference.rows)
        c0 = npys["c0"].map(KerasReference.rows)
    }

    static func rows(_ a: NDArray) -> [[Double]] { (0..<a.shape[0]).map { r in Array(a.data[(r * a.shape[1])..<((r + 1) * a.shape[1])]) } }

    // MARK: mistakes, done to the arrays

    /// Each H×H block of the recurrent kernel transposed.
    func transposingRecurrentBlocks() -> KerasReference {
        var m = self
        let k = recurrent[0].count / H
        for blk in 0..<k { for i in 0..<H { for j in 0..<H { m.recurrent[i][blk * H + j] = recurrent[j][blk * H + i] } } }
        return m
    }

    /// Blocks a and b of every array swapped (Keras z, r read as PyTorch's r, z).
    func swappingBlocks(_ a: Int, _ b: Int) -> KerasReference {
        var m = self
        func swap(_ v: [Double]) -> [Double] {
            var v = v
            for j in 0..<H { v.swapAt(a * H + j, b * H + j) }
            return v
        }
        m.kernel = kernel.map(swap)
        m.recurrent = recurrent.map(swap)
        m.bias = swap(bias)
        m.recurrentBias = swap(recurrentBias)
        return m
    }

    func withoutBias() -> KerasReference {
        var m = self
        m.bias = bias.map { _ in 0 }
        m.recurrentBias = recurrentBias.map { _ in 0 }
        return m
    }

    // MARK: the forward pass

    struct Output {
        var h: [[[Double]]]  // (B, T, H)
        var c: [[[Double]]]
        var gates: [String: [[[Double]]]]
    }

    func run() -> Output {
        let B = x.count, T = x[0].count
        var out = Output(h: Array(repeating: [], count: B), c: Array(repeating: [], count: B), gates: [:])
        let names = cell == .lstm ? ["i", "f", "g", "o"] : cell == .gru ? ["r", "z", "n"] : []
        for n in names { out.gates[n] = Array(repeating: [], count: B) }
        func sig(_ a: Double) -> Double { 1 / (1 + exp(-a)) }
        func dot(_ v: [Double], _ m: [[Double]]) -> [Double] {
            (0..<m[0].count).map { col in dotColumn(v, m, col) }
        }
        for b in 0..<B {
            var h = h0?[b] ?? Array(repeating: 0, count: H)
            var c = c0?[b] ?? Array(repeating: 0, count: H)
            for t in 0..<T {
                let xk = dot(x[b][t], kernel)
                switch cell {
                case .rnn:
                    let hr = dot(h, recurrent)
                    h = (0..<H).map { tanh(xk[$0] + hr[$0] + bias[$0]) }
                case .lstm:
                    let hr = dot(h, recurrent)
                    let z = (0..<(4 * H)).map { xk[$0] + hr[$0] + bias[$0] }
                    let i = (0..<H).map { sig(z[$0]) }, f = (0..<H).map { sig(z[H + $0]) }
                    let g = (0..<H).map { tanh(z[2 * H + $0]) }, o = (0..<H).map { sig(z[3 * H + $0]) }
                    c = (0..<H).map { f[$0] * c[$0] + i[$0] * g[$0] }
                    h = (0..<H).map { o[$0] * tanh(c[$0]) }
                    for (n, v) in zip(names, [i, f, g, o]) { out.gates[n]![b].append(v) }
                case .gru:
                    // Keras blocks: z, r, h
                    let xz = (0..<(3 * H)).map { xk[$0] + bias[$0] }
                    let hr: [Double] = (0..<(3 * H)).map { col in dotColumn(h, recurrent, col) + recurrentBias[col] }
                    let z = (0..<H).map { sig(xz[$0] + hr[$0]) }
                    let r = (0..<H).map { sig(xz[H + $0] + hr[H + $0]) }
                    let cand: [Double]
                    if resetAfter {
                        cand = (0..<H).map { tanh(xz[2 * H + $0] + r[$0] * hr[2 * H + $0]) }
                    } else {
                        let rh = (0..<H).map { r[$0] * h[$0] }
                        cand = (0..<H).map { j in tanh(xz[2 * H + j] + dotColumn(rh, recurrent, 2 * H + j)) }
                    }
                    h = (0..<H).map { z[$0] * h[$0] + (1 - z[$0]) * cand[$0] }
                    for (n, v) in zip(names, [r, z, cand]) { out.gates[n]![b].append(v) }
                }
                out.h[b].append(h)
                out.c[b].append(c)
            }
        }
        return out
    }

    // MARK: gradients by central differences (independent of BPTT)

    /// L = Σ h_T, or Σ G ⊙ h with an upstream G (B, T, H).
    func loss(upstream: NDArray? = nil) -> Double {
        let o = run()
        var L = 0.0
        for b in 0..<o.h.count {
            if let g = upstream {
                for t in 0..<o.h[b].count { for j in 0..<H { L += g[[b, t, j]] * o.h[b][t][j] } }
            } else {
                L += o.h[b].last!.reduce(0, +)
            }
        }
        return L
    }

    func gradient(of path: WritableKeyPath<KerasReference, [[Double]]>, upstream: NDArray? = nil) -> [[Double]] {
        var g = self[keyPath: path]
        for i in g.indices { for j in g[i].indices {
            var p = self, m = self
            let e = 1e-6
            p[keyPath: path][i][j] += e
            m[keyPath: path][i][j] -= e
            g[i][j] = (p.loss(upstream: upstream) - m.loss(upstream: upstream)) / (2 * e)
        } }
        return g
    }

    func gradient(of path: WritableKeyPath<KerasReference, [Double]>, upstream: NDArray? = nil) -> [Double] {
        var g = self[keyPath: path]
        for i in g.indices {
            var p = self, m = self
            let e = 1e-6
            p[keyPath: path][i] += e
            m[keyPath: path][i] -= e
            g[i] = (p.loss(upstream: upstream) - m.loss(upstream: upstream)) / (2 * e)
        }
        return g
    }

    var h0OrZeros: [[Double]] {
        get { h0 ?? Array(repeating: Array(repeating: 0, count: H), count: x.count) }
        set { h0 = newValue }
    }
}

/// (B, T, H) nested arrays → NDArray; a float32 copy.
func ndarray(_ v: [[[Double]]]) -> NDArray {
    NDArray(shape: [v.count, v[0].count, v[0][0].count], data: v.flatMap { $0.flatMap { $0 } })
}

func ndarray(_ v: [[Double]]) -> NDArray { NDArray(shape: [v.count, v[0].count], data: v.flatMap { $0 }) }

func float32(_ a: NDArray) -> NDArray { NDArray(shape: a.shape, data: a.data.map { Double(Float($0)) }, dtype: .float32) }

/// Σ_k v[k]·m[k][col]: one column of v @ m.
func dotColumn(_ v: [Double], _ m: [[Double]], _ col: Int) -> Double {
    var s = 0.0
    for k in 0..<v.count { s += v[k] * m[k][col] }
    return s
}
