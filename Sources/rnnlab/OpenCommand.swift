import ArgumentParser
import TUI

/// `rnnlab [open]`: the interactive lab, in the terminal.
struct Open: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: "Open the interactive lab (the default command).",
        discussion: """
        Needs a terminal of at least 80x24. Without one (a pipe, a script, CI) use the
        headless commands: rnnlab lessons, render, run, train, gradcheck.
        NO_COLOR (non-empty) turns colours off; a non-UTF-8 locale switches to ASCII glyphs.
        """
    )

    @Option(name: .long, help: "The folder of lesson files (default: $RNNLAB_LESSONS, then the one shipped with rnnlab).")
    var lessons: String?

    @OptionGroup var terminal: TerminalFlags

    func run() throws {
        // Until the lab lands this opens the terminal test card.
        var program = TestCardProgram()
        try terminal.runInteractive(&program)
    }
}
