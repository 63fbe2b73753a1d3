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
    /// What `n`/`p` move, for the status line ("time", "topology").
    static var axis: String { get }
    /// What `n` / `p` do, for the help overlay ("one time step forward / back").
    static var axisHelp: String { get }
    /// Whether `p` moves back along the axis (training does not run backwards: `n` only).
    static var axisGoesBack: Bool { get }

    /// Reads and checks the block (unknown keys are already reported).
    static func parse(_ fields: YAMLFields, fenceLine: Int, errors: inout [LessonError]) -> Spec?
    /// The knobs the learner may turn and their starting values.
    static func knobs(_ spec: Spec) -> (knobs: [Knob], values: KnobValues)
    /// The axis `n`/`p` move: its length and where the step opens.
    static func timeline(_ spec: Spec) -> Timeline
    /// The panel's data for these knob values.
    static func compute(_ spec: Spec, knobs: KnobValues) -> Data
    /// The data after the knobs moved from `old` to `new`. The default computes afresh; a
    /// view whose knob only changes how its data is read (a sampling temperature) derives
    /// the new data from `data` instead of recomputing (or retraining) it.
    static func recompute(_ data: Data, _ spec: Spec, from old: KnobValues, to new: KnobValues) -> Data
    /// Draws the panel (header, chart, values) inside `area`.
    static func render(_ panel: Panel<Self>, in area: Rect, into buffer: inout Buffer, theme: LabTheme)

    /// Handles a message for the panel. The default moves the timeline and turns knobs
    /// (`Panel.apply`); a view with work of its own (a training slice) returns it as an
    /// effect whose result comes back as `.result`.
    static func update(_ panel: inout Panel<Self>, _ message: PanelMessage) -> Command<LabMessage>
    /// How often the panel wants a tick; nil while idle. The default: every 150 ms while running.
    static func tickInterval(_ panel: Panel<Self>) -> Duration?
    /// What `rnnlab export` writes for the panel; nil when the view has no numbers to export
    /// (the default for views that run no cell; cell views export the cell, its input and trace).
    static func export(_ panel: Panel<Self>) -> ExperimentExport?
    /// Keys of the view's own (the cell diagram's `u`: next unit), joined to the one key
    /// list while its panel is open; each sends `.action(name)` to `update`. Default: none.
    static var bindings: [ViewBinding] { get }
}

/// A key a view binds for itself: it sends `PanelMessage.action(action)` to the view.
public struct ViewBinding: Hashable, Sendable {
    public let key: Key
    public let action: String
    /// What the key does, for the help overlay and the docs.
    public let help: String
    /// The status line's word (nil: only in the help).
    public let status: String?

    public init(_ key: Key, action: String, help: String, status: String? = nil) {
        self.key = key
        self.action = action
        self.help = help
        self.status = status
    }
}

extension LabView where Spec: RunsCell {
    /// The block's knobs and settings (`knobs:`, `seed:`, `sigma:` …).
    public static func knobs(_ spec: Spec) -> (knobs: [Knob], values: KnobValues) { (spec.cell.knobs, spec.cell.settings) }
    /// t = 1 … T, opening at the block's `start`.
    public static func timeline(_ spec: Spec) -> Timeline { Timeline(count: spec.cell.steps, start: spec.cell.start) }
    public static func export(_ panel: Panel<Self>) -> ExperimentExport? {
        CellExport.make(view: name, cell: panel.spec.cell, values: panel.values)
    }
}

extension LabView {
    public static func recompute(_ data: Data, _ spec: Spec, from old: KnobValues, to new: KnobValues) -> Data {
        compute(spec, knobs: new)
    }

    public static var axis: String { "time" }
    public static var axisHelp: String { "one time step forward / back" }
    public static var axisGoesBack: Bool { true }
    public static func knobs(_ spec: Spec) -> (knobs: [Knob], values: KnobValues) { ([], KnobValues()) }
    public static func update(_ panel: inout Panel<Self>, _ message: PanelMessage) -> Command<LabMessage> {
        panel.apply(message)
        return .none
    }
    public static func tickInterval(_ panel: Panel<Self>) -> Duration? {
        panel.timeline.running ? LabProgram.animationInterval : nil
    }
    public static func export(_ panel: Panel<Self>) -> ExperimentExport? { nil }
    public static var bindings: [ViewBinding] { [] }
}

/// A view whose block sets up a recurrent cell: it takes the shared cell keys (`CellSpec`).
public protocol CellLabView: LabView where Spec == CellViewSpec {}

extension CellLabView {
    public static var blockKeys: [BlockKey] { CellSpec.blockKeys }
    public static func parse(_ fields: YAMLFields, fenceLine: Int, errors: inout [LessonError]) -> CellViewSpec? {
        CellViewSpec(view: name, line: fenceLine, cell: CellSpec.parse(fields, fenceLine: fenceLine, errors: &errors))
    }
}

/// A spec that sets up a recurrent cell (`CellSpec`): what the cell views' header reads.
public protocol RunsCell {
    var cell: CellSpec { get }
}

/// The spec of a view that runs a cell: the view's name and the cell settings.
public struct CellViewSpec: LabViewSpec, RunsCell {
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
    /// The view's own selection, moved by its `bindings` (the cell diagram's hidden unit, 0-based).
    public var cursor = 0

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
        data = V.recompute(data, spec, from: values, to: newValues)
        values = newValues
    }

    /// Forgets the note (the learner has moved on: a time step, run or pause).
    public mutating func clearNote() { note = nil }

    /// The block's own values again.
    public mutating func resetKnobs() { set(V.knobs(spec).values) }

    /// Replaces the data (for views whose data grows by effects, like training).
    public mutating func replaceData(_ newData: V.Data) { data = newData }

    /// The generic handling of a panel message: time, running, knobs.
    public mutating func apply(_ message: PanelMessage) {
        switch message {
        case .forward: timeline.forward()
        case .back: timeline.back()
        case .toggleRunning: timeline.toggleRunning()
        case .tick: timeline.tick()
        case .turn(let name, let turn): self.turn(name, turn)
        case .resetKnobs: resetKnobs()
        case .result, .action: break
        }
    }

    /// Turns a knob one notch; at an end of its range the value stays and a note says so.
    public mutating func turn(_ name: String, _ turn: Knob.Turn) {
        guard let knob = knobs.first(where: { $0.name == name }) else { return }
        var next = values
        let (v, clamped) = knob.turned(values[name] ?? 0, turn)
        next[name] = v
        set(next, note: clamped ? "\(knob.name) stops at \(knob.display(v))" : nil)
    }

    /// Sets a knob to a value, clamped to its range. Returns the value used, or nil when
    /// the panel has no such knob.
    @discardableResult
    public mutating func setKnob(_ name: String, to value: Double) -> Double? {
        setKnobs([name: value])[name]
    }

    /// Sets several knobs at once, each clamped to its range, with one recomputation.
    /// Returns the values used; knobs the panel does not have are left out.
    @discardableResult
    public mutating func setKnobs(_ settings: [String: Double]) -> [String: Double] {
        var next = values
        var used: [String: Double] = [:]
        var note: String?
        for name in settings.keys.sorted() {
            guard let knob = knobs.first(where: { $0.name == name }) else { continue }
            let (v, clamped) = knob.clamped(settings[name]!)
            next[name] = v
            used[name] = v
            if clamped { note = "\(knob.name) stops at \(knob.display(v))" }
        }
        set(next, note: note)
        return used
    }
}

/// What an effect of a view hands back to it (a training slice's new state): any value,
/// compared and hashed as itself.
public struct PanelResult: Hashable, Sendable {
    public let base: any Hashable & Sendable

    public init(_ base: some Hashable & Sendable) { self.base = base }

    /// The value as its own type.
    public func `as`<T>(_ type: T.Type) -> T? { base as? T }

    public static func == (a: PanelResult, b: PanelResult) -> Bool { equal(a.base, b.base) }
    public func hash(into hasher: inout Hasher) { base.hash(into: &hasher) }
    private static func equal<A: Hashable & Sendable>(_ a: A, _ b: any Hashable & Sendable) -> Bool { (b as? A) == a }
}
