import Foundation

/// Next-value prediction on sine waves (many-to-many regression).
///
/// Each sequence is x_t = A sin(ω t + φ) with ω, φ and A drawn per sequence; at step t the
/// network sees x_t and must predict x_{t+1}. Loss: MSE at every step. It has no accuracy.
public struct SineTask: SequenceTask {
    public var length: Int
    public var frequencyRange: ClosedRange<Double> = 0.15...0.6
    public var amplitudeRange: ClosedRange<Double> = 0.5...1.0

    public init(length: Int = 30) {
        precondition(length >= 2, "sine: sequences need at least 2 steps, got \(length)")
        self.length = length
    }

    public var name: String { "sine" }
    public var summary: String { "predict the next value of a sine wave of random frequency, phase and amplitude" }
    public var inputSize: Int { 1 }
    public var outputSize: Int { 1 }
    public var loss: LossKind { .meanSquaredError }
    public var architecture: TaskArchitecture { .manyToMany }
    public var chanceAccuracy: Double? { nil }
    /// Plain SGD on purpose: Adam divides every step by √v̂, which hides exploding gradients;
    /// with SGD a gradient of norm 10⁵ really moves the weights by 10⁵·η, so the
    /// `--sigma-max 2.5` demonstration blows up without `--clip` and trains with it.
    public var defaults: TaskDefaults { TaskDefaults(hidden: 16, steps: 300, batch: 16, learningRate: 0.3, optimizer: .sgd) }

    public func makeBatch(size B: Int, rng: inout SeededRandom) -> TaskBatch {
        // (B × (T+1)) wave values; inputs are steps 0..<T, targets 1...T.
        var waves = [[Double]]()
        for _ in 0..<B {
            let omega = rng.uniform(frequencyRange.lowerBound, frequencyRange.upperBound)
            let phi = rng.uniform(0, 2 * .pi)
            let amp = rng.uniform(amplitudeRange.lowerBound, amplitudeRange.upperBound)
            waves.append((0...length).map { amp * sin(omega * Double($0) + phi) })
        }
        let inputs = (0..<length).map { t in Matrix(rows: B, cols: 1, data: waves.map { $0[t] }) }
        let targets: [TaskTarget?] = (0..<length).map { t in .values(Matrix(rows: B, cols: 1, data: waves.map { $0[t + 1] })) }
        return TaskBatch(inputs: inputs, targets: targets)
    }
}
