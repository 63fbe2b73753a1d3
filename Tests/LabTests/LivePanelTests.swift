import Lab
import LessonKit
import XCTest

/// What a test class of one training view (train, race, architecture) shares: the panels of
/// its inline fixture lesson, and the app's update loop to drive them. A class conforms by
/// naming its view and its lesson; `Self.panel`, `Self.send` and `Self.trainToEnd` come from
/// here, so the three classes drive their panels the same way.
protocol LivePanelTests {
    associatedtype View: LabView
    /// The inline fixture lesson whose steps hold the view's lab blocks.
    static var lesson: Lesson { get }
}

extension LivePanelTests {
    /// The panel of step `index` (0-based) as the step opens.
    static func panel(_ index: Int) -> Lab.Panel<View> {
        LabExperiment(spec: lesson.steps[index].lab!)!.panel(View.self)!
    }

    /// Runs the panel's update loop like the app does: effects inline, results back to the view.
    static func send(_ message: PanelMessage, to panel: inout Lab.Panel<View>) {
        var command = View.update(&panel, message)
        while case .perform(let effect) = command {
            guard case .lesson(.panel(let m)) = effect.run() else { return XCTFail("effect returned another message") }
            command = View.update(&panel, m)
        }
    }

    /// Trains the panel to the end of its budget by space (unless it is already running) and
    /// ticks, as the learner trains it; at most 10 000 ticks, so a view that never stops fails
    /// its test instead of hanging it.
    static func trainToEnd(_ panel: inout Lab.Panel<View>) {
        if !panel.timeline.running { send(.toggleRunning, to: &panel) }
        var ticks = 0
        while panel.timeline.running, ticks < 10_000 {
            send(.tick, to: &panel)
            ticks += 1
        }
    }
}
