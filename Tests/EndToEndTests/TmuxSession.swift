import Foundation
import XCTest

/// One `rnnlab` run inside a private tmux server, for end-to-end tests.
///
/// Each session has its own server socket (`tmux -L rnnlab-e2e-<pid>-<n> -f /dev/null`), so
/// tests never see the user's tmux or each other. The pane runs a small `sh` script that
/// records the terminal modes (`stty -g`) before and after the binary and its exit status,
/// then stays open so the screen can still be read. The environment is cleared (`env -i`)
/// and set explicitly: TERM, locale and NO_COLOR come from the test, never from CI.
final class TmuxSession {
    nonisolated(unsafe) private static var counter = 0

    let socket: String
    let folder: URL
    private(set) var killed = false

    /// Starts `rnnlab <arguments>` in a pane of `width`x`height`.
    /// `environment` adds to (or, with a nil value, removes from) the defaults
    /// TERM=tmux-256color, LC_ALL=C.UTF-8.
    init(arguments: [String], width: Int = 100, height: Int = 30,
         environment: [String: String?] = [:], recordBytes: Bool = false,
         stdinFromDevNull: Bool = false, pipeStdoutToCat: Bool = false) throws {
        guard TmuxSession.tmuxPath != nil else { throw XCTSkip("tmux is not installed") }
        let binary = try RNNLabBinary.url()
        TmuxSession.counter += 1
        socket = "rnnlab-e2e-\(getpid())-\(TmuxSession.counter)"
        folder = FileManager.default.temporaryDirectory.appendingPathComponent(socket)
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)

        var env: [String: String] = [
            "PATH": "/usr/local/bin:/usr/bin:/bin",
            "HOME": folder.path,
            "TERM": TmuxSession.paneTerm,
            "LC_ALL": "C.UTF-8",
            "SWIFT_BACKTRACE": "enable=no",
        ]
        for (k, v) in environment { env[k] = v }
        let assignments = env.sorted { $0.key < $1.key }.map { "\($0.key)=\(TmuxSession.quote($0.value))" }
        var command = "env -i " + assignments.joined(separator: " ") + " " + TmuxSession.quote(binary.path)
        command += arguments.map { " " + TmuxSession.quote($0) }.joined()
        if stdinFromDevNull { command += " </dev/null" }
        command += " 2>" + TmuxSession.quote(folder.appendingPathComponent("stderr").path)
        if pipeStdoutToCat { command += " | cat" }

        // `trap : INT`: Ctrl-C reaches the whole foreground group; the script must survive it
        // to record the binary's status. (A trap with a command is reset in the child.)
        let script = """
        trap : INT
        cd \(TmuxSession.quote(folder.path))
        while [ ! -e go ]; do sleep 0.02; done
        stty -g > stty.before
        \(command)
        echo $? > status.tmp
        stty -g > stty.after
        mv status.tmp status
        exec sleep 600
        """
        try script.write(to: folder.appendingPathComponent("run.sh"), atomically: true, encoding: .utf8)
        try tmux("new-session", "-d", "-s", "e2e", "-x", "\(width)", "-y", "\(height)",
                 "sh " + TmuxSession.quote(folder.appendingPathComponent("run.sh").path))
        if recordBytes {
            try tmux("pipe-pane", "-o", "-t", "e2e", "cat > " + TmuxSession.quote(folder.appendingPathComponent("bytes").path))
        }
        FileManager.default.createFile(atPath: folder.appendingPathComponent("go").path, contents: nil)
    }

    deinit { kill() }

    /// Stops the server and removes the session's files.
    func kill() {
        guard !killed else { return }
        killed = true
        _ = try? tmux("kill-server")
        try? FileManager.default.removeItem(at: folder)
    }

    // MARK: Screen

    /// The visible screen as text (`-e`: with SGR escape sequences).
    func capture(escapes: Bool = false) throws -> String {
        try tmux(escapes ? ["capture-pane", "-p", "-e", "-t", "e2e"] : ["capture-pane", "-p", "-t", "e2e"])
    }

    /// Polls the screen until `condition` holds; fails with the last screen after `timeout`.
    @discardableResult
    func waitForScreen(_ what: String, timeout: Duration = .seconds(10), file: StaticString = #filePath, line: UInt = #line,
                       _ condition: (String) -> Bool) throws -> String {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var screen = ""
        while clock.now < deadline {
            screen = try capture()
            if condition(screen) { return screen }
            if exitStatus != nil {
                // The program ended: one last look, then give up early.
                screen = try capture()
                if condition(screen) { return screen }
                break
            }
            Thread.sleep(forTimeInterval: 0.02)
        }
        XCTFail("timed out waiting for \(what); stderr: \(stderrText)\nscreen:\n\(screen)", file: file, line: line)
        throw TimedOut()
    }

    /// Waits until the screen shows `text`.
    @discardableResult
    func waitForText(_ text: String, timeout: Duration = .seconds(10), file: StaticString = #filePath, line: UInt = #line) throws -> String {
        try waitForScreen("'\(text)'", timeout: timeout, file: file, line: line) { $0.contains(text) }
    }

    struct TimedOut: Error {}

    // MARK: Input and window

    /// Sends keys as tmux names them (`Enter`, `Right`, `C-c`, `q`).
    func send(_ keys: String...) throws {
        try tmux(["send-keys", "-t", "e2e"] + keys)
    }

    /// Sends text literally.
    func type(_ text: String) throws {
        try tmux("send-keys", "-t", "e2e", "-l", text)
    }

    func resize(width: Int, height: Int) throws {
        try tmux("resize-window", "-t", "e2e", "-x", "\(width)", "-y", "\(height)")
    }

    /// A tmux format for the pane, e.g. `#{alternate_on}`.
    func display(_ format: String) throws -> String {
        try tmux("display-message", "-p", "-t", "e2e", format).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    // MARK: The process

    /// The binary's exit status once it has ended (shell style: 128+n for signal n).
    var exitStatus: Int32? {
        guard let s = try? String(contentsOf: folder.appendingPathComponent("status"), encoding: .utf8) else { return nil }
        return Int32(s.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Waits for the binary to end and returns its status.
    func waitForExit(timeout: Duration = .seconds(10), file: StaticString = #filePath, line: UInt = #line) throws -> Int32 {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while clock.now < deadline {
            if let s = exitStatus { return s }
            Thread.sleep(forTimeInterval: 0.02)
        }
        XCTFail("rnnlab did not exit; screen:\n\((try? capture()) ?? "")", file: file, line: line)
        throw TimedOut()
    }

    var stderrText: String {
        (try? String(contentsOf: folder.appendingPathComponent("stderr"), encoding: .utf8)) ?? ""
    }

    /// Every byte the pane received (only with `recordBytes`).
    var recordedBytes: [UInt8] {
        (try? Data(contentsOf: folder.appendingPathComponent("bytes"))).map { [UInt8]($0) } ?? []
    }

    /// Terminal modes before and after the binary ran (`stty -g` inside the pane).
    var sttyBefore: String? { try? String(contentsOf: folder.appendingPathComponent("stty.before"), encoding: .utf8) }
    var sttyAfter: String? { try? String(contentsOf: folder.appendingPathComponent("stty.after"), encoding: .utf8) }

    /// The pid of the running `rnnlab`: the child of the pane's shell, found in /proc.
    func binaryPID() throws -> pid_t? {
        guard let shell = pid_t(try display("#{pane_pid}")) else { return nil }
        let procs = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        for name in procs {
            guard let pid = pid_t(name),
                  let stat = try? String(contentsOfFile: "/proc/\(name)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { continue }
            // stat: pid (comm) state ppid ...
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            if fields.count > 1, pid_t(fields[1]) == shell, stat.contains("(rnnlab)") { return pid }
        }
        return nil
    }

    // MARK: tmux

    @discardableResult
    func tmux(_ args: String...) throws -> String { try tmux(args) }

    @discardableResult
    func tmux(_ args: [String]) throws -> String {
        var env = ProcessInfo.processInfo.environment
        env["LC_ALL"] = "C.UTF-8"     // capture-pane writes UTF-8 only when the client's locale says so
        env.removeValue(forKey: "TMUX")
        let r = try Subprocess.run(TmuxSession.tmuxPath ?? "/usr/bin/tmux", ["-L", socket, "-f", "/dev/null"] + args, environment: env)
        return r.stdoutText
    }

    static let tmuxPath: String? = {
        for p in ["/usr/bin/tmux", "/usr/local/bin/tmux", "/bin/tmux"] where FileManager.default.isExecutableFile(atPath: p) {
            return p
        }
        return nil
    }()

    /// The TERM for panes: tmux's own entry when this machine's terminfo has it.
    static let paneTerm: String = {
        for t in ["tmux-256color", "screen-256color"] {
            for dir in ["/usr/share/terminfo", "/lib/terminfo", "/etc/terminfo"] {
                if FileManager.default.fileExists(atPath: "\(dir)/\(t.first!)/\(t)") { return t }
            }
        }
        return "screen"
    }()

    /// Single-quotes a word for sh.
    static func quote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }
}
