import ArgumentParser
import Foundation
import TUI
import TUICurses

/// The command-line flags that shape the terminal (`DrawingOptions`: `--ascii`, `--color`),
/// shared by the interactive commands, and the one place that turns a start-up failure into a message.
struct TerminalFlags: ParsableArguments {
    @OptionGroup var drawing: DrawingOptions

    var cursesOptions: CursesOptions {
        CursesOptions(maxColors: drawing.color, forceASCII: drawing.ascii)
    }

    /// Fails with the "not a terminal" message (exit 2) when stdin or stdout is not a tty.
    /// The backend checks again at start-up; this lets a command refuse before doing work.
    func requireTerminal() throws {
        if let problem = TerminalEnvironment.current().startProblem, case .notATerminal = problem {
            try fail(problem)
        }
    }

    /// Runs a program on the terminal. The program is made once the backend has started, so
    /// it can use the real size and capabilities. A terminal that cannot be used becomes one
    /// line on stderr and an exit status (2: no terminal; 1: unusable TERM); SIGINT/SIGTERM
    /// end the process with 130/143 after the terminal is restored.
    func runInteractive<P: Program>(_ makeProgram: (CursesBackend) throws -> P) throws {
        do {
            try TerminalSession.run(options: cursesOptions) { backend in
                var program = try makeProgram(backend)
                var b = backend
                Runtime.run(&program, on: &b)
            }
        } catch let error as TerminalError {
            try fail(error)
        }
    }

    private func fail(_ error: TerminalError) throws -> Never {
        FileHandle.standardError.write(Data((error.description + "\n").utf8))
        throw ExitCode(error.exitCode)
    }
}
