import Foundation

/// Runs a program and collects its output, with posix_spawn and waitpid.
///
/// Written by hand instead of Foundation's `Process`: inside the XCTest runner on Linux,
/// `Process.waitUntilExit()` was seen to hang forever after a `tmux` client had already
/// exited (its zombie never reaped), which would stall the whole suite.
enum Subprocess {
    struct Result {
        var status: Int32
        var stdout: Data
        var stderr: Data
        var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
        var stderrText: String { String(decoding: stderr, as: UTF8.self) }
    }

    struct SpawnError: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs `path` with `arguments` and `environment`, stdin from /dev/null, and waits for it.
    /// The status is shell-style: the exit code, or 128+n when signal n ended it.
    static func run(_ path: String, _ arguments: [String], environment: [String: String]) throws -> Result {
        var outPipe: [Int32] = [0, 0], errPipe: [Int32] = [0, 0]
        guard pipe(&outPipe) == 0, pipe(&errPipe) == 0 else { throw SpawnError(description: "pipe failed") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
        for fd in outPipe + errPipe { posix_spawn_file_actions_addclose(&actions, fd) }

        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for p in argv + envp { free(p) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, path, &actions, nil, argv, envp)
        close(outPipe[1])
        close(errPipe[1])
        guard rc == 0 else {
            close(outPipe[0]); close(errPipe[0])
            throw SpawnError(description: "cannot start \(path): \(String(cString: strerror(rc)))")
        }
        // Read both pipes to the end; stderr on a helper thread so neither can fill and block.
        let errReader = PipeReader(fd: errPipe[0])
        let out = readAll(outPipe[0])
        let err = errReader.finish()
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let code: Int32 = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return Result(status: code, stdout: out, stderr: err)
    }

    /// Reads a file descriptor until end of file and closes it.
    static func readAll(_ fd: Int32) -> Data {
        var data = Data()
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = read(fd, &chunk, chunk.count)
            if n > 0 { data.append(contentsOf: chunk[0..<n]); continue }
            if n < 0 && errno == EINTR { continue }
            break
        }
        close(fd)
        return data
    }

    /// Reads a pipe on its own thread.
    private final class PipeReader: @unchecked Sendable {
        private var data = Data()
        private let done = DispatchSemaphore(value: 0)
        init(fd: Int32) {
            Thread.detachNewThread { [self] in
                self.data = Subprocess.readAll(fd)
                self.done.signal()
            }
        }
        func finish() -> Data {
            done.wait()
            return data
        }
    }
}
