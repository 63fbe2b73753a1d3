import CNcurses
import Glibc

/// Read access to the current terminal's terminfo entry (the one `newterm` or `setupterm`
/// loaded), for the few sequences the backend sends itself.
public enum Terminfo {
    /// The bytes of string capability `name` (e.g. "rmcup"), nil when the entry lacks it.
    public static func string(_ name: String) -> [UInt8]? {
        guard let p = name.withCString({ tigetstr($0) }) else { return nil }
        // (char *)-1: not a string capability.
        if Int(bitPattern: p) == -1 { return nil }
        return Array(UnsafeBufferPointer(start: UnsafeRawPointer(p).assumingMemoryBound(to: UInt8.self), count: strlen(p)))
    }

    /// Looks capabilities up in the entry for `term`, without starting curses or touching
    /// a terminal (for tests and tools). nil when there is no entry. The entry is loaded
    /// for the duration of `body` and released afterwards; do not call while curses runs.
    public static func withEntry<T>(for term: String, _ body: ((String) -> [UInt8]?) -> T) -> T? {
        let devNull = open("/dev/null", O_WRONLY)
        defer { if devNull >= 0 { close(devNull) } }
        var status: Int32 = 0
        let previous = set_curterm(nil)
        guard setupterm(term, devNull, &status) == NC_OK else {
            _ = set_curterm(previous)
            return nil
        }
        let result = body(string)
        if let loaded = set_curterm(previous) { _ = del_curterm(loaded) }
        return result
    }
}
