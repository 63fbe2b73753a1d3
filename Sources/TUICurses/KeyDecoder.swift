import CNcurses
import TUI

/// Turns what `get_wch` returned into a `Key`.
///
/// `get_wch` reports either a key code (`KEY_CODE_YES`) or a character (`OK`). The two
/// number spaces overlap (U+019A has the value of KEY_RESIZE), so the return code decides.
/// Pure and terminal-free, so it is unit tested.
public enum KeyDecoder {
    /// What one `get_wch` call produced.
    public enum Input: Equatable, Sendable {
        case key(Key)
        /// KEY_RESIZE: the caller re-reads the screen size.
        case resize
        /// A key code the lab has no use for (mouse, unmapped function keys).
        case ignored
    }

    /// Decodes a `get_wch` result: `status` is its return code, `value` what it stored.
    public static func decode(status: Int32, value: UInt32) -> Input {
        if status == NC_KEY_CODE_YES { return keyCode(Int32(bitPattern: value)) }
        return character(value)
    }

    /// A key code (KEY_UP, KEY_RESIZE...).
    public static func keyCode(_ code: Int32) -> Input {
        switch code {
        case NC_KEY_RESIZE: return .resize
        case NC_KEY_UP: return .key(.up)
        case NC_KEY_DOWN: return .key(.down)
        case NC_KEY_LEFT: return .key(.left)
        case NC_KEY_RIGHT: return .key(.right)
        case NC_KEY_ENTER: return .key(.enter)
        case NC_KEY_BACKSPACE, NC_KEY_DC: return .key(.backspace)
        case NC_KEY_BTAB: return .key(.backTab)
        case NC_KEY_NPAGE: return .key(.pageDown)
        case NC_KEY_PPAGE: return .key(.pageUp)
        case NC_KEY_HOME: return .key(.home)
        case NC_KEY_END: return .key(.end)
        case (NC_KEY_F0 + 1)...(NC_KEY_F0 + 24): return .key(.function(Int(code - NC_KEY_F0)))
        default: return .ignored
        }
    }

    /// A character as typed: control characters become their keys.
    public static func character(_ value: UInt32) -> Input {
        switch value {
        case 10, 13: return .key(.enter)        // \n and \r: terminals differ in what Enter sends
        case 27: return .key(.escape)
        case 9: return .key(.tab)
        case 8, 127: return .key(.backspace)    // ^H and DEL: terminals differ here too
        case 0: return .key(.control(" "))      // Ctrl-Space
        case 1...26:
            // Ctrl-A ... Ctrl-Z (9, 10, 13 handled above as Tab, Enter).
            return .key(.control(Character(Unicode.Scalar(UInt8(96 + value)))))
        case 28...31: return .ignored
        default:
            guard let scalar = Unicode.Scalar(value) else { return .ignored }
            return .key(.character(Character(scalar)))
        }
    }
}
