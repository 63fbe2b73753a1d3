import LessonKit
import TUI

/// The live panel of the open step, whatever its view: a `Panel<V>` behind one type, so the
/// lesson session can hold it, move it in time, turn its knobs and draw it without knowing
/// which view it is.
///
/// Everything is computed when the step opens and again when a knob turns (the cells are
/// tiny); moving in time only changes the timeline, so stepping back is exact and every
/// frame is reproducible.
public struct LabExperiment: Hashable, Sendable {
    private var panel: any PanelBox

    /// The experiment of a step's lab block; nil when no registered view reads this spec.
    public init?(spec: AnyLabSpec) {
        guard let panel = ViewRegistry.panel(for: spec) else { return nil }
        self.panel = panel
    }

    /// A view's panel for a spec of its own (for tests and tools).
    public init<V: LabView>(_ view: V.Type, spec: V.Spec) { panel = Panel<V>(spec: spec) }

    /// The view's name (`states`).
    public var view: String { panel.viewName }
    /// What `n`/`p` move ("time", or "topology").
    public var axis: String { panel.axis }
    /// The view's own keys.
    public var bindings: [ViewBinding] { panel.bindings }
    /// What `n` / `p` do here, for the help overlay.
    public var axisHelp: String { panel.axisHelp }
    /// Whether `p` moves back (not in a panel that trains).
    public var axisGoesBack: Bool { panel.axisGoesBack }

    // MARK: Time

    /// The current step t, 1 … T (or the item shown, for views without time).
    public var time: Int { panel.timeline.position }
    public var steps: Int { panel.timeline.count }
    public var running: Bool { panel.timeline.running }
    public var atEnd: Bool { panel.timeline.atEnd }

    /// Handles a message for the panel through its view (which may return work to do).
    public mutating func update(_ message: PanelMessage) -> Command<LabMessage> { panel.update(message) }
    /// How often the panel wants a tick; nil while idle.
    public var tickInterval: Duration? { panel.tickInterval }

    public mutating func forward() { panel.timeline.forward() }
    public mutating func back() { panel.timeline.back() }
    public mutating func setTime(_ t: Int) { panel.timeline.set(t) }
    public mutating func toggleRunning() { panel.timeline.toggleRunning() }
    public mutating func tick() { panel.timeline.tick() }

    // MARK: Knobs

    /// The knobs the learner may turn here, in the block's order.
    public var knobs: [Knob] { panel.knobs }
    /// The current value of every setting (turned or not).
    public var values: KnobValues { panel.values }
    /// Set after a knob stopped at the end of its range ("σ_max stops at 3.00").
    public var note: String? { panel.note }

    /// Turns a knob of this step one notch; at an end of its range the value stays and a
    /// note says so.
    public mutating func turn(_ name: String, _ turn: Knob.Turn) { panel.turn(name, turn) }

    /// Sets a knob to a value (from `--knob NAME=VALUE`), clamped to its range. Returns the
    /// value used, or nil when the step has no such knob.
    @discardableResult
    public mutating func setKnob(_ name: String, to value: Double) -> Double? { panel.setKnobs([name: value])[name] }

    /// Sets several knobs at once (one recomputation), each clamped to its range; returns the
    /// values used (knobs the step does not have are left out).
    @discardableResult
    public mutating func setKnobs(_ settings: [String: Double]) -> [String: Double] { panel.setKnobs(settings) }

    /// Forgets the "stops at" note.
    public mutating func clearNote() { panel.clearNote() }

    /// Every knob back to the block's value.
    public mutating func resetKnobs() { panel.resetKnobs() }

    // MARK: Data and drawing

    /// The data of view `V`, when this is one of its panels.
    public func data<V: LabView>(_ view: V.Type) -> V.Data? { (panel as? Panel<V>)?.data }

    /// The panel of view `V`, when this is one.
    public func panel<V: LabView>(_ view: V.Type) -> Panel<V>? { panel as? Panel<V> }

    public func render(in area: Rect, into buffer: inout Buffer, theme: LabTheme) {
        panel.render(in: area, into: &buffer, theme: theme)
    }

    /// What `rnnlab export` writes for this panel; nil when its view has no numbers.
    public func export() -> ExperimentExport? { panel.export() }

    public static func == (a: LabExperiment, b: LabExperiment) -> Bool { a.panel.isEqual(to: b.panel) }
    public func hash(into hasher: inout Hasher) { panel.hash(into: &hasher) }
}

/// What `LabExperiment` needs of a `Panel<V>`, without `V`.
protocol PanelBox: Sendable {
    var viewName: String { get }
    var axis: String { get }
    var bindings: [ViewBinding] { get }
    var axisHelp: String { get }
    var axisGoesBack: Bool { get }
    var timeline: Timeline { get set }
    var knobs: [Knob] { get }
    var values: KnobValues { get }
    var note: String? { get }
    mutating func turn(_ name: String, _ turn: Knob.Turn)
    mutating func setKnobs(_ settings: [String: Double]) -> [String: Double]
    mutating func resetKnobs()
    mutating func clearNote()
    mutating func update(_ message: PanelMessage) -> Command<LabMessage>
    var tickInterval: Duration? { get }
    func export() -> ExperimentExport?
    func render(in area: Rect, into buffer: inout Buffer, theme: LabTheme)
    func isEqual(to other: any PanelBox) -> Bool
    func hash(into hasher: inout Hasher)
}

extension Panel: PanelBox {
    var viewName: String { V.name }
    var axis: String { V.axis }
    var bindings: [ViewBinding] { V.bindings }
    var axisHelp: String { V.axisHelp }
    var axisGoesBack: Bool { V.axisGoesBack }
    mutating func update(_ message: PanelMessage) -> Command<LabMessage> { V.update(&self, message) }
    var tickInterval: Duration? { V.tickInterval(self) }
    func export() -> ExperimentExport? { V.export(self) }
    func render(in area: Rect, into buffer: inout Buffer, theme: LabTheme) { V.render(self, in: area, into: &buffer, theme: theme) }
    func isEqual(to other: any PanelBox) -> Bool { (other as? Panel<V>) == self }
}
