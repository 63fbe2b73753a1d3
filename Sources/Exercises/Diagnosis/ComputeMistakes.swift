import RNNCore

/// The mistakes that apply to a `compute` variant, each with the answer it gives on the
/// variant's own data.
enum ComputeMistakes {
    static func candidates(quantity q: ComputeQuantity, data: CellData, loss: ComputeLoss, clip: Double?,
                           right: CellRun) -> [MistakeAnswer<NDArray>] {
        let p = data.parameters, kind = p.kind, H = data.hiddenSize, D = data.inputSize
        var out: [MistakeAnswer<NDArray>] = []
        func weights(_ m: Mistake, _ change: @escaping @Sendable (CellParameters) -> CellParameters) {
            out.append(MistakeAnswer(mistake: m) { q.evaluate(CellRun.rnnCore(change(p), data), data, loss: loss, clip: clip) })
        }
        func reference(_ m: Mistake, _ cell: ReferenceCell) {
            out.append(MistakeAnswer(mistake: m) { q.evaluate(CellRun.reference(cell, p, data), data, loss: loss, clip: clip) })
        }
        func handedIn(_ m: Mistake, _ make: @escaping @Sendable () -> NDArray?) {
            out.append(MistakeAnswer(mistake: m, answer: make))
        }

        // Weights read wrongly. For gradients only the mistakes that keep the layout of the
        // weights (the gradient of a misread matrix is not a gradient of the given one).
        if !q.isGradient {
            if H >= 2 { weights(.transposedRecurrentKernel, WeightMistakes.transposeRecurrent) }
            if D == H && D >= 2 { weights(.transposedKernel, WeightMistakes.transposeInput) }
            if kind == .gru { weights(.pytorchGateOrder, WeightMistakes.gruPyTorchOrder) }
            if kind == .lstm { weights(.ifogGateOrder, WeightMistakes.lstmIFOG) }
            // Any other order of the Keras blocks (two swapped, or a cycle).
            if kind != .rnn {
                let keras = KerasLayout.blockOrder(kind)  // canonical block c is Keras block keras[c] (self-inverse)
                let names = kind == .lstm ? ["i", "f", "c", "o"] : ["z", "r", "h"]
                let named: Set<[Int]> = kind == .lstm ? [[0, 1, 3, 2]] : [[1, 0, 2]]
                for read in ComputeMistakes.permutations(kind.blocks) where read != Array(0..<kind.blocks) && !named.contains(read) {
                    let order = (0..<kind.blocks).map { keras[read[keras[$0]]] }
                    weights(Mistake.gateBlocksSwapped(read: read, names: names)) { WeightMistakes.permute($0, order: order) }
                }
            }
        }
        // The given initial state ignored: the run starts from zeros.
        if data.h0 != nil {
            var fromZero = data
            fromZero.h0 = nil
            fromZero.c0 = nil
            let zero = fromZero
            out.append(MistakeAnswer(mistake: .zeroInitialState) {
                q.evaluate(CellRun.rnnCore(p, zero), zero, loss: loss, clip: clip)
            })
        }
        weights(.missingBias) { WeightMistakes.scaleBiases($0, by: 0) }
        weights(.biasTwice) { WeightMistakes.scaleBiases($0, by: 2) }
        if kind == .gru {
            if p.resetAfter {
                weights(.gruBiasesSummed, WeightMistakes.gruBiasesSummed)
                weights(.gruResetBefore, WeightMistakes.otherResetForm)
            } else {
                weights(.gruResetAfter, WeightMistakes.otherResetForm)
                weights(.gruResetAfter, WeightMistakes.resetAfterWithCandidateBiasInside)
            }
            weights(.updateGateReversed, WeightMistakes.reverseUpdateGate)
        }
        // The formula changed.
        if !q.isGradient {
            reference(.sigmoidForTanh, ReferenceCell(sigmoidForTanh: true))
            if kind == .lstm { reference(.missingTanhOnC, ReferenceCell(tanhOnC: false)) }
        }
        // The right computation, handed in wrongly.
        let T = data.steps
        switch q {
        case .h, .c:
            let states = q == .h ? right.h : right.c, start = q == .h ? right.h0 : right.c0
            handedIn(.offByOne) { NDArray.stackingTimeSteps([start] + states.dropLast()) }
            handedIn(.includesH0) { NDArray.stackingTimeSteps([start] + states) }
            handedIn(.onlyLastState) { NDArray(states.last ?? start) }
            handedIn(.timeMajor) { ComputeMistakes.timeMajor(NDArray.stackingTimeSteps(states)) }
            if kind == .lstm {
                let other = q == .h ? right.c : right.h
                handedIn(q == .h ? .cInsteadOfH : .hInsteadOfC) { NDArray.stackingTimeSteps(other) }
            }
        case .hLast, .cLast:
            let states = q == .hLast ? right.h : right.c, start = q == .hLast ? right.h0 : right.c0
            handedIn(.offByOne) { NDArray(T >= 2 ? states[T - 2] : start) }
            if kind == .lstm {
                let other = q == .hLast ? right.c : right.h
                handedIn(q == .hLast ? .cInsteadOfH : .hInsteadOfC) { other.last.map { NDArray($0) } }
            }
        case .gate(let g):
            let values = right.gates[g] ?? []
            handedIn(.onlyLastState) { values.last.map { NDArray($0) } }
            handedIn(.timeMajor) { ComputeMistakes.timeMajor(NDArray.stackingTimeSteps(values)) }
        case .gradH0:
            break
        case .gradRecurrentKernel:
            handedIn(.transposedGradient) { q.evaluate(right, data, loss: loss, clip: clip).map(ComputeMistakes.transposed) }
        case .clippedGradRecurrentKernel:
            handedIn(.transposedGradient) { q.evaluate(right, data, loss: loss, clip: clip).map(ComputeMistakes.transposed) }
            if let clip {
                handedIn(.clippedByValue) {
                    right.kerasGradients(data, loss: loss).map { g in
                        var g = g
                        g["h0"] = nil
                        return KerasClipping.byValue(g, limit: clip)["recurrent_kernel"]!
                    }
                }
                handedIn(.notClipped) { right.kerasGradients(data, loss: loss)?["recurrent_kernel"] }
                handedIn(.clippedOwnNorm) {
                    right.kerasGradients(data, loss: loss).map { KerasClipping.byGlobalNorm(["recurrent_kernel": $0["recurrent_kernel"]!], threshold: clip)["recurrent_kernel"]! }
                }
            }
        }
        return out
    }

    /// Every order of 0..<n.
    static func permutations(_ n: Int) -> [[Int]] {
        guard n > 0 else { return [[]] }
        return permutations(n - 1).flatMap { p in (0...p.count).map { i in var q = p; q.insert(n - 1, at: i); return q } }
    }

    /// (B, T, H) → (T, B, H).
    static func timeMajor(_ a: NDArray) -> NDArray {
        let (B, T, H) = (a.shape[0], a.shape[1], a.shape[2])
        var out = [Double](repeating: 0, count: a.count)
        for b in 0..<B { for t in 0..<T { for j in 0..<H { out[(t * B + b) * H + j] = a.data[(b * T + t) * H + j] } } }
        return NDArray(shape: [T, B, H], data: out)
    }

    static func transposed(_ a: NDArray) -> NDArray { NDArray(a.matrix!.transposed) }
}
