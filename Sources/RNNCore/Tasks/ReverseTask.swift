/// Sequence reversal with an encoder-decoder (many-to-one + one-to-many, as in the lecture).
///
/// The encoder reads L one-hot symbols (from K) and keeps only its final state; a second RNN,
/// the decoder, starts from that state and emits the symbols in reverse order, one per step.
/// The decoder's input at step s is the one-hot position s (it tells the decoder where it is, not
/// what to say: everything about the symbols has to pass through the encoder's final state).
/// Accuracy: symbols right over all positions; guessing scores 1/K.
public struct ReverseTask: SequenceTask {
    public var symbols: Int
    public var length: Int

    public init(symbols: Int = 4, length: Int = 5) {
        precondition(symbols >= 2, "reverse: needs at least 2 symbols, got \(symbols)")
        precondition(length >= 1, "reverse: sequences need at least 1 step, got \(length)")
        self.symbols = symbols
        self.length = length
    }

    public var name: String { "reverse" }
    public var summary: String { "encoder-decoder: read \(length) symbols, then say them backwards" }
    public var inputSize: Int { symbols }
    public var outputSize: Int { symbols }
    public var decoderInputSize: Int { length }
    public var loss: LossKind { .softmaxCrossEntropy }
    public var architecture: TaskArchitecture { .encoderDecoder }
    public var chanceAccuracy: Double? { 1 / Double(symbols) }
    public var defaults: TaskDefaults { TaskDefaults(hidden: 32, steps: 600, batch: 32, learningRate: 0.01) }

    public func makeBatch(size B: Int, rng: inout SeededRandom) -> TaskBatch {
        let seqs = (0..<B).map { _ in (0..<length).map { _ in TaskData.integer(symbols, &rng) } }
        let inputs = (0..<length).map { t in TaskData.oneHot(seqs.map { $0[t] }, classes: symbols) }
        let targets: [TaskTarget?] = (0..<length).map { s in .classes(seqs.map { $0[length - 1 - s] }) }
        let decoderInputs = (0..<length).map { s in TaskData.oneHot([Int?](repeating: s, count: B), classes: length) }
        return TaskBatch(inputs: inputs, targets: targets, decoderInputs: decoderInputs)
    }
}
