import LessonKit
import TUI

/// The `unrolled` view: the unrolled graph, one f_W box per time step sharing W, with step
/// t highlighted; `direction: backward` shows the gradient flowing right to left, as in
/// backpropagation through time.
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

        public init(line: Int = 0, steps: Int = 24, start: Int = 1, direction: Direction = .forward) {
            self.line = line
            self.steps = steps
            self.start = start
            self.direction = direction
        }
    }

    public static let name = "unrolled"
    public static let summary = "the unrolled graph, box t highlighted"
    public static let blockKeys = [
        BlockKey("steps", "time steps T", default: "24", range: "2 … 200"),
        BlockKey("start", "the t shown on arriving at the step", default: "1", range: "1 … T"),
        BlockKey("direction", "`forward` or `backward` (BPTT)", default: "`forward`"),
    ]

    public static func parse(_ fields: YAMLFields, fenceLine: Int, errors: inout [LessonError]) -> Spec? {
        var spec = Spec(line: fenceLine)
        if let v = fields.int("steps", in: CellSpec.stepsRange, errors: &errors) { spec.steps = v }
        if let v = fields.choice("direction", Direction.self, noun: "direction", required: false, missingLine: fenceLine, errors: &errors) {
            spec.direction = v
        }
        spec.start = Timeline.parseStart(fields, steps: spec.steps, errors: &errors) ?? 1
        return spec
    }

    public static func timeline(_ spec: Spec) -> Timeline { Timeline(count: spec.steps, start: spec.start) }

    /// The drawing has no data beyond its spec and the time step.
    public static func compute(_ spec: Spec, knobs: KnobValues) -> Int { spec.steps }

    public static func render(_ panel: Panel<UnrolledView>, in area: Rect, into buffer: inout Buffer, theme: LabTheme) {
        guard area.height >= 3, area.width >= 20 else { return }
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
