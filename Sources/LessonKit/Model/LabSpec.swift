/// The live views the Lab can show beside a step's prose. Only views the Lab really draws
/// are listed: a lesson naming another one is an error, not a blank panel.
public enum LabViewKind: String, CaseIterable, Hashable, Sendable {
    /// Every hidden unit h_t[i] as a line over time, with the input x_t.
    case states
    /// The hidden state as a units × time heatmap (diverging, -1 … 1).
    case heatmap
    /// The gate activations of an LSTM (i, f, g, o) or GRU (r, z, n) as a heatmap.
    case gates
    /// The unrolled graph: one f_W box per time step, sharing W; `direction: backward` for BPTT.
    case unrolled
    /// The five sequence topologies (one to one … many to many); n/p moves the highlight.
    case topologies

    /// Whether the view runs a recurrent cell (and so takes cell, hidden, input, seed…).
    public var runsCell: Bool {
        switch self {
        case .states, .heatmap, .gates: return true
        case .unrolled, .topologies: return false
        }
    }
}

/// Which way the unrolled graph's arrows point.
public enum LabDirection: String, CaseIterable, Hashable, Sendable {
    /// The forward pass: h flows left to right.
    case forward
    /// Backpropagation through time: the gradient flows right to left.
    case backward
}

/// The input sequence x_1 … x_T fed to the cell (one scalar per step, D = 1).
public enum LabInput: String, CaseIterable, Hashable, Sendable {
    /// sin(2π t / period): smooth, periodic, shows the lag of the hidden state.
    case sine
    /// 0 for the first quarter of the steps, then 1: shows how a state settles.
    case step
    /// Seeded uniform noise in [-1, 1].
    case noise
    /// All zeros: from h_0 = 0 only a bias could move the state (the vanilla RNN has none).
    case zeros
    /// 1 at the first step, then 0: the memory of one event, fading.
    case pulse
}

/// Which recurrent cell a lab runs. Mirrors `RNNCore.CellKind` without depending on it.
public enum LabCell: String, CaseIterable, Hashable, Sendable {
    case rnn, lstm, gru
}

/// A parsed ```` ```lab ```` block: a live experiment, fully typed and range-checked.
///
/// ```yaml
/// view: states     # required
/// cell: rnn        # rnn | lstm | gru           (default rnn)
/// hidden: 3        # hidden units H, 1...8       (default 3)
/// input: sine      # sine|step|noise|zeros|pulse (default sine)
/// steps: 24        # time steps T, 2...200       (default 24)
/// seed: 7          # weight and noise seed, 0...4294967295 (default 1)
/// scale: 1.0       # weight scale, 0 < s ≤ 5     (default 1)
/// period: 12       # sine period in steps, 2...100 (default 12)
/// start: 1         # time step shown on entering the step, 1...steps (default 1)
/// ```
///
/// Which keys a view accepts: `states` and `heatmap` all of the above; `gates` the same with
/// `cell: lstm` or `cell: gru` required; `unrolled` only `steps`, `start` and
/// `direction: forward|backward`; `topologies` only `start` (1…5, the highlighted topology).
public struct LabSpec: Hashable, Sendable {
    public var view: LabViewKind
    public var cell: LabCell
    public var hidden: Int
    public var input: LabInput
    public var steps: Int
    public var seed: UInt64
    /// Weights are drawn uniformly in ±scale/√H: below 1 the state fades, above it saturates.
    public var scale: Double
    /// Steps per sine cycle (used by `input: sine`).
    public var period: Int
    /// `unrolled` only: forward pass or backpropagation.
    public var direction: LabDirection
    /// The time step shown when the learner arrives at the step (and after a reset).
    public var start: Int
    /// Line of the block's opening fence in the lesson file.
    public var line: Int

    public init(view: LabViewKind, cell: LabCell = .rnn, hidden: Int = 3, input: LabInput = .sine,
                steps: Int = 24, seed: UInt64 = 1, scale: Double = 1, period: Int = 12, start: Int = 1, direction: LabDirection = .forward, line: Int = 0) {
        self.view = view
        self.cell = cell
        self.hidden = hidden
        self.input = input
        self.steps = steps
        self.seed = seed
        self.scale = scale
        self.period = period
        self.start = start
        self.direction = direction
        self.line = line
    }

    /// Allowed ranges, shared by the parser and the docs.
    public static let hiddenRange = 1...8
    public static let stepsRange = 2...200
    public static let periodRange = 2...100
    public static let scaleRange = 0.0...5.0
    /// Any 32-bit seed: more draws than a class will ever try, and a bound a message can state.
    public static let seedRange = 0...Int(UInt32.max)
    /// The lecture's five sequence topologies: the time axis of the `topologies` view.
    public static let topologyCount = 5
}
