import LessonKit
import TUI

/// The `unrolled` view: the unrolled graph, one f_W box per time step sharing W, with step
/// t highlighted; `direction: backward` shows the gradient flowing right to left, as in
/// backpropagation through time. A backward block with cell keys (`cell`, `hidden`, `sigma`,
/// `loss`, …) runs that cell and writes ‖∂L/∂h_t‖ into box t as the backward pass reaches it
/// (the numbers of the `gradients` view; `n` walks back from t = T).
public enum UnrolledView: LabView {
    /// Which way the arrows point.
    public enum Direction: String, CaseIterable, Hashable, Sendable {
        /// The forward pass: h flows left to right.
        case forward
        /// Backpropagation through time: the gradient flows right to left.
        case backward
    }

    public struct Spec: LabViewSpec {
        public var view: String { UnrolledView.name }
        public var line = 0
        public var steps = 24
        public var start = 1
        public var direction = Direction.forward
        /// Backward only: the cell whose gradients label the boxes (nil: the schematic).
        public var cell: CellSpec?
        public var loss = GradientFlow.Loss.last

        public init(line: Int = 0, steps: Int = 24, start: Int = 1, direction: Direction = .forward,
                    cell: CellSpec? = nil, loss: GradientFlow.Loss = .last) {
            self.line = line
            self.steps = steps
            self.start = start
            self.direction = direction
            self.cell = cell
            self.loss = loss
        }
    }

    public static let name = "unrolled"
    public static let summary = "the unrolled graph, box t highlighted; `direction: backward` with cell keys labels each box with ‖∂L/∂h_t‖"
    public static let blockKeys = [
        BlockKey("steps", "time steps T", default: "24", range: "2 … 200"),
        BlockKey("start", "the t shown on arriving at the step", default: "1", range: "1 … T"),
        BlockKey("direction", "`forward` or `backward` (BPTT)", default: "`forward`"),
    ] + cellKeys

    /// Backward only: the keys that run a cell and label box t with ‖∂L/∂h_t‖ (the same keys,
    /// with the same meaning, as the cell views and the gradients view).
    static let cellKeys = CellSpec.blockKeys.filter { !["steps", "start"].contains($0.name) } + [GradientsView.lossKey]

    public static func parse(_ fields: YAMLFields, fenceLine: Int, errors: inout [LessonError]) -> Spec? {
        var spec = Spec(line: fenceLine)
        if let v = fields.int("steps", in: CellSpec.stepsRange, errors: &errors) { spec.steps = v }
        if let v = fields.choice("direction", Direction.self, noun: "direction", required: false, missingLine: fenceLine, errors: &errors) {
            spec.direction = v
        }
        spec.start = Timeline.parseStart(fields, steps: spec.steps, errors: &errors) ?? 1
        if let key = cellKeys.first(where: { fields[$0.name] != nil }) {
            guard spec.direction == .backward else {
                errors.append(LessonError(file: fields.file, line: fields[key.name]?.line ?? fenceLine,
                                          message: "'\(key.name)' sets up the cell whose gradients label the boxes: it needs 'direction: backward'"))
                return nil
            }
            // `steps` and `start` were read above: report their problems once.
            var cellErrors: [LessonError] = []
            let cell = CellSpec.parse(fields, fenceLine: fenceLine, errors: &cellErrors)
            errors += cellErrors.filter { !errors.contains($0) }
            spec.cell = cell
            // The backward pass starts at the loss: without `start`, at t = T.
            if fields["start"] == nil { spec.start = cell.steps }
            if let v = fields.choice("loss", GradientFlow.Loss.self, noun: "loss", required: false, missingLine: fenceLine, errors: &errors) {
                spec.loss = v
            }
        }
        return spec
    }

    /// With a cell, position k is the k-th step of the backward pass (t = T − k + 1), as in
    /// the `gradients` view; otherwise it is t.
    public static func timeline(_ spec: Spec) -> Timeline {
        Timeline(count: spec.steps, start: spec.cell == nil ? spec.start : spec.steps - spec.start + 1)
    }

    public static func knobs(_ spec: Spec) -> (knobs: [Knob], values: KnobValues) {
        spec.cell.map { ($0.knobs, $0.settings) } ?? ([], KnobValues())
    }

    /// The schematic has no data beyond its spec and the time step; with a cell, the gradients.
    public static func compute(_ spec: Spec, knobs: KnobValues) -> GradientFlow? {
        spec.cell.map { GradientFlow.compute($0, knobs, loss: spec.loss, jacobian: false) }
    }

    public static func render(_ panel: Panel<UnrolledView>, in area: Rect, into buffer: inout Buffer, theme: LabTheme) {
        guard area.height >= 3, area.width >= 20 else { return }
        if let flow = panel.data { return UnrolledGradients.render(panel, flow, in: area, into: &buffer, theme: theme) }
        let forward = panel.spec.direction == .forward
        let title = forward ? "unrolled through time: forward pass" : "unrolled through time: gradients flow back"
        PanelHeader.draw(title, position: PanelHeader.time(panel.timeline), running: panel.timeline.running,
                         in: area, into: &buffer, theme: theme)
        let graph = UnrolledGraph(steps: panel.timeline.count, current: panel.timeline.position,
                                  direction: forward ? .forward : .backward)
        // Centre the drawing vertically in the panel: it has a fixed natural height.
        let body = area.inset(top: 2)
        let top = max(0, (body.height - UnrolledGraph.fullHeight) / 2)
        graph.render(in: body.inset(top: top), into: &buffer, capabilities: theme.capabilities)
    }
}
