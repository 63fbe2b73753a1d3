/// The bytes that take a terminal out of the lab's drawing state, built from its terminfo
/// entry: what `endwin` sends, written ahead of time so that a crash handler can send them
/// with one `write(2)` (ncurses itself may not be called from a signal handler).
///
/// Pure: `lookup` returns a terminfo string capability's bytes (nil when the entry lacks it),
/// so tests can give it any terminal's entry.
public enum RestoreSequence {
    /// CAN (0x18): cancels an escape sequence the terminal may be in the middle of (a crash
    /// can interrupt ncurses half-way through one) and is otherwise ignored.
    public static let cancel: UInt8 = 0x18

    /// Whether the terminal has an alternate screen (`smcup`/`rmcup`). Without one (vt100,
    /// the Linux console) the lab draws on the normal screen and must clear it on the way out.
    public static func hasAlternateScreen(lookup: (String) -> [UInt8]?) -> Bool {
        !(lookup("smcup") ?? []).isEmpty && !(lookup("rmcup") ?? []).isEmpty
    }

    /// The restore bytes: cancel, normal attributes and colours (`sgr0`, `op`), a visible
    /// cursor (`cnorm`), the keypad back in its normal mode (`rmkx`), then leave the alternate
    /// screen (`rmcup`) or, without one, clear the screen (`clear`) so that the shell prompt,
    /// or a crash report, does not land inside the last frame.
    public static func bytes(lookup: (String) -> [UInt8]?) -> [UInt8] {
        var out: [UInt8] = [cancel]
        for name in ["sgr0", "op", "cnorm", "rmkx"] {
            out += withoutPadding(lookup(name) ?? [])
        }
        out += withoutPadding(lookup(hasAlternateScreen(lookup: lookup) ? "rmcup" : "clear") ?? [])
        return out
    }

    /// The bytes to send after `endwin` on a terminal without an alternate screen: `clear`.
    /// Empty when the terminal has an alternate screen (leaving it restores the old screen).
    public static func clearAfterExit(lookup: (String) -> [UInt8]?) -> [UInt8] {
        hasAlternateScreen(lookup: lookup) ? [] : withoutPadding(lookup("clear") ?? [])
    }

    /// A terminfo string without its padding specifications (`$<5>`, `$<2*/>`): `tputs`
    /// turns those into delays, and written as they are they would show as text.
    public static func withoutPadding(_ s: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(s.count)
        var i = 0
        while i < s.count {
            if s[i] == UInt8(ascii: "$"), i + 1 < s.count, s[i + 1] == UInt8(ascii: "<"),
               let close = s[(i + 2)...].firstIndex(of: UInt8(ascii: ">")),
               close > i + 2,
               s[(i + 2)..<close].allSatisfy({ isPaddingCharacter($0) }) {
                i = close + 1
                continue
            }
            out.append(s[i])
            i += 1
        }
        return out
    }

    private static func isPaddingCharacter(_ c: UInt8) -> Bool {
        (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || c == UInt8(ascii: ".")
            || c == UInt8(ascii: "*") || c == UInt8(ascii: "/")
    }
}
