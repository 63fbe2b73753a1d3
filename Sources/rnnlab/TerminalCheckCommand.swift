import ArgumentParser
import Foundation
import TUI
import TUICurses

/// `rnnlab terminal-check`: a hidden test card for the terminal backend alone (no lessons).
///
/// Shows what the backend detected (size, colours, glyphs), the last key it decoded, a braille
/// row that changes with `n`, and colour swatches. The end-to-end tests use it to check key
/// decoding and drawing independently of the lab; people can use it to see what their
/// terminal supports.
struct TerminalCheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "terminal-check",
        abstract: "Show what the terminal supports (a test card for the ncurses backend).",
        shouldDisplay: false
    )

    @OptionGroup var terminal: TerminalFlags

    func run() throws {
        BacktraceSettings.restartNonInteractiveIfNeeded()
        try terminal.runInteractive { _ in TestCardProgram() }
    }
}

/// The test card's program: a model of the last event and a counter.
struct TestCardProgram: Program {
    var lastEvent = "none"
    var step = 0
    var resizes = 0

    var tickInterval: Duration? { nil }

    mutating func receive(_ message: Never) -> Command<Never> {}

    mutating func update(_ event: Event) -> Command<Never> {
        switch event {
        case .key(.character("q")): return .quit
        case .key(.character("n")): step += 1
        case .key(.character("!")): CrashTest.crashIfAsked()
        case .resize: resizes += 1
        default: break
        }
        lastEvent = Self.describe(event)
        return .none
    }

    /// A short, stable name for an event: `up`, `ctrl-a`, `F5`, `char α`, `resize 80x24`.
    static func describe(_ event: Event) -> String {
        switch event {
        case .key(let key):
            switch key {
            case .character(let c): return "char \(c)"
            case .control(let c): return "ctrl-\(c)"
            case .function(let n): return "F\(n)"
            case .up: return "up"
            case .down: return "down"
            case .left: return "left"
            case .right: return "right"
            case .enter: return "enter"
            case .escape: return "escape"
            case .backspace: return "backspace"
            case .tab: return "tab"
            case .backTab: return "backtab"
            case .pageUp: return "pageup"
            case .pageDown: return "pagedown"
            case .home: return "home"
            case .end: return "end"
            }
        case .resize(let s): return "resize \(s)"
        case .tick: return "tick"
        case .signal(let n): return "signal \(n)"
        }
    }

    func view(into buffer: inout Buffer, capabilities: Capabilities) {
        let size = buffer.size
        guard size.width >= 80, size.height >= 24 else {
            let lines = ["The terminal is too small (\(size)).", "Please make it at least 80x24."]
            for (i, l) in lines.enumerated() {
                buffer.put(l, x: max(0, (size.width - TextWidth.of(l)) / 2), y: size.height / 2 - 1 + i)
            }
            return
        }
        let g = capabilities.glyphTable
        buffer.put("rnnlab terminal check", x: 1, y: 0, style: Style.plain.bold)
        buffer.put("size \(size)  colours \(capabilities.colors.rawValue)  glyphs \(capabilities.glyphs.rawValue)  resizes \(resizes)", x: 1, y: 1)
        buffer.put("last event: \(lastEvent).", x: 1, y: 2)
        buffer.put("step \(step)", x: 1, y: 3)
        // A braille (or ASCII) wave whose phase is the step.
        var wave = ""
        for i in 0..<60 {
            let v = (i + step * 3) % 8
            if capabilities.unicode {
                let dots: [UInt32] = [0x40, 0x04, 0x02, 0x01, 0x08, 0x10, 0x20, 0x80]
                wave.unicodeScalars.append(Unicode.Scalar(0x2800 + dots[v])!)
            } else {
                wave += g.shades[v % g.shades.count]
            }
        }
        buffer.put(wave, x: 1, y: 5)
        for c in 0..<16 {
            buffer.put("  ", x: 1 + 2 * c, y: 7, style: Style.plain.on(.ansi(UInt8(c))))
        }
        buffer.put("bold", x: 1, y: 9, style: Style.plain.bold)
        buffer.put("underline", x: 7, y: 9, style: Style.plain.underline)
        buffer.put("reverse", x: 18, y: 9, style: Style.plain.reversed)
        buffer.put("\(g.arrowRight) wide: 漢字 end", x: 1, y: 11, style: .fg(.green))
        buffer.put("q quit   n step", x: 1, y: size.height - 1, style: .fg(.cyan))
    }
}

/// Debug builds only, for the end-to-end tests of the terminal restore after a crash: with
/// `RNNLAB_CRASH_TEST` set to `trap` (a Swift runtime trap), `segv` (a write through a bad
/// pointer) or `overflow` (unbounded recursion), the test card's `!` key crashes that way.
/// Release builds ignore both the variable and the key.
enum CrashTest {
    static func crashIfAsked() {
        #if DEBUG
        switch ProcessInfo.processInfo.environment["RNNLAB_CRASH_TEST"] {
        case "trap": fatalError("RNNLAB_CRASH_TEST=trap")
        case "segv": UnsafeMutablePointer<Int>(bitPattern: 8)!.pointee = 1
        case "overflow": _ = recurse(1)
        default: break
        }
        #endif
    }

    #if DEBUG
    /// Never returns: each call needs a new frame (the sum keeps it from being a tail call).
    private static func recurse(_ n: Int) -> Int {
        var frame = [Int](repeating: n, count: 1)
        return frame.withUnsafeMutableBufferPointer { $0[0] + recurse(n &+ 1) }
    }
    #endif
}
