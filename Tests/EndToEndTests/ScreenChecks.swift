import Foundation

/// Checks on captured screens and byte streams shared by the end-to-end tests.
enum ScreenChecks {
    /// Braille characters (U+2800...U+28FF) on a screen, in reading order.
    static func braille(_ screen: String) -> String {
        String(String.UnicodeScalarView(screen.unicodeScalars.filter { (0x2800...0x28FF).contains($0.value) }))
    }

    /// Scalars outside printable ASCII (newlines excepted).
    static func nonASCII(_ screen: String) -> [Unicode.Scalar] {
        screen.unicodeScalars.filter { $0.value > 0x7E || ($0.value < 0x20 && $0 != "\n") }
    }

    /// The parameter lists of every SGR sequence (`ESC [ ... m`) in a text.
    static func sgrParameters(_ text: String) -> [[Int]] {
        var result: [[Int]] = []
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i + 1 < scalars.count {
            if scalars[i] == "\u{1B}" && scalars[i + 1] == "[" {
                var j = i + 2
                var params = ""
                while j < scalars.count, ("0"..."9").contains(scalars[j]) || scalars[j] == ";" || scalars[j] == ":" {
                    params.unicodeScalars.append(scalars[j])
                    j += 1
                }
                if j < scalars.count && scalars[j] == "m" {
                    result.append(params.split(whereSeparator: { $0 == ";" || $0 == ":" }).map { Int($0) ?? 0 })
                }
                i = j
            } else {
                i += 1
            }
        }
        return result
    }

    /// SGR parameter lists that set a colour (30-38, 40-48, 90-97, 100-107). 39 and 49 only
    /// reset to the terminal's defaults and do not count.
    static func colourSGRs(_ text: String) -> [[Int]] {
        sgrParameters(text).filter { params in
            params.contains { p in (30...38).contains(p) || (40...48).contains(p) || (90...97).contains(p) || (100...107).contains(p) }
        }
    }

    /// Lines of the screen with trailing blanks removed (a final newline ends the last
    /// line; it does not start another).
    static func lines(_ screen: String) -> [String] {
        var rows = screen.components(separatedBy: "\n")
        if screen.hasSuffix("\n") { rows.removeLast() }
        return rows.map { l in
            var s = Substring(l)
            while s.last == " " { s = s.dropLast() }
            return String(s)
        }
    }
}
