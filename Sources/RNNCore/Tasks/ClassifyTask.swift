import Foundation

/// Many-to-one classification: which kind of wave is this? (sine, square or sawtooth)
///
/// Each sequence is one of three wave shapes with a random frequency and phase, plus Gaussian
/// noise; the network reads it all and names the shape at the last step. Guessing scores 1/3.
public struct ClassifyTask: SequenceTask {
    public static let classNames = ["sine", "square", "sawtooth"]
    public var length: Int
    public var noise: Double = 0.2

    public init(length: Int = 24) {
        precondition(length >= 2, "classify: sequences need at least 2 steps, got \(length)")
        self.length = length
    }

    public var name: String { "classify" }
    public var summary: String { "name the shape of a noisy wave: sine, square or sawtooth" }
    public var inputSize: Int { 1 }
    public var outputSize: Int { ClassifyTask.classNames.count }
    public var loss: LossKind { .softmaxCrossEntropy }
    public var architecture: TaskArchitecture { .manyToOne }
    public var chanceAccuracy: Double? { 1 / Double(ClassifyTask.classNames.count) }
    public var defaults: TaskDefaults { TaskDefaults(hidden: 16, steps: 300, batch: 32, learningRate: 0.01) }

    /// The noiseless value of wave `kind` at phase θ (radians).
    static func wave(_ kind: Int, _ theta: Double) -> Double {
        switch kind {
        case 0: return sin(theta)
        case 1: return sin(theta) >= 0 ? 1 : -1
        default:
            let u = theta / (2 * .pi)
            return 2 * (u - (u + 0.5).rounded(.down))   // sawtooth in [−1, 1)
        }
    }

    public func makeBatch(size B: Int, rng: inout SeededRandom) -> TaskBatch {
        let labels = (0..<B).map { _ in TaskData.integer(outputSize, &rng) }
        let omegas = (0..<B).map { _ in rng.uniform(0.3, 0.9) }
        let phases = (0..<B).map { _ in rng.uniform(0, 2 * .pi) }
        var inputs = [Matrix]()
        for t in 0..<length {
            var x = Matrix(rows: B, cols: 1)
            for b in 0..<B {
                x[b, 0] = ClassifyTask.wave(labels[b], omegas[b] * Double(t) + phases[b]) + rng.normal(std: noise)
            }
            inputs.append(x)
        }
        var targets = [TaskTarget?](repeating: nil, count: length)
        targets[length - 1] = .classes(labels)
        return TaskBatch(inputs: inputs, targets: targets)
    }
}
