/// A recurrent network for one task: a cell (the encoder, for encoder-decoder tasks), an
/// optional decoder cell, and a dense head y_t = W_hy h_t + b_y on the hidden states.
///
/// Parameters are exposed under prefixed names for the optimizers: `cell.W_hh`, `decoder.W_h`,
/// `head.W_hy`, ...
public struct SequenceModel: Sendable {
    public var cell: CellParameters
    public var decoder: CellParameters?
    public var head: DenseHead

    public init(cell: CellParameters, decoder: CellParameters? = nil, head: DenseHead) {
        precondition(head.hiddenSize == cell.hiddenSize,
                     "SequenceModel: head expects hidden size \(head.hiddenSize), the cell has \(cell.hiddenSize)")
        if let decoder {
            precondition(decoder.hiddenSize == cell.hiddenSize && decoder.kind == cell.kind,
                         "SequenceModel: the decoder must be a \(cell.kind.rawValue) cell of hidden size \(cell.hiddenSize)")
        }
        self.cell = cell
        self.decoder = decoder
        self.head = head
    }

    /// A fresh model shaped for `task`, initialised in the given framework's style.
    public init(task: any SequenceTask, kind: CellKind, hiddenSize: Int, style: InitializerStyle = .keras,
                rng: inout SeededRandom) {
        let cell = Initializers.cellParameters(kind: kind, inputSize: task.inputSize, hiddenSize: hiddenSize, style: style, rng: &rng)
        var decoder: CellParameters? = nil
        if task.architecture == .encoderDecoder {
            decoder = Initializers.cellParameters(kind: kind, inputSize: task.decoderInputSize, hiddenSize: hiddenSize,
                                                  style: style, rng: &rng)
        }
        self.init(cell: cell, decoder: decoder, head: DenseHead(hiddenSize: hiddenSize, outputSize: task.outputSize, rng: &rng))
    }

    // MARK: Parameters by name

    static let cellPrefix = "cell.", decoderPrefix = "decoder.", headPrefix = "head."

    /// Every trainable matrix under its prefixed name.
    public var parameters: [String: Matrix] {
        get {
            var out: [String: Matrix] = [:]
            for (k, v) in cell.weights { out[Self.cellPrefix + k] = v }
            if let decoder { for (k, v) in decoder.weights { out[Self.decoderPrefix + k] = v } }
            for (k, v) in head.weights { out[Self.headPrefix + k] = v }
            return out
        }
        set {
            for (k, v) in newValue {
                if k.hasPrefix(Self.cellPrefix) { cell.weights[String(k.dropFirst(Self.cellPrefix.count))] = v }
                else if k.hasPrefix(Self.decoderPrefix) { decoder?.weights[String(k.dropFirst(Self.decoderPrefix.count))] = v }
                else if k.hasPrefix(Self.headPrefix) { head.weights[String(k.dropFirst(Self.headPrefix.count))] = v }
                else { preconditionFailure("SequenceModel: no parameter group for '\(k)'") }
            }
        }
    }

    /// How many numbers the model learns.
    public var parameterCount: Int { parameters.values.reduce(0) { $0 + $1.count } }

    // MARK: Forward and backward

    /// One forward pass over a batch: the traces, the outputs at the scored steps, the loss.
    public struct Pass: Sendable {
        /// The (encoder) cell's trace.
        public var trace: SequenceTrace
        /// The decoder's trace (encoder-decoder only).
        public var decoderTrace: SequenceTrace?
        /// y_t (B × O) at each output step that has a target, else nil.
        public var outputs: [Matrix?]
        /// L = mean over the scored steps of the per-step loss.
        public var loss: Double
        /// Right answers and how many were asked, over all scored steps (nil without a metric).
        public var correct: Int?
        public var total: Int?
        /// ∂L/∂y_t at each scored step (already divided by the number of scored steps).
        var dy: [Matrix?]

        /// The fraction of right answers, where the task has an accuracy.
        public var accuracy: Double? {
            guard let correct, let total, total > 0 else { return nil }
            return Double(correct) / Double(total)
        }
    }

    /// The loss of `batch` for `task` (no gradients).
    public func forward(_ batch: TaskBatch, task: any SequenceTask) -> Pass {
        let trace = cell.forward(batch.inputs)
        var decoderTrace: SequenceTrace? = nil
        var top = trace
        if task.architecture == .encoderDecoder {
            guard let decoder else { preconditionFailure("SequenceModel: task '\(task.name)' needs a decoder; this model has none") }
            // One-to-many: the decoder starts from the encoder's final state (and cell state).
            let d = decoder.forward(batch.decoderInputs, h0: trace.hLast, c0: trace.cLast)
            decoderTrace = d
            top = d
        }
        precondition(batch.targets.count == top.steps,
                     "SequenceModel: task '\(task.name)' gave \(batch.targets.count) targets for \(top.steps) output steps")
        let scored = batch.targets.filter { $0 != nil }.count
        let share = 1 / Double(max(scored, 1))
        var outputs = [Matrix?](repeating: nil, count: top.steps)
        var dy = [Matrix?](repeating: nil, count: top.steps)
        var loss = 0.0
        var correct: Int? = nil, total: Int? = nil
        for (t, target) in batch.targets.enumerated() {
            guard let target else { continue }
            let y = head.forward(top.h(at: t))
            let r: LossResult
            switch target {
            case .values(let v): r = Loss.meanSquaredError(prediction: y, target: v)
            case .classes(let c): r = Loss.softmaxCrossEntropy(logits: y, labels: c)
            }
            loss += r.value * share
            outputs[t] = y
            dy[t] = r.gradient.scaled(by: share)
            if let s = task.score(prediction: y, target: target) {
                correct = (correct ?? 0) + s.correct
                total = (total ?? 0) + s.total
            }
        }
        return Pass(trace: trace, decoderTrace: decoderTrace, outputs: outputs, loss: loss,
                    correct: correct, total: total, dy: dy)
    }

    /// Backpropagation through the head and through time: ∂L/∂θ for every parameter, by the
    /// names of `parameters`; also ‖∂L/∂h_t‖ of the (encoder) cell, (B × T), for diagnostics.
    public func gradients(of pass: Pass) -> (parameters: [String: Matrix], hNorm: Matrix) {
        var grads: [String: Matrix] = [:]
        var dW = Matrix.zeros(head.W_hy.rows, head.W_hy.cols), db = Matrix.zeros(1, head.outputSize)
        let top = pass.decoderTrace ?? pass.trace
        var dhTop = [Matrix?](repeating: nil, count: top.steps)
        for t in 0..<top.steps {
            guard let dy = pass.dy[t] else { continue }
            // Backprop through the dense head: the gradient into h_t goes to the cell.
            let g = head.backward(top.h(at: t), dy: dy)
            TrainingMath.accumulate(&dW, g.dW_hy)
            TrainingMath.accumulate(&db, g.db_y)
            dhTop[t] = g.dh
        }
        grads[Self.headPrefix + "W_hy"] = dW
        grads[Self.headPrefix + "b_y"] = db

        var dhCell = dhTop
        var dcLast: Matrix? = nil
        if let decoderTrace = pass.decoderTrace, let decoder {
            let dg = decoder.backward(decoderTrace, dh: dhTop)
            for (k, v) in dg.parameters { grads[Self.decoderPrefix + k] = v }
            // The decoder's h0 (and c0) was the encoder's final state: its gradient enters there.
            dhCell = [Matrix?](repeating: nil, count: pass.trace.steps)
            dhCell[pass.trace.steps - 1] = dg.h0
            dcLast = dg.c0
        }
        let cg = cell.backward(pass.trace, dh: dhCell, dcLast: dcLast)
        for (k, v) in cg.parameters { grads[Self.cellPrefix + k] = v }
        return (grads, cg.hNorm)
    }
}
