import LessonKit
import TUI

/// One kind of live panel a lab block can show (`view: states`): a plug-in.
///
/// A view owns everything about itself: the keys its block accepts and their checks, the
/// data it computes from its spec and the knob values, how it draws, and the keys it binds.
/// Adding a view is one new file with a type conforming to this protocol and one line in
/// `ViewRegistry.all`; nothing else switches over the views.
public protocol LabView {
    /// The block's settings, typed.
    associatedtype Spec: LabViewSpec
    /// What the panel shows, computed from the spec and the knob values (pure, cheap to compare).
    associatedtype Data: Hashable & Sendable

    /// The word after `view:`.
    static var name: String { get }
    /// One line for the table of views in Lessons/README.md.
    static var summary: String { get }
    /// The block keys this view accepts besides `view`, in the order the docs list them.
    static var blockKeys: [BlockKey] { get }
    /// What `n`/`p` move, for the status line and help ("time", "topology").
    static var axis: String { get }

    /// Reads and checks the block (unknown keys are already reported).
    static func parse(_ fields: YAMLFields, fenceLine: Int, errors: inout [LessonError]) -> Spec?
    /// The knobs the learner may turn and their starting values.
    static func knobs(_ spec: Spec) -> (knobs: [Knob], values: KnobValues)
    /// The axis `n`/`p` move: its length and where the step opens.
    static func timeline(_ spec: Spec) -> Timeline
    /// The panel's data for these knob values.
    static func compute(_ spec: Spec, knobs: KnobValues) -> Data
    /// Draws the panel (header, chart, values) inside `area`.
    static func render(_ panel: Panel<Self>, in area: Rect, into buffer: inout Buffer, theme: LabTheme)
}

extension LabView {
    public static var axis: String { "time" }
    public static func knobs(_ spec: Spec) -> (knobs: [Knob], values: KnobValues) { ([], KnobValues()) }
}

/// A view whose block sets up a recurrent cell: it takes the shared cell keys (`CellSpec`).
public protocol CellLabView: LabView where Spec == CellViewSpec {}

extension CellLabView {
    public static var blockKeys: [BlockKey] { CellSpec.blockKeys }
    public static func parse(_ fields: YAMLFields, fenceLine: Int, errors: inout [LessonError]) -> CellViewSpec? {
        CellViewSpec(view: name, line: fenceLine, cell: CellSpec.parse(fields, fenceLine: fenceLine, errors: &errors))
    }
    public static func knobs(_ spec: CellViewSpec) -> (knobs: [Knob], values: KnobValues) { (spec.cell.knobs, spec.cell.settings) }
    public static func timeline(_ spec: CellViewSpec) -> Timeline { Timeline(count: spec.cell.steps, start: spec.cell.start) }
}

/// The spec of a view that runs a cell: the view's name and the cell settings.
public struct CellViewSpec: LabViewSpec {
    public let view: String
    public let line: Int
    public var cell: CellSpec

    public init(view: String, line: Int = 0, cell: CellSpec) {
        self.view = view
        self.line = line
        self.cell = cell
    }
}

/// A key a lab block accepts, as Lessons/README.md documents it.
public struct BlockKey: Hashable, Sendable {
    public let name: String
    public let meaning: String
    public let defaultValue: String
    public let range: String

    public init(_ name: String, _ meaning: String, default defaultValue: String, range: String = "") {
        self.name = name
        self.meaning = meaning
        self.defaultValue = defaultValue
        self.range = range
    }
}

/// A live panel of view `V`: its spec, the knob values, the data computed from both, and
/// where it is along its axis. Turning a knob recomputes the data at once.
public struct Panel<V: LabView>: Hashable, Sendable {
    public let spec: V.Spec
    public let knobs: [Knob]
    public private(set) var values: KnobValues
    public private(set) var data: V.Data
    public var timeline: Timeline
    /// A short note for the header after a knob stopped at the end of its range.
    public private(set) var note: String?

    public init(spec: V.Spec) {
        self.spec = spec
        (knobs, values) = V.knobs(spec)
        data = V.compute(spec, knobs: values)
        timeline = V.timeline(spec)
    }

    /// Sets the knob values and recomputes; the time step stays where it is.
    public mutating func set(_ newValues: KnobValues, note: String? = nil) {
        self.note = note
        guard newValues != values else { return }
        values = newValues
        data = V.compute(spec, knobs: values)
    }

    /// The block's own values again.
    public mutating func resetKnobs() { set(V.knobs(spec).values) }
}
