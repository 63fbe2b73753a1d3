/// Turns the YAML of a ```` ```lab ```` block into a `LabSpec`, checking every key, word,
/// type and range against what the Lab implements.
enum LabSpecParser {
    /// The keys each view accepts, in the order messages list them.
    static func keys(_ view: LabViewKind) -> [String] {
        switch view {
        case .states, .heatmap, .gates:
            return ["view", "cell", "hidden", "input", "steps", "seed", "start", "scale", "period"]
        case .unrolled:
            return ["view", "steps", "start", "direction"]
        case .topologies:
            return ["view", "start"]
        }
    }

    /// Parses the block whose opening fence is on `fenceLine`; nil (with errors) when invalid.
    static func parse(yaml: String, file: String, fenceLine: Int, errors: inout [LessonError]) -> LabSpec? {
        let before = errors.count
        guard let fields = YAMLFields(yaml: yaml, file: file, firstLine: fenceLine + 1, fallbackLine: fenceLine,
                                      what: "lab block", errors: &errors) else { return nil }
        let view = fields.choice("view", LabViewKind.self, noun: "view", required: true, missingLine: fenceLine, errors: &errors)
        if let view {
            fields.checkKeys(allowed: keys(view), errors: &errors)
        } else {
            var all: [String] = []
            for k in LabViewKind.allCases.flatMap(keys) where !all.contains(k) { all.append(k) }
            fields.checkKeys(allowed: all, errors: &errors)
        }
        var spec = LabSpec(view: view ?? .states, line: fenceLine)
        if view == .topologies { spec.steps = LabSpec.topologyCount }
        if let v = fields.choice("cell", LabCell.self, noun: "cell", required: false, missingLine: fenceLine, errors: &errors) { spec.cell = v }
        if let v = fields.choice("input", LabInput.self, noun: "input", required: false, missingLine: fenceLine, errors: &errors) { spec.input = v }
        if let v = fields.int("hidden", in: LabSpec.hiddenRange, errors: &errors) { spec.hidden = v }
        if let v = fields.int("steps", in: LabSpec.stepsRange, errors: &errors) { spec.steps = v }
        if let v = fields.int("seed", in: LabSpec.seedRange, errors: &errors) { spec.seed = UInt64(v) }
        if let v = fields.double("scale", in: LabSpec.scaleRange, openBelow: true, errors: &errors) { spec.scale = v }
        if let v = fields.int("period", in: LabSpec.periodRange, errors: &errors) { spec.period = v }
        if let v = fields.choice("direction", LabDirection.self, noun: "direction", required: false, missingLine: fenceLine, errors: &errors) { spec.direction = v }
        if view == .gates && spec.cell == .rnn {
            errors.append(LessonError(file: file, line: fields["cell"]?.line ?? fenceLine,
                                      message: "the gates view needs 'cell: lstm' or 'cell: gru' (a vanilla RNN has no gates)"))
        }
        // `start` is a time step of this block (the topology, for `topologies`).
        let startNote = view == .topologies ? " (the five topologies)" : " (the block's 'steps')"
        if let v = fields.int("start", in: 1...spec.steps, rangeNote: startNote, errors: &errors) { spec.start = v }
        return errors.count == before ? spec : nil
    }
}
