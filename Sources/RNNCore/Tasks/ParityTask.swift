/// Running parity (many-to-many classification): after each bit, is the count of 1s so far odd?
///
/// p_t = x_1 ⊕ x_2 ⊕ … ⊕ x_t. One bit in, two classes out at every step. The network has to
/// carry one bit of state and flip it on every 1: the smallest task that needs a memory.
/// Guessing scores 1/2.
public struct ParityTask: SequenceTask {
    public var length: Int

    public init(length: Int = 12) {
        precondition(length >= 1, "parity: sequences need at least 1 step, got \(length)")
        self.length = length
    }

    public var name: String { "parity" }
    public var summary: String { "say after every bit whether the number of 1s so far is odd" }
    public var inputSize: Int { 1 }
    public var outputSize: Int { 2 }
    public var loss: LossKind { .softmaxCrossEntropy }
    public var architecture: TaskArchitecture { .manyToMany }
    public var chanceAccuracy: Double? { 0.5 }
    public var defaults: TaskDefaults { TaskDefaults(hidden: 16, steps: 400, batch: 32, learningRate: 0.01) }

    public func makeBatch(size B: Int, rng: inout SeededRandom) -> TaskBatch {
        var parity = [Int](repeating: 0, count: B)
        var inputs = [Matrix](), targets = [TaskTarget?]()
        for _ in 0..<length {
            var x = Matrix(rows: B, cols: 1)
            for b in 0..<B {
                let bit = TaskData.integer(2, &rng)
                x[b, 0] = Double(bit)
                parity[b] ^= bit
            }
            inputs.append(x)
            targets.append(.classes(parity))
        }
        return TaskBatch(inputs: inputs, targets: targets)
    }
}
