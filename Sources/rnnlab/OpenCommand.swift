import ArgumentParser
import Exercises
import Foundation
import Lab
import LessonKit
import TUI
import TUICurses

/// `rnnlab [open]`: the interactive lab, in the terminal.
///
/// Loads the lessons first (their errors go to stderr, where they stay readable after the
/// lab closes), then starts ncurses through `TerminalSession`, which restores the terminal
/// on every exit and turns SIGINT/SIGTERM into exit statuses 130/143.
struct Open: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: "Open the interactive lab (the default command).",
        discussion: """
        Needs a terminal of at least 80x24. Without one (a pipe, a script, CI) use the
        headless commands: rnnlab lessons, render, export, run, train, gradcheck, exercise, check.
        NO_COLOR (non-empty) turns colours off; a non-UTF-8 locale switches to ASCII glyphs.
        """
    )

    @OptionGroup var lessonsFolder: LessonsFolderOption
    @OptionGroup var terminal: TerminalFlags

    func run() throws {
        // Refuse a missing terminal before anything else, so `rnnlab | cat` says only that.
        try terminal.requireTerminal()
        // A crash report must not wait 30 s for a key (see BacktraceSettings): may restart us.
        BacktraceSettings.restartNonInteractiveIfNeeded()
        let folder: URL
        do {
            folder = try lessonsFolder.resolve()
        } catch {
            printError("rnnlab: \(error)")
            throw ExitCode(1)
        }
        let library = LessonLibrary.load(folder: folder)
        for e in library.errors { printError(e.description) }
        try terminal.runInteractive { backend in
            LabProgram(lessons: library.lessons, loadErrors: LessonMathCheck.errors(in: library), size: backend.size, capabilities: backend.capabilities, progress: LabProgress(store: ProgressStore(directory: ProgressStore.defaultDirectory())))
        }
    }
}
