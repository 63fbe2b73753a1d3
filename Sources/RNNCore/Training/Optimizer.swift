import Foundation

/// The optimizers of the lab, with the defaults Keras and PyTorch share where they agree.
public enum OptimizerKind: String, Sendable, Hashable, CaseIterable {
    case sgd, momentum, adagrad, adam

    /// A sensible learning rate when none is given (Keras' defaults: SGD 0.01, Adagrad and Adam 0.001).
    public var defaultLearningRate: Double {
        switch self {
        case .sgd, .momentum: return 0.01
        case .adagrad, .adam: return 0.001
        }
    }
}

/// A first-order optimizer over named parameter matrices, keeping its own state per name.
///
/// With g = ∂L/∂θ and learning rate η:
/// - **SGD**: θ ← θ − η g
/// - **Momentum** (heavy ball; Keras `SGD(momentum=μ)`, same as PyTorch's for a constant η):
///   v ← μ v − η g, θ ← θ + v
/// - **Adagrad**: a ← a + g², θ ← θ − η g / (√a + ε); Keras starts a at 0.1 (`initial_accumulator_value`),
///   PyTorch at 0; we follow Keras (0.1, ε = 1e-7) so the first steps are not huge.
/// - **Adam** (Kingma & Ba; PyTorch's form): m ← β₁ m + (1 − β₁) g, v ← β₂ v + (1 − β₂) g²,
///   m̂ = m / (1 − β₁ᵗ), v̂ = v / (1 − β₂ᵗ), θ ← θ − η m̂ / (√v̂ + ε); β₁ = 0.9, β₂ = 0.999, ε = 1e-7 (Keras;
///   PyTorch uses 1e-8, which only matters when v̂ is tiny).
public struct Optimizer: Sendable {
    public var kind: OptimizerKind
    public var learningRate: Double
    /// μ of the momentum method.
    public var momentum: Double = 0.9
    public var beta1: Double = 0.9
    public var beta2: Double = 0.999
    public var epsilon: Double = 1e-7
    /// Adagrad's starting accumulator.
    public var initialAccumulator: Double = 0.1
    /// How many steps have been taken (Adam's t).
    public private(set) var stepCount = 0

    /// First-moment state (momentum's v, Adam's m), per parameter name.
    private var first: [String: Matrix] = [:]
    /// Second-moment state (Adagrad's a, Adam's v), per parameter name.
    private var second: [String: Matrix] = [:]

    public init(kind: OptimizerKind, learningRate: Double? = nil) {
        self.kind = kind
        self.learningRate = learningRate ?? kind.defaultLearningRate
    }

    /// Updates every parameter that has a gradient of the same name; parameters without one stay.
    public mutating func step(_ parameters: inout [String: Matrix], gradients: [String: Matrix]) {
        stepCount += 1
        let t = Double(stepCount)
        for name in gradients.keys.sorted() {
            guard let g = gradients[name], var theta = parameters[name] else { continue }
            precondition(g.rows == theta.rows && g.cols == theta.cols,
                         "Optimizer: gradient of '\(name)' is \(g.shapeDescription) but the parameter is \(theta.shapeDescription)")
            let eta = learningRate
            switch kind {
            case .sgd:
                for i in 0..<theta.count { theta.data[i] -= eta * g.data[i] }
            case .momentum:
                var v = first[name] ?? Matrix(rows: g.rows, cols: g.cols)
                for i in 0..<theta.count {
                    v.data[i] = momentum * v.data[i] - eta * g.data[i]
                    theta.data[i] += v.data[i]
                }
                first[name] = v
            case .adagrad:
                var a = second[name] ?? Matrix(rows: g.rows, cols: g.cols, repeating: initialAccumulator)
                for i in 0..<theta.count {
                    a.data[i] += g.data[i] * g.data[i]
                    theta.data[i] -= eta * g.data[i] / (a.data[i].squareRoot() + epsilon)
                }
                second[name] = a
            case .adam:
                var m = first[name] ?? Matrix(rows: g.rows, cols: g.cols)
                var v = second[name] ?? Matrix(rows: g.rows, cols: g.cols)
                let c1 = 1 - pow(beta1, t), c2 = 1 - pow(beta2, t)
                for i in 0..<theta.count {
                    let gi = g.data[i]
                    m.data[i] = beta1 * m.data[i] + (1 - beta1) * gi
                    v.data[i] = beta2 * v.data[i] + (1 - beta2) * gi * gi
                    let mHat = m.data[i] / c1, vHat = v.data[i] / c2
                    theta.data[i] -= eta * mHat / (vHat.squareRoot() + epsilon)
                }
                first[name] = m
                second[name] = v
            }
            parameters[name] = theta
        }
    }
}
