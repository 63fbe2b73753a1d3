/// A key the lab reacts to, already decoded from the terminal's bytes.
public enum Key: Hashable, Sendable {
    case character(Character)
    case up, down, left, right
    case enter, escape, backspace, tab, backTab
    case pageUp, pageDown, home, end
    case function(Int)
    /// Ctrl with a letter, e.g. `.control("c")`.
    case control(Character)
}

/// Something that happened outside the model: the loop turns these into messages.
public enum Event: Hashable, Sendable {
    case key(Key)
    case resize(Size)
    /// The timer fired (only while something animates).
    case tick
    /// SIGINT or SIGTERM arrived; the loop must leave and restore the terminal.
    case signal(Int32)
}
