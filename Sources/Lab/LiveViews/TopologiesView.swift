import LessonKit
import TUI

/// The `topologies` view: the lecture's five sequence topologies (one to one … many to
/// many), one highlighted; `n`/`p` move the highlight from one topology to the next.
public enum TopologiesView: LabView {
    public struct Spec: LabViewSpec {
        public var view: String { TopologiesView.name }
        public var line = 0
        /// The topology highlighted on arriving at the step, 1 … 5.
        public var start = 1

        public init(line: Int = 0, start: Int = 1) {
            self.line = line
            self.start = start
        }
    }

    public static let name = "topologies"
    public static let summary = "the five sequence topologies, one highlighted"
    public static let axis = "topology"
    public static let axisHelp = "next / previous topology"
    public static let blockKeys = [
        BlockKey("start", "the topology highlighted on arriving at the step", default: "1",
                 range: "1 … \(SequenceTopologies.all.count)"),
    ]

    public static func parse(_ fields: YAMLFields, fenceLine: Int, errors: inout [LessonError]) -> Spec? {
        Spec(line: fenceLine, start: fields.int("start", in: 1...SequenceTopologies.all.count, errors: &errors) ?? 1)
    }

    public static func timeline(_ spec: Spec) -> Timeline { Timeline(count: SequenceTopologies.all.count, start: spec.start) }

    /// The drawing has no data beyond the highlighted topology.
    public static func compute(_ spec: Spec, knobs: KnobValues) -> Int { SequenceTopologies.all.count }

    public static func render(_ panel: Panel<TopologiesView>, in area: Rect, into buffer: inout Buffer, theme: LabTheme) {
        guard area.height >= 3, area.width >= 20 else { return }
        let t = panel.timeline
        let topology = SequenceTopologies.all[t.position - 1]
        // The example tells the two "many to many" shapes apart.
        let example = topology.example.replacingOccurrences(of: "->", with: theme.glyphs.textArrowRight)
        PanelHeader.draw("\(topology.title): \(example)", position: "\(t.position) / \(t.count)",
                         running: t.running, in: area, into: &buffer, theme: theme)
        SequenceTopologies(highlighted: t.position - 1)
            .render(in: area.inset(top: 2), into: &buffer, capabilities: theme.capabilities)
    }
}
