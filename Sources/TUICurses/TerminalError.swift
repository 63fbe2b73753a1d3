/// Why the terminal user interface cannot start. Each case has a message meant for a person
/// reading stderr; none of them writes escape codes anywhere.
public enum TerminalError: Error, Equatable, CustomStringConvertible {
    /// stdin or stdout is not a terminal (a pipe, a file, /dev/null).
    case notATerminal(stdin: Bool, stdout: Bool)
    /// TERM is not set or empty.
    case termUnset
    /// ncurses has no terminfo entry for TERM.
    case unknownTerm(String)
    /// The terminal cannot move the cursor (TERM=dumb and friends).
    case noCursorAddressing(String)

    public var description: String {
        switch self {
        case .notATerminal(let stdin, let stdout):
            let which = [stdin ? nil : "stdin", stdout ? nil : "stdout"].compactMap { $0 }.joined(separator: " and ")
            let verb = (stdin || stdout) ? "is" : "are"
            return "rnnlab: \(which) \(verb) not a terminal, so the interactive lab cannot open. "
                + "Without a terminal use the headless commands: rnnlab lessons, rnnlab render, "
                + "rnnlab export, rnnlab run, rnnlab train, rnnlab gradcheck, rnnlab exercise, rnnlab check (see rnnlab --help)."
        case .termUnset:
            return "rnnlab: TERM is not set, so the lab does not know how to drive this terminal. "
                + "Set it (e.g. TERM=xterm-256color) or use the headless commands (rnnlab --help)."
        case .unknownTerm(let term):
            return "rnnlab: unknown terminal type TERM=\(term) (no terminfo entry). "
                + "Try TERM=xterm-256color, or use the headless commands (rnnlab --help)."
        case .noCursorAddressing(let term):
            return "rnnlab: the terminal TERM=\(term) cannot move the cursor, which the lab needs. "
                + "Use a full terminal (e.g. TERM=xterm-256color) or the headless commands (rnnlab --help)."
        }
    }

    /// The exit status the command line should use: 2 for a missing terminal (a usage
    /// problem), 1 for a terminal that cannot be driven.
    public var exitCode: Int32 {
        switch self {
        case .notATerminal: return 2
        case .termUnset, .unknownTerm, .noCursorAddressing: return 1
        }
    }
}
