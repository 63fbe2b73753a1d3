import Foundation
import XCTest
@testable import RNNCore

/// `AtomicFile.Session`, the piece-by-piece form of `AtomicFile.write` that `rnnlab run` uses.
final class AtomicFileSessionTests: XCTestCase {
    private var scratch: URL!

    override func setUpWithError() throws {
        scratch = try FixturePaths.makeScratch("atomic-session")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: scratch)
    }

    private func path(_ name: String) -> String { scratch.appendingPathComponent(name).path }

    private func listing() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: scratch.path)) ?? []).sorted()
    }

    /// Pieces written out of order (the end first, a gap filled later) make the whole file,
    /// which appears only at `commit`.
    func testPiecesInAnyOrderMakeTheFile() throws {
        try Data("old".utf8).write(to: URL(fileURLWithPath: path("out.bin")))
        let session = try AtomicFile.Session(path: path("out.bin"))
        let whole = Array("0123456789abcdef".utf8)
        for range in [12..<16, 0..<4, 4..<12] {
            whole[range].withUnsafeBytes { session.write($0, at: range.lowerBound) }
        }
        session.startWriteback()
        XCTAssertEqual(try String(contentsOfFile: path("out.bin"), encoding: .utf8), "old", "untouched before commit")
        XCTAssertEqual(listing().count, 2, "the temporary file sits beside the target")
        try session.commit()
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path("out.bin"))), Data(whole))
        XCTAssertEqual(listing(), ["out.bin"])
    }

    /// A full disk during a write is remembered (later writes do nothing) and reported by
    /// `commit`, which leaves the old file and removes the temporary one.
    func testAFailedWriteIsReportedAtCommit() throws {
        try Data("old".utf8).write(to: URL(fileURLWithPath: path("out.bin")))
        let calls = Calls()
        let session = try AtomicFile.Session(path: path("out.bin")) { fd, bytes in
            calls.count += 1
            return calls.count == 2 ? -Int(ENOSPC) : Foundation.write(fd, bytes.baseAddress, bytes.count)
        }
        for k in 0..<4 { Data(repeating: UInt8(k), count: 10).withUnsafeBytes { session.write($0, at: k * 10) } }
        XCTAssertEqual(calls.count, 2, "no write after the failure")
        XCTAssertThrowsError(try session.commit()) { error in
            XCTAssertEqual((error as? FileError)?.description,
                           "\(path("out.bin")): cannot write (no space left on device); the previous file is unchanged")
        }
        XCTAssertEqual(try String(contentsOfFile: path("out.bin"), encoding: .utf8), "old")
        XCTAssertEqual(listing(), ["out.bin"])
    }

    /// Abandoning (or dropping) a session removes its temporary file; the target stays as it was.
    func testAbandonRemovesTheTemporaryFile() throws {
        var session: AtomicFile.Session? = try AtomicFile.Session(path: path("new.bin"))
        Data("x".utf8).withUnsafeBytes { session!.write($0, at: 0) }
        XCTAssertEqual(listing().count, 1)
        session!.abandon()
        XCTAssertEqual(listing(), [])
        session = try AtomicFile.Session(path: path("new.bin"))
        XCTAssertEqual(listing().count, 1)
        session = nil
        XCTAssertEqual(listing(), [], "dropped without commit: removed")
    }

    /// The target is checked when the session starts, as `AtomicFile.write` does.
    func testTheTargetIsCheckedFirst() throws {
        XCTAssertThrowsError(try AtomicFile.Session(path: scratch.path)) { error in
            XCTAssertEqual((error as? FileError)?.reason, "is a directory; name a file to write")
        }
        XCTAssertEqual(listing(), [])
    }
}

private final class Calls {
    var count = 0
}
