import ArgumentParser
import Foundation
import LessonKit
import TUI

/// Where the lessons are and what the output can show: the options `lessons`, `render`
/// (and `open`) share.
struct LessonsFolderOption: ParsableArguments {
    @Option(name: .customLong("lessons"), help: "The folder of lesson files (default: $RNNLAB_LESSONS, then a Lessons/ folder next to the executable or above it).")
    var folder: String?

    /// The lessons folder: `--lessons`, then `RNNLAB_LESSONS`, then a `Lessons/` folder beside
    /// the executable or in one of its parents (the package root for `swift run` and
    /// `.build/debug/rnnlab`). Throws an error that lists every place it looked.
    func resolve() throws -> URL {
        try LessonsFolder.find(flag: folder, environment: ProcessInfo.processInfo.environment,
                               executable: LessonsFolder.executableURL())
    }
}

/// The lookup behind `--lessons`, kept free of globals so it can be tested.
enum LessonsFolder {
    struct NotFound: Error, CustomStringConvertible {
        var description: String
    }

    static func find(flag: String?, environment: [String: String], executable: URL?) throws -> URL {
        let fm = FileManager.default
        func isFolder(_ url: URL) -> Bool {
            var isDir: ObjCBool = false
            return fm.fileExists(atPath: url.path, isDirectory: &isDir) && isDir.boolValue
        }
        /// "no such folder", or "not a folder" when something else has the name.
        func problem(_ path: String) -> String {
            path.isEmpty ? "not a folder name (the path is empty)" : fm.fileExists(atPath: path) ? "not a folder" : "no such folder"
        }
        if let flag {
            let url = URL(fileURLWithPath: flag)
            guard !flag.isEmpty, isFolder(url) else { throw NotFound(description: "--lessons \(flag.isEmpty ? "''" : flag): \(problem(flag))") }
            return url
        }
        if let env = environment["RNNLAB_LESSONS"], !env.isEmpty {
            let url = URL(fileURLWithPath: env)
            guard isFolder(url) else { throw NotFound(description: "RNNLAB_LESSONS=\(env): \(problem(env))") }
            return url
        }
        var looked: [String] = []
        if let executable {
            var dir = executable.resolvingSymlinksInPath().deletingLastPathComponent()
            while true {
                let candidate = dir.appendingPathComponent("Lessons")
                looked.append(candidate.path)
                if isFolder(candidate) { return candidate }
                let parent = dir.deletingLastPathComponent()
                if parent.path == dir.path { break }
                dir = parent
            }
        }
        throw NotFound(description: """
            no lessons folder found. Looked in:
              --lessons (not given)
              $RNNLAB_LESSONS (not set)
            \(looked.map { "  " + $0 }.joined(separator: "\n"))
            Pass --lessons DIR or set RNNLAB_LESSONS.
            """)
    }

    /// The running executable's path.
    static func executableURL() -> URL? {
        if let url = Bundle.main.executableURL { return url }
        guard let arg0 = CommandLine.arguments.first else { return nil }
        return URL(fileURLWithPath: arg0)
    }
}

/// `--ascii` and `--color`: the one option group of every command that draws, on a terminal
/// (`open`, `terminal-check`, through `TerminalFlags`) or as text (`render`).
struct DrawingOptions: ParsableArguments {
    @Flag(name: .customLong("ascii"), help: "Draw with plain ASCII glyphs (no braille, box drawing or Greek).")
    var ascii = false

    @Option(name: [.customLong("color"), .customLong("colour")],
            help: ArgumentHelp("The most colours to use: none, 8 or 256 (default: what the terminal has; 256 for render).",
                               valueName: "none|8|256"))
    var color: ColorDepth?

    /// What a frame drawn without a terminal shows: the flags, else 256 colours and Unicode.
    var capabilities: Capabilities {
        Capabilities(colors: color ?? .full, glyphs: ascii ? .ascii : .unicode)
    }
}

/// Writes lines to standard error.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
