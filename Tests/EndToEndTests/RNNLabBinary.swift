import Foundation
import LabTesting

/// Finds the built `rnnlab` executable for end-to-end tests.
///
/// `swift test` builds every product of the package, the executable included, into the same
/// folder as the test bundle, so the binary is normally right there. If it is missing (a
/// test target built on its own), it is built into a separate scratch folder: `swift test`
/// holds the lock on `.build`, and a nested `swift build` on the same folder would wait for
/// that lock forever.
enum RNNLabBinary {
    /// The binary's path, or a reason it could not be found or built.
    static let location: Result<URL, BinaryError> = find()

    struct BinaryError: Error, CustomStringConvertible {
        var description: String
    }

    static func url() throws -> URL { try location.get() }

    private static func find() -> Result<URL, BinaryError> {
        let fm = FileManager.default
        var candidates: [URL] = []
        // Next to the test bundle (Linux: .build/<triple>/debug/rnnlabPackageTests.xctest).
        if let exe = Bundle.main.executableURL {
            candidates.append(exe.deletingLastPathComponent().appendingPathComponent("rnnlab"))
        }
        for b in Bundle.allBundles {
            candidates.append(b.bundleURL.deletingLastPathComponent().appendingPathComponent("rnnlab"))
        }
        candidates.append(PackagePaths.debugBinary)
        for c in candidates where fm.isExecutableFile(atPath: c.path) { return .success(c) }
        return buildSeparately()
    }

    /// `swift build --product rnnlab` into `.build/e2e`, a scratch folder of its own.
    private static func buildSeparately() -> Result<URL, BinaryError> {
        let scratch = PackagePaths.root.appendingPathComponent(".build/e2e")
        let log = scratch.deletingLastPathComponent().appendingPathComponent("e2e-build.log")
        let result: Subprocess.Result
        do {
            result = try Subprocess.run("/usr/bin/env", ["swift", "build", "--product", "rnnlab", "--scratch-path", scratch.path,
                                                         "--package-path", PackagePaths.root.path],
                                        environment: ProcessInfo.processInfo.environment)
        } catch {
            return .failure(BinaryError(description: "cannot run swift build: \(error)"))
        }
        try? (result.stdout + result.stderr).write(to: log)
        let bin = scratch.appendingPathComponent("debug/rnnlab")
        guard result.status == 0, FileManager.default.isExecutableFile(atPath: bin.path) else {
            return .failure(BinaryError(description: "swift build --product rnnlab failed; see \(log.path)"))
        }
        return .success(bin)
    }
}
