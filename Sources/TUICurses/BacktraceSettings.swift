import Glibc

/// Keeps the Swift runtime's crash reporter from waiting for a key after the lab crashes.
///
/// On Linux the runtime's backtracer is on by default and, when stdin and stdout are a
/// terminal, interactive: after a crash it puts the terminal in raw mode, draws, and waits
/// 30 s for a key ("Press space to interact..."). A learner sees a frozen lab. The setting
/// comes from `SWIFT_BACKTRACE`, which the runtime reads once, while the process loads,
/// before any of our code runs; setting it later changes nothing. So the interactive
/// commands start themselves again (`execv` of /proc/self/exe, same pid, same arguments)
/// with `interactive=no` (see `prefix`) put in front of the user's own settings, which the runtime reads
/// left to right, so anything the user wrote still wins.
public enum BacktraceSettings {
    /// The environment variable the Swift runtime reads.
    public static let variable = "SWIFT_BACKTRACE"

    /// What goes in front of the user's settings. `preset=friendly` is what an interactive
    /// report would have shown (the crashed thread, no registers or image list); without it a
    /// non-interactive report is the full one, several screens of hex for a learner. Later
    /// settings win, so `SWIFT_BACKTRACE=preset=full` still gets the full report.
    public static let prefix = "interactive=no,preset=friendly"

    /// The `SWIFT_BACKTRACE` value to run with, or nil when the current one is fine: the user
    /// chose `interactive` themselves, or turned the backtracer off (`enable=no`).
    public static func nonInteractive(_ current: String?) -> String? {
        let current = current ?? ""
        for item in current.split(separator: ",") {
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2 else { continue }
            let key = parts[0].lowercased(), value = parts[1].lowercased()
            if key == "interactive" { return nil }
            // The runtime's parser: on/true/yes/y/t/1 and tty/auto enable; anything else is off.
            if key == "enable" && !["on", "true", "yes", "y", "t", "1", "tty", "auto"].contains(value) { return nil }
        }
        return current.isEmpty ? prefix : prefix + "," + current
    }

    /// Restarts the process with a non-interactive backtracer when the runtime would
    /// otherwise be interactive (stdin and stdout are terminals and the user did not decide).
    /// Call first thing in an interactive command, before it prints or reads anything.
    /// Returns (and the process carries on unchanged) when no restart is needed or `execv`
    /// fails.
    public static func restartNonInteractiveIfNeeded() {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { return }
        let current = getenv(variable).map { String(cString: $0) }
        guard let value = nonInteractive(current) else { return }
        // The executable's real path, not /proc/self/exe itself: the kernel names the process
        // after the file executed, and `ps`, `pgrep rnnlab` and the tests look for "rnnlab".
        var path = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = readlink("/proc/self/exe", &path, Int(PATH_MAX))
        guard n > 0 else { return }
        guard setenv(variable, value, 1) == 0 else { return }
        fflush(nil)
        _ = execv(path, CommandLine.unsafeArgv)
        // Still here: exec failed (no /proc?). Run as we are; only the crash report will wait.
        if let current { setenv(variable, current, 1) } else { unsetenv(variable) }
    }
}
