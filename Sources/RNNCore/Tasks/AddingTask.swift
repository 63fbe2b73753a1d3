/// Hochreiter & Schmidhuber's adding problem (many-to-one regression).
///
/// Two input channels: a value drawn from U(0, 1) at every step, and a marker that is 1 at two
/// steps (one in the first half, one in the second) and 0 elsewhere. Target: the sum of the two
/// marked values. Always answering 1 gives MSE ≈ 0.167; "solved" means |y − target| < 0.04,
/// which is the accuracy reported.
public struct AddingTask: SequenceTask {
    public var length: Int
    public var tolerance: Double = 0.04

    public init(length: Int = 20) {
        precondition(length >= 2, "adding: sequences need at least 2 steps, got \(length)")
        self.length = length
    }

    public var name: String { "adding" }
    public var summary: String { "output the sum of the two marked numbers of a sequence of \(length)" }
    public var inputSize: Int { 2 }
    public var outputSize: Int { 1 }
    public var loss: LossKind { .meanSquaredError }
    public var architecture: TaskArchitecture { .manyToOne }
    /// A constant guess of 1 is within 0.04 of the sum about 8% of the time (triangular density).
    public var chanceAccuracy: Double? { 0.0784 }
    public var defaults: TaskDefaults { TaskDefaults(hidden: 32, steps: 400, batch: 32, learningRate: 0.01) }

    public func makeBatch(size B: Int, rng: inout SeededRandom) -> TaskBatch {
        let half = length / 2
        var inputs = (0..<length).map { _ in Matrix(rows: B, cols: 2) }
        var sums = Matrix(rows: B, cols: 1)
        for b in 0..<B {
            let first = TaskData.integer(max(half, 1), &rng)
            let second = half + TaskData.integer(length - half, &rng)
            for t in 0..<length {
                let v = rng.nextUnit()
                inputs[t][b, 0] = v
                if t == first || t == second {
                    inputs[t][b, 1] = 1
                    sums[b, 0] += v
                }
            }
        }
        var targets = [TaskTarget?](repeating: nil, count: length)
        targets[length - 1] = .values(sums)
        return TaskBatch(inputs: inputs, targets: targets)
    }

    public func score(prediction: Matrix, target: TaskTarget) -> (correct: Int, total: Int)? {
        guard case .values(let t) = target else { return nil }
        let hits = (0..<t.rows).filter { abs(prediction[$0, 0] - t[$0, 0]) < tolerance }.count
        return (hits, t.rows)
    }
}
