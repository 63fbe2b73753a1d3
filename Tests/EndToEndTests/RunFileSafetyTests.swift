import Foundation
import LabTesting
import RNNCore
import XCTest

/// `rnnlab run` never destroys what it was not asked to write, never hangs on what is not a
/// file, and never computes with arrays it silently dropped: each case ends within seconds
/// with one line on stderr and the documented exit code, and the scratch folder shows that
/// nothing else changed.
final class RunFileSafetyTests: XCTestCase {
    private var scratch: URL!
    private var binary: URL!
    private let fixtures = PackagePaths.root.appendingPathComponent("Tests/RNNCoreTests/Fixtures/torch_rnn")

    override func setUpWithError() throws {
        binary = try RNNLabBinary.url()
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("run-safety-\(UUID().uuidString)")
        // The command runs in scratch/work, so `.` and `..` are folders of the test's own.
        try FileManager.default.createDirectory(at: scratch.appendingPathComponent("work"), withIntermediateDirectories: true)
        for name in ["weights.npz", "x.npy", "h0.npy", "upstream.npy"] {
            try FileManager.default.copyItem(at: fixtures.appendingPathComponent(name), to: work(name))
        }
    }

    override func tearDownWithError() throws {
        if let scratch { try? FileManager.default.removeItem(at: scratch) }
    }

    private func work(_ name: String) -> URL { scratch.appendingPathComponent("work").appendingPathComponent(name) }

    /// Runs `rnnlab ARGS` in scratch/work, killed after 30 s so a hang fails instead of stalling.
    private func rnnlab(_ arguments: [String]) throws -> (code: Int32, err: String) {
        var command = ["cd \"$0\" && exec \"$@\"", work("").path]
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/timeout") { command += ["/usr/bin/timeout", "30"] }
        let result = try Subprocess.run("/bin/sh", ["-c"] + command + [binary.path] + arguments,
                                        environment: ProcessInfo.processInfo.environment)
        XCTAssertNotEqual(result.status, 124, "rnnlab \(arguments) hung")
        return (result.status, result.stderrText)
    }

    /// `run` on the copied torch_rnn case with gradients.
    private func run(out: String, _ extra: [String] = []) throws -> (code: Int32, err: String) {
        try rnnlab(["run", "--cell", "rnn", "--weights", "weights.npz", "--input", "x.npy", "--h0", "h0.npy",
                    "--upstream", "upstream.npy", "--out", out] + extra)
    }

    /// Every file under scratch with its size, so a test can see that nothing changed.
    private func snapshot() -> [String: Int] {
        var files: [String: Int] = [:]
        let root = scratch.path
        for case let path as String in FileManager.default.enumerator(atPath: root)! {
            var info = stat()
            guard lstat(root + "/" + path, &info) == 0 else { continue }
            files[path] = info.st_mode & S_IFMT == S_IFREG ? Int(info.st_size) : -Int(info.st_mode & S_IFMT)
        }
        return files
    }

    private func assertOneLine(_ err: String, _ expected: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(err, "error: \(expected)\n", file: file, line: line)
    }

    func testDirectoriesAsOutputAreRefusedAndKept() throws {
        try FileManager.default.createDirectory(at: work("results"), withIntermediateDirectories: false)
        try Data("keep".utf8).write(to: work("results/keep.txt"))
        let before = snapshot()
        for out in ["results", "results/", ".", "..", work("results").path] {
            let result = try run(out: out)
            XCTAssertEqual(result.code, 3, out)
            assertOneLine(result.err, "\(out): is a directory; name a file to write")
        }
        let empty = try run(out: "")
        XCTAssertEqual(empty.code, 3)
        assertOneLine(empty.err, "'': is not a file name (the path is empty)")
        XCTAssertEqual(snapshot(), before, "nothing was removed, replaced or left behind")
    }

    func testAnInputAsOutputIsRefusedHoweverItIsSpelt() throws {
        XCTAssertEqual(symlink(work("x.npy").path, work("alias.npy").path), 0)
        let before = snapshot()
        for (out, label) in [("x.npy", "--input"), ("./weights.npz", "--weights"), (work("h0.npy").path, "--h0"),
                             ("../work/upstream.npy", "--upstream")] {
            let result = try run(out: out)
            XCTAssertEqual(result.code, 3, out)
            assertOneLine(result.err, "\(out): is the \(label) file; rnnlab never overwrites an input (choose another output name)")
        }
        // The input named through a link is still the input.
        let linked = try rnnlab(["run", "--cell", "rnn", "--weights", "weights.npz", "--input", "alias.npy", "--out", "x.npy"])
        XCTAssertEqual(linked.code, 3)
        XCTAssertTrue(linked.err.contains("x.npy: is the --input file"), linked.err)
        XCTAssertEqual(snapshot(), before)
    }

    func testLinksAndSpecialFilesAsOutputAreRefused() throws {
        try Data("old".utf8).write(to: work("old.npz"))
        XCTAssertEqual(symlink(work("old.npz").path, work("link.npz").path), 0)
        XCTAssertEqual(mkfifo(work("pipe").path, 0o644), 0)
        let before = snapshot()
        var result = try run(out: "link.npz")
        XCTAssertEqual(result.code, 3)
        assertOneLine(result.err, "link.npz: is a symbolic link; rnnlab replaces only regular files (name the link's target or a new file)")
        result = try run(out: "pipe")
        XCTAssertEqual(result.code, 3)
        assertOneLine(result.err, "pipe: is not a regular file (it is a FIFO (named pipe)); rnnlab writes only regular files and new paths")
        XCTAssertEqual(snapshot(), before)
        XCTAssertEqual(try String(contentsOf: work("old.npz"), encoding: .utf8), "old")
    }

    /// A regular file is replaced whole, with nothing left beside it.
    func testAnExistingOutputIsReplacedWhole() throws {
        try Data("old".utf8).write(to: work("out.npz"))
        let result = try run(out: "out.npz")
        XCTAssertEqual(result.code, 0, result.err)
        XCTAssertNotNil(try NPZ.read(work("out.npz"))["grad_x"])
        XCTAssertEqual(Set(snapshot().keys), ["work", "work/weights.npz", "work/x.npy", "work/h0.npy", "work/upstream.npy", "work/out.npz"])
    }

    /// A directory, a FIFO, an empty file as any input: an answer at once, not a hang.
    func testInputsThatAreNotFilesFailAtOnce() throws {
        try FileManager.default.createDirectory(at: work("folder"), withIntermediateDirectories: false)
        XCTAssertEqual(mkfifo(work("pipe").path, 0o644), 0)
        FileManager.default.createFile(atPath: work("empty.npy").path, contents: Data())
        let cases: [(option: String, value: String, reason: String)] = [
            ("--weights", "folder", "is a directory, not a file"),
            ("--input", "folder", "is a directory, not a file"),
            ("--h0", "folder", "is a directory, not a file"),
            ("--upstream", "pipe", "is not a regular file (it is a FIFO (named pipe))"),
            ("--weights", "pipe", "is not a regular file (it is a FIFO (named pipe))"),
            ("--input", "empty.npy", "is empty (0 bytes)"),
            ("--weights", "missing.npz", "cannot read file (no such file or directory)"),
        ]
        for c in cases {
            var arguments = ["run", "--cell", "rnn", "--weights", "weights.npz", "--input", "x.npy", "--out", "o.npz"]
            if let i = arguments.firstIndex(of: c.option) { arguments[i + 1] = c.value } else { arguments += [c.option, c.value] }
            let result = try rnnlab(arguments)
            XCTAssertEqual(result.code, 1, "\(c.option) \(c.value)")
            assertOneLine(result.err, "\(c.value): \(c.reason)")
            XCTAssertFalse(result.err.contains("NSCocoaErrorDomain"))
        }
        let empty = try rnnlab(["run", "--cell", "rnn", "--weights", "", "--input", "x.npy", "--out", "o.npz"])
        XCTAssertEqual(empty.code, 1)
        assertOneLine(empty.err, "--weights '': is not a file name (the path is empty)")
        XCTAssertFalse(FileManager.default.fileExists(atPath: work("o.npz").path))
    }

    /// `bais` for `bias` used to run without the bias and exit 0.
    func testMisspeltWeightNamesAreErrors() throws {
        var weights = try NPZ.read(work("weights.npz"))
        weights["bais_hh_l0"] = weights.removeValue(forKey: "bias_hh_l0")
        try NPZ.write(weights, to: work("bad.npz"))
        var result = try rnnlab(["run", "--cell", "rnn", "--weights", "bad.npz", "--input", "x.npy", "--out", "o.npz"])
        XCTAssertEqual(result.code, 1)
        XCTAssertTrue(result.err.hasPrefix("error: bad.npz: array 'bais_hh_l0' is not part of the PyTorch layout (expected weight_ih_l0, weight_hh_l0"), result.err)
        XCTAssertFalse(FileManager.default.fileExists(atPath: work("o.npz").path))

        weights["extra"] = NDArray.zeros([2])
        weights["bias_hh_l0"] = weights.removeValue(forKey: "bais_hh_l0")
        try NPZ.write(weights, to: work("extra.npz"))
        result = try rnnlab(["run", "--cell", "rnn", "--weights", "extra.npz", "--input", "x.npy", "--out", "o.npz",
                             "--allow-extra-arrays"])
        XCTAssertEqual(result.code, 0, result.err)
    }

    /// A finite upstream gradient near the largest Double overflows in backpropagation:
    /// reported (exit 1), nothing written.
    func testOverflowingGradientIsReported() throws {
        let g = try NPY.read(work("upstream.npy"))
        try NPY.write(NDArray(shape: g.shape, data: g.data.map { _ in 1e308 }), to: work("huge.npy"))
        let result = try rnnlab(["run", "--cell", "rnn", "--weights", "weights.npz", "--input", "x.npy",
                                 "--upstream", "huge.npy", "--out", "o.npz"])
        XCTAssertEqual(result.code, 1)
        XCTAssertTrue(result.err.hasPrefix("error: huge.npy: backpropagating this upstream gradient overflows float64"), result.err)
        XCTAssertFalse(FileManager.default.fileExists(atPath: work("o.npz").path))
    }

    func testResetAfterNeedsAGRU() throws {
        let result = try run(out: "o.npz", ["--no-reset-after"])
        XCTAssertEqual(result.code, 1)
        assertOneLine(result.err, "--no-reset-after given, but only a GRU has a reset gate (this run is for --cell rnn)")
    }

    /// A full disk (a 64 KB tmpfs; skipped where this process may not mount one): the old
    /// output is still there, nothing else is, and the message says so in words.
    func testFullDiskKeepsTheOldOutput() throws {
        let disk = scratch.appendingPathComponent("disk")
        try FileManager.default.createDirectory(at: disk, withIntermediateDirectories: false)
        #if os(Linux)
        guard getuid() == 0, Glibc.mount("tmpfs", disk.path, "tmpfs", 0, "size=64k") == 0 else {
            throw XCTSkip("cannot mount a tmpfs here (needs root and mount permission)")
        }
        defer { _ = umount2(disk.path, Int32(MNT_DETACH)) }
        #else
        throw XCTSkip("tmpfs mounts are a Linux test")
        #endif
        // 3000 steps of 4 units: h alone is 96 KB, more than the disk holds.
        let long = NDArray(shape: [1, 3000, 3], data: (0..<9000).map { sin(Double($0)) })
        try NPY.write(long, to: work("long.npy"))
        let out = disk.appendingPathComponent("out.npz").path
        try Data("old output".utf8).write(to: URL(fileURLWithPath: out))
        let result = try rnnlab(["run", "--cell", "rnn", "--weights", "weights.npz", "--input", "long.npy", "--out", out])
        XCTAssertEqual(result.code, 3)
        assertOneLine(result.err, "\(out): cannot write (no space left on device); the previous file is unchanged")
        XCTAssertEqual(try String(contentsOfFile: out, encoding: .utf8), "old output")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: disk.path), ["out.npz"])
    }
}
