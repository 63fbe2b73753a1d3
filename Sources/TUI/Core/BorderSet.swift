/// The eleven pieces of a box drawn with lines: four corners, the two lines, the four tees
/// where a line meets the box, and the cross where two lines meet inside it.
public struct BorderSet: Hashable, Sendable {
    public var horizontal: String
    public var vertical: String
    public var topLeft: String
    public var topRight: String
    public var bottomLeft: String
    public var bottomRight: String
    /// `┬`: a line leaving the top edge downwards.
    public var teeDown: String
    /// `┴`: a line leaving the bottom edge upwards.
    public var teeUp: String
    /// `├`: a line leaving the left edge rightwards.
    public var teeRight: String
    /// `┤`: a line leaving the right edge leftwards.
    public var teeLeft: String
    public var cross: String

    public init(horizontal: String, vertical: String, topLeft: String, topRight: String, bottomLeft: String, bottomRight: String,
                teeDown: String, teeUp: String, teeRight: String, teeLeft: String, cross: String) {
        self.horizontal = horizontal
        self.vertical = vertical
        self.topLeft = topLeft
        self.topRight = topRight
        self.bottomLeft = bottomLeft
        self.bottomRight = bottomRight
        self.teeDown = teeDown
        self.teeUp = teeUp
        self.teeRight = teeRight
        self.teeLeft = teeLeft
        self.cross = cross
    }

    /// Every piece the same character (ASCII boxes: `#` for a focused frame).
    static func uniform(horizontal: String, vertical: String, joint: String) -> BorderSet {
        BorderSet(horizontal: horizontal, vertical: vertical, topLeft: joint, topRight: joint, bottomLeft: joint, bottomRight: joint,
                  teeDown: joint, teeUp: joint, teeRight: joint, teeLeft: joint, cross: joint)
    }

    /// `┌─┐ │ └─┘`.
    public static let light = BorderSet(horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
                                        teeDown: "┬", teeUp: "┴", teeRight: "├", teeLeft: "┤", cross: "┼")
    /// `┏━┓ ┃ ┗━┛`.
    public static let heavy = BorderSet(horizontal: "━", vertical: "┃", topLeft: "┏", topRight: "┓", bottomLeft: "┗", bottomRight: "┛",
                                        teeDown: "┳", teeUp: "┻", teeRight: "┣", teeLeft: "┫", cross: "╋")
    /// `+-+ | +-+`.
    public static let ascii = BorderSet.uniform(horizontal: "-", vertical: "|", joint: "+")
    /// `#=# # #=#`: an ASCII box that stands out from `ascii` with no colour.
    public static let asciiBold = BorderSet.uniform(horizontal: "=", vertical: "#", joint: "#")
}
