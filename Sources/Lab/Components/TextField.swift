import TUI

/// A one-line text field that has the keyboard while it is open: characters are typed in,
/// ←/→, Home/End (or Ctrl-A/Ctrl-E) move, Backspace deletes before the cursor and Ctrl-D
/// under it, Ctrl-U clears to the start and Ctrl-K to the end, Enter submits. The key map sends it every key
/// except Ctrl-C (quit) and Esc (leave the field), so a `q` typed here is just a `q`.
///
/// The whole text can be selected (`selectAll`, after an answer was checked): like a selected
/// field, the first typed character replaces it and Backspace clears it, while a moving key
/// keeps the text and ends the selection.
public struct TextField: Hashable, Sendable {
    /// Shown before the text (`knob: `).
    public let prompt: String
    public private(set) var text: String
    /// Cursor position in characters, 0 … text.count.
    public private(set) var cursor: Int
    /// Longest text accepted.
    public let limit: Int
    /// The whole text is selected: the next character replaces it.
    public private(set) var selected = false

    public init(prompt: String, text: String = "", limit: Int = 60) {
        self.prompt = prompt
        self.text = String(text.prefix(limit))
        self.limit = limit
        cursor = self.text.count
    }

    /// What a key did to the field.
    public enum Outcome: Hashable, Sendable { case edited, submitted(String), ignored }

    /// Selects the whole text (nothing to select when it is empty).
    public mutating func selectAll() {
        selected = !text.isEmpty
        cursor = text.count
    }

    public mutating func handle(_ key: Key) -> Outcome {
        if selected {
            selected = false
            switch key {
            case .character(let c) where !c.isNewline && c.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F }):
                // Typing over a selection replaces it.
                text = ""
                cursor = 0
            case .backspace, .control("d"), .control("u"), .control("k"):
                text = ""
                cursor = 0
                return .edited
            case .enter:
                return .submitted(text)
            default:
                break
            }
        }
        switch key {
        case .enter:
            return .submitted(text)
        case .character(let c) where !c.isNewline && c.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F }):
            guard text.count < limit else { return .ignored }
            text.insert(c, at: text.index(text.startIndex, offsetBy: cursor))
            cursor += 1
        case .backspace:
            guard cursor > 0 else { return .ignored }
            text.remove(at: text.index(text.startIndex, offsetBy: cursor - 1))
            cursor -= 1
        case .left: cursor = max(0, cursor - 1)
        case .right: cursor = min(text.count, cursor + 1)
        case .home, .control("a"): cursor = 0
        case .end, .control("e"): cursor = text.count
        case .control("d"):
            guard cursor < text.count else { return .ignored }
            text.remove(at: text.index(text.startIndex, offsetBy: cursor))
        case .control("u"):
            guard cursor > 0 else { return .ignored }
            text.removeSubrange(text.startIndex..<text.index(text.startIndex, offsetBy: cursor))
            cursor = 0
        case .control("k"):
            guard cursor < text.count else { return .ignored }
            text.removeSubrange(text.index(text.startIndex, offsetBy: cursor)...)
        default: return .ignored
        }
        return .edited
    }

    /// Draws `prompt text` on one row with the cursor as a reversed cell. A text longer than
    /// the row scrolls so that the cursor stays in view (a long file path).
    public func render(in area: Rect, into buffer: inout Buffer, style: Style, cursorStyle: Style) {
        guard !area.isEmpty else { return }
        buffer.put(prompt, x: area.x, y: area.y, style: style, clip: area)
        let x0 = area.x + TextWidth.of(prompt)
        let chars = Array(text)
        let room = max(1, area.maxX - x0 - 1)
        var start = 0
        while start < cursor, TextWidth.of(String(chars[start..<cursor])) > room { start += 1 }
        let shown = String(chars[start...])
        // A selection is drawn reversed, like a selected field's text.
        buffer.put(shown, x: x0, y: area.y, style: selected ? cursorStyle : style, clip: area)
        let before = TextWidth.of(String(chars[start..<cursor]))
        let under = cursor < chars.count ? String(chars[cursor]) : " "
        if x0 + before < area.maxX { buffer.put(under, x: x0 + before, y: area.y, style: cursorStyle, clip: area) }
    }
}
