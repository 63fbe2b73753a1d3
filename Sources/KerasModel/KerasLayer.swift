/// A tensor shape as Keras prints it: `nil` is an unknown size (`None`), the batch axis first.
public typealias KerasShape = [Int?]

/// The layer classes of the subset, with Keras 3's class and auto-name prefix for each.
public enum KerasLayerClass: String, CaseIterable, Sendable {
    case simpleRNN = "SimpleRNN"
    case lstm = "LSTM"
    case gru = "GRU"
    case dense = "Dense"
    case timeDistributed = "TimeDistributed"
    case embedding = "Embedding"
    case inputLayer = "InputLayer"

    /// The prefix Keras 3 names an instance with (`snake_case` of the class), before `_1`, `_2`, ….
    var autoNamePrefix: String {
        switch self {
        case .simpleRNN: return "simple_rnn"
        case .lstm: return "lstm"
        case .gru: return "gru"
        case .dense: return "dense"
        case .timeDistributed: return "time_distributed"
        case .embedding: return "embedding"
        case .inputLayer: return "input_layer"
        }
    }

    var isRecurrent: Bool { self == .simpleRNN || self == .lstm || self == .gru }

    /// The activation Keras uses when `activation=` is not given.
    var defaultActivation: String? {
        switch self {
        case .simpleRNN, .lstm, .gru: return "tanh"
        case .dense: return "linear"
        default: return nil
        }
    }
}

/// The activation names Keras 3's `keras.activations.get` accepts as strings (its
/// `ALL_OBJECTS_DICT`, the union over 3.x releases, aliases swish and hard_swish included).
public let kerasActivationNames: Set<String> = [
    "celu", "crelu", "elu", "exponential", "gelu", "glu", "hard_shrink", "hard_sigmoid", "hard_silu", "hard_swish",
    "hard_tanh", "leaky_relu", "linear", "log_sigmoid", "log_softmax", "mish", "relu", "relu6", "selu",
    "sigmoid", "silu", "soft_shrink", "softmax", "softplus", "softsign", "sparse_plus", "sparse_sigmoid",
    "sparsemax", "squareplus", "swish", "tanh", "tanh_shrink", "threshold",
]

/// A configured layer: what its constructor was given that decides shapes and weights.
struct KerasLayerConfig {
    var layerClass: KerasLayerClass
    var name: String
    /// H for the recurrent layers, K for Dense.
    var units = 0
    var returnSequences = false
    var returnState = false
    var resetAfter = true
    var useBias = true
    /// The output activation as written (`activation=`), nil when not given (Keras' default:
    /// tanh for the recurrent layers, linear for Dense); `None` is "linear".
    var activation: String?
    /// Embedding: vocabulary size V and vector size E.
    var inputDim = 0
    var outputDim = 0
    /// TimeDistributed: the wrapped layer (a Dense).
    var inner: [KerasLayerConfig] = []
    /// `input_shape=` (without the batch axis), allowed on a Sequential model's first layer.
    var inputShape: KerasShape?
    var inputShapePosition: SourcePosition?
    /// Where the constructor call is, for errors about applying it.
    var position: SourcePosition

    /// The activation the layer applies to its output: as written, else Keras' default; a
    /// TimeDistributed's is its Dense's. nil for the layers without one.
    var effectiveActivation: String? {
        if layerClass == .timeDistributed { return inner.first?.effectiveActivation }
        return activation ?? layerClass.defaultActivation
    }

    /// The weights' size for an input whose last axis is `d`:
    /// SimpleRNN H(D+H)+H, LSTM 4(H(D+H)+H), GRU 3(H(D+H)+H)+3H with reset_after (Keras' default,
    /// a second recurrent bias), Dense (D+1)K, Embedding V·E; biases go with use_bias=False.
    func parameterCount(inputFeatures d: Int) -> Int {
        let h = units
        switch layerClass {
        case .simpleRNN: return h * (d + h) + (useBias ? h : 0)
        case .lstm: return 4 * (h * (d + h) + (useBias ? h : 0))
        case .gru: return 3 * (h * (d + h) + (useBias ? h : 0)) + (useBias && resetAfter ? 3 * h : 0)
        case .dense: return d * units + (useBias ? units : 0)
        case .embedding: return inputDim * outputDim
        case .timeDistributed: return inner.first?.parameterCount(inputFeatures: d) ?? 0
        case .inputLayer: return 0
        }
    }

    /// The output shape(s) for an input shape, or why this input does not fit the layer.
    /// A recurrent layer with return_state gives [output, h] (SimpleRNN, GRU) or [output, h, c] (LSTM).
    func outputShapes(input: KerasShape) -> Result<[KerasShape], ShapeMismatch> {
        func show(_ s: KerasShape) -> String { formatShape(s) }
        switch layerClass {
        case .simpleRNN, .lstm, .gru:
            guard input.count == 3 else {
                return .failure(ShapeMismatch("\(layerClass.rawValue) needs a 3-D input (batch, time, features); it is given \(show(input))"))
            }
            guard input[2] != nil else {
                return .failure(ShapeMismatch("\(layerClass.rawValue) needs a known feature size (the last axis); it is given \(show(input))"))
            }
            let output: KerasShape = returnSequences ? [input[0], input[1], units] : [input[0], units]
            guard returnState else { return .success([output]) }
            let state: KerasShape = [input[0], units]
            return .success([output] + Array(repeating: state, count: layerClass == .lstm ? 2 : 1))
        case .dense:
            guard input.count >= 2, input.last! != nil else {
                return .failure(ShapeMismatch("Dense needs a known last axis; it is given \(show(input))"))
            }
            return .success([Array(input.dropLast()) + [units]])
        case .embedding:
            return .success([input + [outputDim]])
        case .timeDistributed:
            guard input.count >= 3 else {
                return .failure(ShapeMismatch("TimeDistributed needs an input of at least 3 axes (batch, time, …); it is given \(show(input))"))
            }
            guard let inner = inner.first else { return .failure(ShapeMismatch("TimeDistributed without a layer")) }
            switch inner.outputShapes(input: [input[0]] + Array(input.dropFirst(2))) {
            case .success(let shapes): return .success([[input[0], input[1]] + shapes[0].dropFirst()])
            case .failure(let why): return .failure(why)
            }
        case .inputLayer:
            return .success([input])
        }
    }
}

/// `(None, 50, 64)`: a shape as Keras prints it.
func formatShape(_ shape: KerasShape) -> String {
    "(" + shape.map { $0.map(String.init) ?? "None" }.joined(separator: ", ") + ")"
}

/// Why an input shape does not fit a layer, in words for the error message.
struct ShapeMismatch: Error {
    var message: String
    init(_ message: String) { self.message = message }
}
