import LessonKit

/// Which recurrent cell a lab runs.
public enum LabCell: String, CaseIterable, Hashable, Sendable {
    case rnn, lstm, gru

    /// The name panels show.
    public var title: String {
        switch self {
        case .rnn: return "vanilla RNN"
        case .lstm: return "LSTM"
        case .gru: return "GRU"
        }
    }
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

/// How the recurrent matrix W_hh (each gate's block of W_h) is drawn.
public enum LabWeights: String, CaseIterable, Hashable, Sendable {
    /// Uniform in ±scale/√H, like every other weight: its singular values spread out, so
    /// σ_max > 1 does not mean every direction grows.
    case uniform
    /// A seeded random orthogonal matrix times `scale`: every singular value is the same,
    /// so the lecture's rule (σ_max < 1 vanishes, > 1 explodes) holds exactly at σ_max = 1.
    case orthogonal
}

/// Where the GRU applies its reset gate r in the candidate h̃_t (both run exactly in RNNCore).
public enum GRUForm: String, CaseIterable, Hashable, Sendable {
    /// r ⊙ (W_h h_{t-1} + b_h), after the matrix product: Keras' `reset_after=True` (its
    /// default) and PyTorch; two biases.
    case resetAfter = "reset-after"
    /// W_h (r ⊙ h_{t-1}), before the matrix product: the lecture's (and Cho et al.'s) form.
    case resetBefore = "reset-before"
}

/// The part of a lab block that sets up a recurrent cell, shared by every view that runs one:
///
/// ```yaml
/// cell: rnn        # rnn | lstm | gru           (default rnn)
/// hidden: 3        # hidden units H, 1...8       (default 3)
/// input: sine      # sine|step|noise|zeros|pulse (default sine)
/// steps: 24        # time steps T, 2...200       (default 24)
/// seed: 7          # weight and noise seed       (default 1)
/// scale: 1.0       # weight scale, 0 < s ≤ 5     (default 1)
/// sigma: 1.2       # rescale W_hh to this largest singular value (default: as drawn)
/// period: 12       # sine period in steps, 2...100 (default 12)
/// start: 1         # time step shown on entering the step, 1...steps (default 1)
/// amplitude: 0.01  # the input x_t times this, 0 < a ≤ 1 (default 1; small: tanh stays linear)
/// weights: uniform # uniform|orthogonal: how W_hh is drawn (default uniform)
/// gru-form: reset-after # reset-after|reset-before: where the GRU's r acts (default reset-after)
/// knobs: [sigma]   # what the learner may turn (see `Knobs`)
/// ```
public struct CellSpec: Hashable, Sendable {
    public var cell: LabCell = .rnn
    public var hidden = 3
    public var steps = 24
    public var period = 12
    public var start = 1
    /// The input signal is multiplied by this (0 < a ≤ 1): a small amplitude keeps tanh in
    /// its linear part, where only W_hh decides whether gradients vanish or explode.
    public var amplitude = 1.0
    /// How W_hh is drawn.
    public var weights = LabWeights.uniform
    /// Where a GRU applies its reset gate.
    public var gruForm = GRUForm.resetAfter
    /// The starting value of every setting a knob can turn: `seed`, `scale`, `input`, `sigma`.
    public var settings = KnobValues(["seed": 1, "scale": 1, "input": 0])
    /// The knobs the learner may turn in this step, in the block's order.
    public var knobs: [Knob] = []
    /// Weights and input of the learner's own model (`rnnlab inspect`): run instead of the
    /// seeded draw and the input signal. nil in every lesson.
    public var given: GivenCell?

    public init(cell: LabCell = .rnn, hidden: Int = 3, input: LabInput = .sine, steps: Int = 24, seed: UInt64 = 1,
                scale: Double = 1, sigma: Double? = nil, period: Int = 12, start: Int = 1, knobs: [String] = [],
                amplitude: Double = 1, weights: LabWeights = .uniform, gruForm: GRUForm = .resetAfter) {
        self.cell = cell
        self.hidden = hidden
        self.steps = steps
        self.period = period
        self.start = start
        settings["seed"] = Double(seed)
        settings["scale"] = scale
        settings.setChoice("input", input)
        settings["sigma"] = sigma
        self.knobs = knobs.compactMap(Knobs.named)
        self.amplitude = amplitude
        self.weights = weights
        self.gruForm = gruForm
    }

    public static let hiddenRange = 1...8
    public static let stepsRange = 2...200
    public static let periodRange = 2...100
    public static let scaleRange = 0.0...5.0
    public static let sigmaRange = 0.0...10.0
    public static let seedRange = 0...999_999
    public static let amplitudeRange = 0.0...1.0

    /// The knobs a cell view reads (`clip` and `delay` act on training: only the train and
    /// race views have them; `temperature` samples text: only the architecture view has it).
    public static let knobNames = Knobs.all.map(\.name).filter { !["clip", "delay", "temperature"].contains($0) }

    /// The keys, for the parser's check and the docs.
    public static let blockKeys: [BlockKey] = [
        BlockKey("cell", "`rnn` (no bias, as in the lecture), `lstm`, `gru`", default: "`rnn`"),
        BlockKey("hidden", "hidden units H", default: "3", range: "1 … 8"),
        BlockKey("input", "`sine`, `step` (0 then 1 after T/4), `noise` (seeded), `zeros`, `pulse` (1 then 0)", default: "`sine`"),
        BlockKey("steps", "time steps T", default: "24", range: "2 … 200"),
        BlockKey("seed", "weights and noise", default: "1", range: "0 … 999999"),
        BlockKey("start", "the t shown on arriving at the step", default: "1", range: "1 … T"),
        BlockKey("scale", "weights uniform in ±scale/√H", default: "1", range: "(0, 5]"),
        BlockKey("sigma", "W_hh rescaled to this largest singular value σ_max", default: "as drawn", range: "(0, 10]"),
        BlockKey("period", "steps per sine cycle", default: "12", range: "2 … 100"),
        BlockKey("amplitude", "the input x_t multiplied by this (small: tanh stays in its linear part)", default: "1", range: "(0, 1]"),
        BlockKey("weights", "how W_hh is drawn: `uniform` (±scale/√H) or `orthogonal` (all singular values = scale)", default: "`uniform`"),
        BlockKey("gru-form", "`cell: gru`: where the reset gate acts: `reset-after` (r ⊙ (W_h h + b_h), Keras' `reset_after=True`, PyTorch) or `reset-before` (W_h (r ⊙ h), the lecture's)", default: "`reset-after`"),
        BlockKey("knobs", "the knobs the learner may turn: \(knobNames.map { "`\($0)`" }.joined(separator: ", "))", default: "none"),
    ]

    /// Reads the cell keys of a block for a view that needs gates (`cell: lstm` or `gru`);
    /// a vanilla RNN is an error saying `why`, at the `cell` line.
    public static func parseGated(_ fields: YAMLFields, fenceLine: Int, errors: inout [LessonError], why: String) -> CellSpec? {
        let cell = parse(fields, fenceLine: fenceLine, errors: &errors)
        guard cell.cell != .rnn else {
            errors.append(LessonError(file: fields.file, line: fields["cell"]?.line ?? fenceLine, message: why))
            return nil
        }
        return cell
    }

    /// Reads the cell keys of a block (the caller has checked which keys are allowed).
    public static func parse(_ fields: YAMLFields, fenceLine: Int, errors: inout [LessonError]) -> CellSpec {
        var spec = CellSpec()
        if let v = fields.choice("cell", LabCell.self, noun: "cell", required: false, missingLine: fenceLine, errors: &errors) { spec.cell = v }
        if let v = fields.choice("input", LabInput.self, noun: "input", required: false, missingLine: fenceLine, errors: &errors) {
            spec.settings.setChoice("input", v)
        }
        if let v = fields.int("hidden", in: hiddenRange, errors: &errors) { spec.hidden = v }
        if let v = fields.int("steps", in: stepsRange, errors: &errors) { spec.steps = v }
        if let v = fields.int("seed", in: seedRange, errors: &errors) { spec.settings["seed"] = Double(v) }
        if let v = fields.double("scale", in: scaleRange, openBelow: true, errors: &errors) { spec.settings["scale"] = v }
        if let v = fields.double("sigma", in: sigmaRange, openBelow: true, errors: &errors) { spec.settings["sigma"] = v }
        if let v = fields.int("period", in: periodRange, errors: &errors) { spec.period = v }
        if let v = fields.double("amplitude", in: amplitudeRange, openBelow: true, errors: &errors) { spec.amplitude = v }
        if let v = fields.choice("weights", LabWeights.self, noun: "weights", required: false, missingLine: fenceLine, errors: &errors) {
            spec.weights = v
        }
        if let v = fields.choice("gru-form", GRUForm.self, noun: "GRU form", required: false, missingLine: fenceLine, errors: &errors) {
            spec.gruForm = v
            if spec.cell != .gru, let f = fields["gru-form"] {
                errors.append(LessonError(file: fields.file, line: f.line,
                                          message: "'gru-form' belongs to 'cell: gru' (this block's cell is \(spec.cell.rawValue))"))
            }
        }
        if let names = fields.words("knobs", in: knobNames, noun: "knob", errors: &errors) {
            spec.knobs = names.compactMap(Knobs.named)
            for name in names {
                if let m = GateForcing.problem(knob: name, cell: spec.cell), let f = fields["knobs"] {
                    errors.append(LessonError(file: fields.file, line: f.line, message: m))
                }
            }
            if names.contains("sigma"), spec.settings["sigma"] == nil, let f = fields["knobs"] {
                errors.append(LessonError(file: fields.file, line: f.line,
                                          message: "the 'sigma' knob needs a starting value: add 'sigma: 1.0' (or another) to the block"))
            }
        }
        spec.start = Timeline.parseStart(fields, steps: spec.steps, errors: &errors) ?? 1
        return spec
    }
}
