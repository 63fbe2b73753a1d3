import Foundation
import XCTest
@testable import RNNCore

/// Every file argument is checked for what it is before it is read: no hang on a directory
/// or a FIFO, and messages in words, never Foundation's error codes.
final class InputFileTests: XCTestCase {
    private var scratch: URL!

    override func setUpWithError() throws {
        scratch = try FixturePaths.makeScratch("input-file")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: scratch)
    }

    private func path(_ name: String) -> String { scratch.appendingPathComponent(name).path }

    private func reason(_ path: String, maximumBytes: Int = InputFile.maximumBytes) -> String? {
        do {
            _ = try InputFile.read(path, maximumBytes: maximumBytes)
            XCTFail("expected an error for \(path)")
        } catch {
            return error.reason
        }
        return nil
    }

    func testWhatIsNotAFileIsNamed() throws {
        XCTAssertEqual(reason(scratch.path), "is a directory, not a file")
        XCTAssertEqual(reason(path("missing.npy")), "cannot read file (no such file or directory)")
        XCTAssertEqual(reason(""), "is not a file name (the path is empty)")
        FileManager.default.createFile(atPath: path("empty.npy"), contents: Data())
        XCTAssertEqual(reason(path("empty.npy")), "is empty (0 bytes)")
        XCTAssertEqual(reason("/dev/null"), "is not a regular file (it is a character device)")
        // Opening a FIFO for reading would wait for a writer forever; it is refused at once.
        XCTAssertEqual(mkfifo(path("pipe"), 0o644), 0)
        XCTAssertEqual(reason(path("pipe")), "is not a regular file (it is a FIFO (named pipe))")
        try Data(count: 2048).write(to: scratch.appendingPathComponent("big.npy"))
        XCTAssertEqual(reason(path("big.npy"), maximumBytes: 1024), "is 2 KB; rnnlab reads files of at most 1 KB")
    }

    func testALinkToAFileIsRead() throws {
        try Data("abc".utf8).write(to: scratch.appendingPathComponent("x.npy"))
        XCTAssertEqual(symlink(path("x.npy"), path("link.npy")), 0)
        XCTAssertEqual(try InputFile.read(path("link.npy")), Data("abc".utf8))
    }

    /// The readers of .npy and .npz go through the check: a directory as an .npz used to loop
    /// forever inside ZIPFoundation.
    func testNPYAndNPZReadersRefuseDirectoriesAtOnce() {
        assertInteropError(try NPZ.read(scratch), contains: ["\(scratch.path): is a directory, not a file"])
        assertInteropError(try NPY.read(scratch), contains: ["\(scratch.path): is a directory, not a file"])
    }

    func testByteCounts() {
        XCTAssertEqual(InputFile.byteCount(1), "1 byte")
        XCTAssertEqual(InputFile.byteCount(1023), "1023 bytes")
        XCTAssertEqual(InputFile.byteCount(1536), "1.5 KB")
        XCTAssertEqual(InputFile.byteCount(1 << 30), "1 GB")
    }
}
