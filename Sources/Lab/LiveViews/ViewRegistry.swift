import Exercises
import LessonKit

/// Every live view the Lab can show. The lesson parser, `rnnlab render`, the docs table and
/// the tests ask this list; adding a view is one line here.
public enum ViewRegistry {
    public static let all: [any LabView.Type] = [
        StatesView.self,
        HeatmapView.self,
        GatesView.self,
        UnrolledView.self,
        TopologiesView.self,
        ParamsView.self, GradientsView.self,
        TrainView.self,
        CellDiagramView.self,
        HighwayView.self,
        RaceView.self,
        ArchitectureView.self,
    ]

    /// The view named `name`.
    public static func view(named name: String) -> (any LabView.Type)? { all.first { $0.name == name } }

    /// Reads lab blocks for the lesson parser: the `view:` word picks the plug-in, which
    /// checks its own keys.
    public static let blocks: any LabBlockReader = BlockReader()

    /// The live panel for a step's spec.
    static func panel(for spec: AnyLabSpec) -> (any PanelBox)? {
        guard let view = view(named: spec.view) else { return nil }
        return makePanel(view, spec)
    }

    private static func makePanel<V: LabView>(_ view: V.Type, _ spec: AnyLabSpec) -> (any PanelBox)? {
        spec.as(V.Spec.self).map { Panel<V>(spec: $0) }
    }

    private struct BlockReader: LabBlockReader {
        func read(_ fields: YAMLFields, fenceLine: Int, errors: inout [LessonError]) -> AnyLabSpec? {
            let before = errors.count
            let names = ViewRegistry.all.map { $0.name }
            guard let name = fields.word("view", in: names, noun: "view", required: true, missingLine: fenceLine, errors: &errors),
                  let view = ViewRegistry.view(named: name) else {
                // Still report keys no view knows, so one run shows every problem.
                var known = ["view"]
                for view in ViewRegistry.all {
                    for key in view.blockKeys where !known.contains(key.name) { known.append(key.name) }
                }
                fields.checkKeys(allowed: known, errors: &errors)
                return nil
            }
            fields.checkKeys(allowed: ["view"] + view.blockKeys.map(\.name), errors: &errors)
            let spec = parse(view, fields, fenceLine, &errors)
            return errors.count == before ? spec : nil
        }

        func readExercise(_ fields: YAMLFields, fenceLine: Int, errors: inout [LessonError]) -> AnyExerciseSpec? {
            ExerciseParser.read(fields, fenceLine: fenceLine, errors: &errors).map(AnyExerciseSpec.init)
        }

        private func parse<V: LabView>(_ view: V.Type, _ fields: YAMLFields, _ fenceLine: Int,
                                       _ errors: inout [LessonError]) -> AnyLabSpec? {
            V.parse(fields, fenceLine: fenceLine, errors: &errors).map(AnyLabSpec.init)
        }
    }
}

extension ViewRegistry {
    /// The table of views for Lessons/README.md (a test keeps the file equal to it).
    public static func viewsTable() -> String {
        var lines = ["| view | what it shows | keys |", "|---|---|---|"]
        for view in all {
            let keys = view.blockKeys.map(\.name).joined(separator: " ")
            lines.append("| `\(view.name)` | \(view.summary) | `\(keys)` |")
        }
        return lines.joined(separator: "\n")
    }

    /// The table of lab-block keys for Lessons/README.md: every key of every view, once.
    public static func keysTable() -> String {
        var lines = ["| key | meaning | default | range |", "|---|---|---|---|",
                     "| `view` | one of the views above | required | |"]
        // A key with the same name but another meaning (topologies' `start`) gets its own row.
        var seen: Set<BlockKey> = []
        for view in all {
            for key in view.blockKeys where seen.insert(key).inserted {
                    lines.append("| `\(key.name)` | \(key.meaning) | \(key.defaultValue) | \(key.range) |")
            }
        }
        return lines.joined(separator: "\n")
    }
}
