/// Central-difference gradient checking of `CellParameters.backward`, in Double.
///
/// The loss is linear in the states with fixed upstream weights,
///
///     L = Σ_t ⟨dh_t, h_t⟩ + ⟨dc_last, c_{T−1}⟩,
///
/// so that ∂L/∂h_t from outside the recurrence is exactly `dh_t` and `backward(trace, dh:,
/// dcLast:)` must return ∂L/∂θ for every θ. Each element θ_k is compared with the
/// fourth-order central difference
///
///     n = [8 (L(θ+ε) − L(θ−ε)) − (L(θ+2ε) − L(θ−2ε))] / 12ε
///
/// by the relative error |a − n| / (|a| + |n|). Why fourth order: the plain two-point
/// difference has a truncation error ~ε² and a rounding error ~1e-16·|L|/ε; no ε puts
/// both below 1e-6 relative for gradients of order 1e-5. With the five-point stencil and
/// ε = 1e-3 the truncation is ~ε⁴ and the rounding ~1e-13, so 1e-6 is a real test.
public enum GradientCheck {
    /// One problem to check: a cell, its inputs and the upstream gradients.
    public struct Problem: Sendable {
        public var parameters: CellParameters
        public var x: [Matrix]
        public var h0: Matrix
        public var c0: Matrix?
        public var dh: [Matrix?]
        public var dcLast: Matrix?
        public var overrides: GateOverrides

        public init(parameters: CellParameters, x: [Matrix], h0: Matrix, c0: Matrix?, dh: [Matrix?],
                    dcLast: Matrix? = nil, overrides: GateOverrides = .none) {
            self.parameters = parameters
            self.x = x
            self.h0 = h0
            self.c0 = c0
            self.dh = dh
            self.dcLast = dcLast
            self.overrides = overrides
        }

        /// A random problem: weights (with biases) uniform in ±0.5, inputs and non-zero h0/c0
        /// uniform in ±1, an upstream gradient on every step (or only the last when
        /// `manyToOne`), and for the LSTM a gradient on the last cell state.
        public static func random(kind: CellKind, resetAfter: Bool = true, inputSize: Int = 3, hiddenSize: Int = 4,
                                  steps: Int = 5, batch: Int = 2, manyToOne: Bool = false,
                                  overrides: GateOverrides = .none, seed: UInt64) -> Problem {
            var rng = SeededRandom(seed: seed)
            let p = CellParameters.random(kind: kind, inputSize: inputSize, hiddenSize: hiddenSize,
                                          resetAfter: resetAfter, scale: 0.5, rng: &rng)
            let x = (0..<steps).map { _ in rng.uniformMatrix(batch, inputSize, -1, 1) }
            let h0 = rng.uniformMatrix(batch, hiddenSize, -1, 1)
            let c0 = kind == .lstm ? rng.uniformMatrix(batch, hiddenSize, -1, 1) : nil
            let dh: [Matrix?] = (0..<steps).map { t in
                (manyToOne && t < steps - 1) ? nil : rng.uniformMatrix(batch, hiddenSize, -1, 1)
            }
            let dc = kind == .lstm ? rng.uniformMatrix(batch, hiddenSize, -1, 1) : nil
            return Problem(parameters: p, x: x, h0: h0, c0: c0, dh: dh, dcLast: dc, overrides: overrides)
        }

        /// L = Σ_t ⟨dh_t, h_t⟩ + ⟨dc_last, c_{T−1}⟩ for these parameters and inputs.
        public func loss(parameters p: CellParameters? = nil, x xs: [Matrix]? = nil, h0 h: Matrix? = nil, c0 c: Matrix? = nil) -> Double {
            let trace = (p ?? parameters).forward(xs ?? x, h0: h ?? h0, c0: c ?? c0, overrides: overrides)
            var sum = 0.0
            for (t, upstream) in dh.enumerated() {
                guard let upstream else { continue }
                let ht = trace.h(at: t)
                for k in 0..<ht.count { sum += upstream.data[k] * ht.data[k] }
            }
            if let dcLast, let cT = trace.cLast {
                for k in 0..<cT.count { sum += dcLast.data[k] * cT.data[k] }
            }
            return sum
        }
    }

    /// The worst disagreement for one named quantity.
    public struct Entry: Sendable, Hashable {
        /// "W_x", "b_h", …, or "x", "h0", "c0".
        public var name: String
        /// How many elements were checked.
        public var count: Int
        /// max over elements of |a − n| / (|a| + |n|) (0 where both are exactly 0).
        public var worstRelativeError: Double
        /// Flat index of the worst element (for x: step·B·D + row·D + col).
        public var worstIndex: Int
        public var analytic: Double
        public var numeric: Double
    }

    /// The result of checking one problem.
    public struct Report: Sendable {
        public var kind: CellKind
        public var resetAfter: Bool
        public var entries: [Entry]
        public var worst: Double { entries.map(\.worstRelativeError).max() ?? 0 }
        public func passed(tolerance: Double = 1e-6) -> Bool { worst <= tolerance }
        /// "rnn", "lstm", "gru" (reset after) or "gru-cho".
        public var label: String { kind == .gru && !resetAfter ? "gru-cho" : kind.rawValue }
    }

    /// |a − n| / (|a| + |n|), and 0 when both are exactly zero.
    public static func relativeError(_ a: Double, _ n: Double) -> Double {
        let denominator = abs(a) + abs(n)
        return denominator == 0 ? 0 : abs(a - n) / denominator
    }

    /// Checks every parameter element, every input, h0 and (LSTM) c0 of `problem`.
    public static func run(_ problem: Problem, epsilon: Double = 1e-3) -> Report {
        let p = problem.parameters
        let trace = p.forward(problem.x, h0: problem.h0, c0: problem.c0, overrides: problem.overrides)
        let grads = p.backward(trace, dh: problem.dh, dcLast: problem.dcLast)
        var entries: [Entry] = []

        func check(_ name: String, analytic: [Double], count: Int, loss: (Int, Double) -> Double) {
            var entry = Entry(name: name, count: count, worstRelativeError: 0, worstIndex: 0, analytic: 0, numeric: 0)
            for k in 0..<count {
                let near = loss(k, epsilon) - loss(k, -epsilon)
                let far = loss(k, 2 * epsilon) - loss(k, -2 * epsilon)
                let numeric = (8 * near - far) / (12 * epsilon)
                let error = relativeError(analytic[k], numeric)
                if error > entry.worstRelativeError || k == 0 {
                    entry.worstRelativeError = max(entry.worstRelativeError, error)
                    entry.worstIndex = k
                    entry.analytic = analytic[k]
                    entry.numeric = numeric
                }
            }
            entries.append(entry)
        }

        for name in p.orderedNames {
            let w = p.weights[name]!
            guard let g = grads.parameters[name] else { preconditionFailure("backward returned no gradient for '\(name)'") }
            check(name, analytic: g.data, count: w.count) { k, delta in
                var q = p
                q.weights[name]!.data[k] += delta
                return problem.loss(parameters: q)
            }
        }
        let B = trace.batch, D = p.inputSize
        check("x", analytic: grads.x.flatMap(\.data), count: problem.x.count * B * D) { k, delta in
            var xs = problem.x
            xs[k / (B * D)].data[k % (B * D)] += delta
            return problem.loss(x: xs)
        }
        check("h0", analytic: grads.h0.data, count: problem.h0.count) { k, delta in
            var h = problem.h0
            h.data[k] += delta
            return problem.loss(h0: h)
        }
        if let c0 = problem.c0, let dc0 = grads.c0 {
            check("c0", analytic: dc0.data, count: c0.count) { k, delta in
                var c = c0
                c.data[k] += delta
                return problem.loss(c0: c)
            }
        }
        return Report(kind: p.kind, resetAfter: p.resetAfter, entries: entries)
    }
}
