import TUI

/// Where the parts of a lesson screen go.
///
/// Rule: at 120 columns or more, prose on the left (about 40 %, 48 to 76 columns, a
/// comfortable reading width) and the live panel on the right; narrower, the panel goes
/// under the prose and takes about half the height (at least 11 rows, so a chart stays a
/// chart at 80x24). A step without a lab gives the prose the whole body.
public struct LessonLayout: Hashable, Sendable {
    public static let sideBySideWidth = 120

    public let titleBar: Rect
    public let statusBar: Rect
    public private(set) var prose: Rect
    public let panel: Rect?
    /// The answer area of an exercise step, under the prose (`withExercise`).
    public private(set) var exercise: Rect?
    /// The line between prose and panel (vertical when side by side).
    public let separator: Rect?
    public let sideBySide: Bool

    public init(area: Rect, hasPanel: Bool) {
        let (top, rest) = area.splitTop(1)
        let (body, bottom) = rest.splitBottom(1)
        titleBar = top
        statusBar = bottom
        guard hasPanel else {
            prose = body
            panel = nil
            separator = nil
            sideBySide = false
            return
        }
        if area.width >= Self.sideBySideWidth {
            let proseWidth = min(76, max(48, body.width * 2 / 5))
            let (left, right) = body.splitLeft(proseWidth)
            let (sep, panelArea) = right.splitLeft(1)
            prose = left
            separator = sep
            panel = panelArea
            sideBySide = true
        } else {
            let panelHeight = min(body.height - 4, max(11, body.height / 2 + 1))
            let (upper, lower) = body.splitBottom(panelHeight)
            let (proseArea, sep) = upper.splitBottom(1)
            prose = proseArea
            separator = sep
            panel = lower
            sideBySide = false
        }
    }

    /// Prose at least this tall keeps room for reading when an answer area takes the rest.
    public static let minimumProseRows = 5

    /// The same layout with `rows` taken from the bottom of the prose for an exercise's
    /// answer area (as many as fit while the prose keeps `minimumProseRows`).
    /// When the prose needs only `proseRows`, the answer area sits right under it (on a
    /// tall screen the answer stays next to the task instead of at the bottom).
    public func withExercise(rows: Int, proseRows: Int? = nil) -> LessonLayout {
        var copy = self
        let taken = min(rows, max(0, prose.height - Self.minimumProseRows))
        guard taken > 0 else { return copy }
        let (upper, lower) = prose.splitBottom(taken)
        copy.prose = upper
        copy.exercise = lower
        if let proseRows, proseRows < upper.height {
            copy.prose = Rect(x: upper.x, y: upper.y, width: upper.width, height: max(Self.minimumProseRows, proseRows))
            copy.exercise = Rect(x: lower.x, y: copy.prose.maxY, width: lower.width, height: taken)
        }
        return copy
    }
}
