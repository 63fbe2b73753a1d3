import Foundation
import XCTest
@testable import RNNCore

/// The shared writer: what it refuses, that a failure leaves the old file whole, and that
/// nothing but the target is ever created or removed.
final class AtomicFileTests: XCTestCase {
    private var scratch: URL!

    override func setUpWithError() throws {
        scratch = try FixturePaths.makeScratch("atomic")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: scratch)
    }

    private func path(_ name: String) -> String { scratch.appendingPathComponent(name).path }

    private func contents(_ name: String) -> String? {
        (try? Data(contentsOf: scratch.appendingPathComponent(name))).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The names in the scratch folder: a leftover temporary file would show up here.
    private func listing() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: scratch.path)) ?? []).sorted()
    }

    /// The `FileError` `body` throws, or a test failure.
    private func fileError(_ body: () throws -> Void, file: StaticString = #filePath, line: UInt = #line) -> FileError? {
        do {
            try body()
            XCTFail("expected a FileError", file: file, line: line)
        } catch let error as FileError {
            return error
        } catch {
            XCTFail("expected a FileError, got \(error)", file: file, line: line)
        }
        return nil
    }

    func testNewAndExistingFilesAreWrittenWhole() throws {
        try AtomicFile.write(Data("first".utf8), to: path("out.txt"))
        XCTAssertEqual(contents("out.txt"), "first")
        try AtomicFile.write(Data("second, longer".utf8), to: path("out.txt"))
        XCTAssertEqual(contents("out.txt"), "second, longer")
        XCTAssertEqual(listing(), ["out.txt"], "no temporary file is left behind")
    }

    func testReplacingKeepsThePermissions() throws {
        try AtomicFile.write(Data("a".utf8), to: path("out.txt"))
        chmod(path("out.txt"), 0o640)
        try AtomicFile.write(Data("b".utf8), to: path("out.txt"))
        var info = stat()
        XCTAssertEqual(stat(path("out.txt"), &info), 0)
        XCTAssertEqual(info.st_mode & 0o777, 0o640)
    }

    /// A directory in any spelling is refused, and stays as it was with everything in it.
    func testDirectoriesAreRefused() throws {
        let folder = scratch.appendingPathComponent("results")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        try Data("keep".utf8).write(to: folder.appendingPathComponent("keep.txt"))
        for target in [folder.path, folder.path + "/", folder.path + "/.", folder.path + "/..", ".", "..", "/"] {
            let error = fileError { try AtomicFile.write(Data("x".utf8), to: target) }
            XCTAssertEqual(error?.reason, "is a directory; name a file to write", target)
        }
        XCTAssertEqual(try String(contentsOf: folder.appendingPathComponent("keep.txt"), encoding: .utf8), "keep")
        XCTAssertEqual(listing(), ["results"])
    }

    func testEmptyPathAndDashAreRefused() {
        let error = fileError { try AtomicFile.write(Data("x".utf8), to: "") }
        XCTAssertEqual(error?.description, "'': is not a file name (the path is empty)")
        let dash = fileError { try AtomicFile.write(Data("x".utf8), to: "-") }
        XCTAssertEqual(dash?.description, "-: means standard output to many tools; name a file (./- for a file called '-')")
    }

    /// A symbolic link is neither followed nor replaced; its target is untouched.
    func testSymbolicLinksAreRefused() throws {
        try Data("target".utf8).write(to: scratch.appendingPathComponent("real.txt"))
        XCTAssertEqual(symlink(path("real.txt"), path("link.txt")), 0)
        let error = fileError { try AtomicFile.write(Data("x".utf8), to: path("link.txt")) }
        XCTAssertTrue(error?.reason.hasPrefix("is a symbolic link") == true, "\(String(describing: error))")
        XCTAssertEqual(contents("real.txt"), "target")
        var info = stat()
        XCTAssertEqual(lstat(path("link.txt"), &info), 0)
        XCTAssertEqual(info.st_mode & S_IFMT, S_IFLNK, "the link is still a link")
    }

    func testSpecialFilesAreRefused() throws {
        XCTAssertEqual(mkfifo(path("pipe"), 0o644), 0)
        let fifo = fileError { try AtomicFile.write(Data("x".utf8), to: path("pipe")) }
        XCTAssertEqual(fifo?.reason, "is not a regular file (it is a FIFO (named pipe)); rnnlab writes only regular files and new paths")
        XCTAssertEqual(listing(), ["pipe"])
    }

    /// A device node of our own (never /dev/null itself: a broken check would replace it).
    func testDevicesAreRefused() throws {
        // (1, 3) is the null device in the old 8-bit major/minor encoding glibc still accepts.
        guard mknod(path("null"), S_IFCHR | 0o666, 0x0103) == 0 else { throw XCTSkip("mknod needs root") }
        let device = fileError { try AtomicFile.write(Data("x".utf8), to: path("null")) }
        XCTAssertTrue(device?.reason.contains("(it is a character device)") == true, "\(String(describing: device))")
        var info = stat()
        XCTAssertEqual(lstat(path("null"), &info), 0)
        XCTAssertEqual(info.st_mode & S_IFMT, S_IFCHR, "still a device")
    }

    /// An input is recognised by what it is, not how it is spelt: another path, a symbolic
    /// link to it, a hard link.
    func testInputsAreRefusedWhateverTheSpelling() throws {
        try Data("input".utf8).write(to: scratch.appendingPathComponent("x.npy"))
        XCTAssertEqual(symlink(path("x.npy"), path("alias.npy")), 0)
        XCTAssertEqual(link(path("x.npy"), path("hard.npy")), 0)
        let spellings = [path("x.npy"), scratch.path + "/./x.npy", scratch.path + "/../" + scratch.lastPathComponent + "/x.npy"]
        for out in spellings {
            let error = fileError { try AtomicFile.write(Data("x".utf8), to: out, inputs: [("--input", path("x.npy"))]) }
            XCTAssertEqual(error?.reason, "is the --input file; rnnlab never overwrites an input (choose another output name)", out)
        }
        // The input given through a link, the output by its real name.
        var error = fileError { try AtomicFile.write(Data("x".utf8), to: path("x.npy"), inputs: [("--weights", path("alias.npy"))]) }
        XCTAssertTrue(error?.reason.hasPrefix("is the --weights file") == true)
        error = fileError { try AtomicFile.write(Data("x".utf8), to: path("hard.npy"), inputs: [("--h0", path("x.npy"))]) }
        XCTAssertTrue(error?.reason.hasPrefix("is the --h0 file") == true)
        XCTAssertEqual(contents("x.npy"), "input")
        // A different existing file is fine.
        try AtomicFile.write(Data("out".utf8), to: path("other.npy"), inputs: [("--input", path("x.npy"))])
    }

    func testMissingFolderIsNamed() {
        let error = fileError { try AtomicFile.write(Data("x".utf8), to: path("no/such/out.npz")) }
        XCTAssertEqual(error?.reason, "cannot write (the folder \(path("no/such")) does not exist)")
    }

    /// A disk that fills up half-way: the old file is whole, no temporary file is left, and
    /// the message says what happened in words.
    func testFullDiskKeepsTheOldFile() throws {
        try AtomicFile.write(Data("old contents".utf8), to: path("out.npz"))
        let budget = Budget(bytes: 5)
        let error = fileError {
            try AtomicFile.write(Data(repeating: 7, count: 100), to: path("out.npz"), writeCall: budget.write)
        }
        XCTAssertEqual(error?.description, "\(path("out.npz")): cannot write (no space left on device); the previous file is unchanged")
        XCTAssertEqual(error?.code, ENOSPC)
        XCTAssertEqual(contents("out.npz"), "old contents")
        XCTAssertEqual(listing(), ["out.npz"])

        // A new file: nothing at all remains.
        let again = fileError { try AtomicFile.write(Data(repeating: 7, count: 100), to: path("new.npz"), writeCall: Budget(bytes: 0).write) }
        XCTAssertEqual(again?.reason, "cannot write (no space left on device); nothing was written")
        XCTAssertEqual(listing(), ["out.npz"])
    }

    /// A signal in the middle of a write (simulated: the handler's removal called from inside
    /// the write) removes the temporary file; the old file stays and nothing else remains.
    func testInterruptedWriteLeavesNothingBehind() throws {
        try AtomicFile.write(Data("old".utf8), to: path("out.npz"))
        var seenDuringWrite: [String] = []
        let error = fileError {
            try AtomicFile.write(Data(repeating: 1, count: 64), to: path("out.npz")) { [self] fd, bytes in
                seenDuringWrite = listing()
                AtomicFile.removeTemporaryFileInProgress()
                return Foundation.write(fd, bytes.baseAddress, bytes.count)
            }
        }
        XCTAssertEqual(seenDuringWrite.count, 2, "the temporary file existed beside the target: \(seenDuringWrite)")
        XCTAssertEqual(error?.code, ENOENT, "the rename finds the temporary file gone")
        XCTAssertEqual(contents("out.npz"), "old")
        XCTAssertEqual(listing(), ["out.npz"])
        // After a write the slot is empty: a late signal removes nothing.
        try AtomicFile.write(Data("new".utf8), to: path("out.npz"))
        AtomicFile.removeTemporaryFileInProgress()
        XCTAssertEqual(contents("out.npz"), "new")
    }

    /// Short writes and EINTR are retried until every byte is out.
    func testShortWritesAreResumed() throws {
        let data = Data((0..<1000).map { UInt8($0 % 251) })
        let counter = Counter()
        try AtomicFile.write(data, to: path("out.bin")) { fd, bytes in
            if counter.next() % 3 == 0 { return -Int(EINTR) }
            return Foundation.write(fd, bytes.baseAddress, min(7, bytes.count))
        }
        XCTAssertEqual(try Data(contentsOf: scratch.appendingPathComponent("out.bin")), data)
    }

    func testSystemReasonsReadAsWords() {
        XCTAssertEqual(FileError.systemReason(ENOSPC), "no space left on device")
        XCTAssertEqual(FileError.systemReason(EACCES), "permission denied")
        XCTAssertEqual(FileError.systemReason(EIO), "input/output error")
    }

    /// A real full file system: a 64 KB tmpfs (needs root and mount permission; skipped otherwise).
    func testRealFullFileSystemKeepsTheOldFile() throws {
        let mountPoint = try TinyFileSystem.mount(in: scratch)
        defer { TinyFileSystem.unmount(mountPoint) }
        let out = mountPoint.appendingPathComponent("out.npz").path
        try AtomicFile.write(Data("old".utf8), to: out)
        let error = fileError { try AtomicFile.write(Data(repeating: 1, count: 200_000), to: out) }
        XCTAssertEqual(error?.code, ENOSPC)
        XCTAssertTrue(error?.description.contains("no space left on device") == true, "\(String(describing: error))")
        XCTAssertEqual(try String(contentsOfFile: out, encoding: .utf8), "old")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: mountPoint.path), ["out.npz"])
    }
}

/// A fake disk with room for `bytes` more bytes; past that, writes fail with ENOSPC.
private final class Budget {
    private var left: Int
    init(bytes: Int) { left = bytes }
    var write: AtomicFile.WriteCall {
        { [self] fd, bytes in
            guard left > 0 else { return -Int(ENOSPC) }
            let n = Foundation.write(fd, bytes.baseAddress, min(left, bytes.count))
            if n > 0 { left -= n }
            return n
        }
    }
}

private final class Counter {
    private var n = 0
    func next() -> Int { n += 1; return n }
}

/// A 64 KB tmpfs for full-disk tests, when this process may mount one.
enum TinyFileSystem {
    static func mount(in folder: URL) throws -> URL {
        let point = folder.appendingPathComponent("tiny")
        try FileManager.default.createDirectory(at: point, withIntermediateDirectories: true)
        #if os(Linux)
        guard getuid() == 0, Glibc.mount("tmpfs", point.path, "tmpfs", 0, "size=64k") == 0 else {
            throw XCTSkip("cannot mount a tmpfs here (needs root and mount permission)")
        }
        return point
        #else
        throw XCTSkip("tmpfs mounts are a Linux test")
        #endif
    }

    static func unmount(_ point: URL) {
        #if os(Linux)
        _ = umount2(point.path, Int32(MNT_DETACH))
        #endif
    }
}
