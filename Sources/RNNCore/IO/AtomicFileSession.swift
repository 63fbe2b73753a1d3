import Foundation

#if os(Linux)
/// glibc's sync_file_range (declared only under _GNU_SOURCE, which the Glibc module does not set).
@_silgen_name("sync_file_range") private func glibcSyncFileRange(_ fd: Int32, _ offset: Int64, _ count: Int64, _ flags: UInt32) -> Int32
/// SYNC_FILE_RANGE_WRITE: start writeback of the dirty pages in the range, do not wait.
private let syncFileRangeWrite: UInt32 = 2
#endif

extension AtomicFile {
    /// An atomic write in progress, for content produced piece by piece (`rnnlab run` writes
    /// the forward arrays of its `.npz` while the backward pass is still to come): the same
    /// checks, temporary file, `fsync`, rename and folder `fsync` as `AtomicFile.write`, which
    /// is one session with one write.
    ///
    /// Pieces go to explicit offsets, in any order and from any thread (one at a time: a
    /// lock). A failed write is remembered and the writes after it do nothing; `commit`
    /// reports it, so a caller that computes between writes can let a computation error
    /// (which it reports first) take precedence over a full disk. Until `commit` succeeds the
    /// target is untouched; `abandon`, or dropping the session, removes the temporary file.
    public final class Session: @unchecked Sendable {
        /// The target, as given.
        public let path: String
        private let inputs: [Input]
        private let writeCall: WriteCall
        private let fd: Int32
        private let temporary: String
        /// The end of the message after a failure: the target is as it was.
        private let unchanged: String
        private let lock = NSLock()
        /// The file offset `writeCall` writes at (where the last write ended).
        private var position = 0
        /// The `errno` of the first failed write.
        private var firstFailure: Int32?
        private var finished = false

        /// Checks the target (see `AtomicFile.checkTarget`) and creates the temporary file
        /// beside it, with the permissions of the file it will replace.
        public init(path: String, inputs: [Input] = [], writeCall: @escaping WriteCall = systemWrite) throws(FileError) {
            let existing = try checkTarget(path, inputs: inputs)
            self.path = path
            self.inputs = inputs
            self.writeCall = writeCall
            unchanged = existing == nil ? "nothing was written" : "the previous file is unchanged"
            (fd, temporary) = try createTemporary(beside: path)
            if let existing, fchmod(fd, existing.st_mode & 0o7777) != 0 {
                let code = errno
                abandon()
                throw failure(code)
            }
        }

        deinit { abandon() }

        private func failure(_ code: Int32) -> FileError {
            FileError(path: path, reason: "cannot write (\(FileError.systemReason(code))); \(unchanged)", code: code)
        }

        /// Writes `bytes` at `offset` of the new file (short writes and EINTR are resumed).
        /// After a failure, does nothing; `commit` throws it.
        public func write(_ bytes: UnsafeRawBufferPointer, at offset: Int) {
            lock.lock()
            defer { lock.unlock() }
            guard !finished, firstFailure == nil, !bytes.isEmpty else { return }
            if offset != position {
                guard lseek(fd, off_t(offset), SEEK_SET) >= 0 else { firstFailure = errno; return }
                position = offset
            }
            var done = 0
            while done < bytes.count {
                let n = writeCall(fd, UnsafeRawBufferPointer(rebasing: bytes[done...]))
                if n > 0 { done += n; position += n; continue }
                if n == -Int(EINTR) { continue }
                // A write of 0 bytes makes no progress; a full device is the only way it happens.
                firstFailure = n == 0 ? ENOSPC : Int32(-n)
                return
            }
        }

        /// Asks the kernel to start writing what is written so far to the disk, without
        /// waiting for it (Linux; elsewhere nothing): the disk works while the caller computes,
        /// and `commit`'s `fsync` has less left to wait for. The durability still comes from
        /// that `fsync`.
        public func startWriteback() {
            #if os(Linux)
            lock.lock()
            defer { lock.unlock() }
            guard !finished, firstFailure == nil else { return }
            _ = glibcSyncFileRange(fd, 0, 0, syncFileRangeWrite)
            #endif
        }

        /// Makes the new file the target: `fsync`, close, check the target again, rename,
        /// `fsync` the folder. On a failure (also one remembered from `write`) the temporary
        /// file is removed, the target is as it was, and the error says so.
        public func commit() throws(FileError) {
            lock.lock()
            defer { lock.unlock() }
            precondition(!finished, "AtomicFile.Session committed after it ended")
            if let firstFailure {
                discard()
                throw failure(firstFailure)
            }
            // The data must be on disk before the rename makes it the file: otherwise a crash
            // could leave the new name pointing at empty blocks.
            while fsync(fd) != 0 {
                if errno != EINTR { let code = errno; discard(); throw failure(code) }
            }
            finished = true
            if close(fd) != 0 && errno != EINTR { let code = errno; unlink(temporary); PendingTemporary.clear(); throw failure(code) }
            do {
                // The target may have changed while we wrote (a directory or link put in its place).
                try checkTarget(path, inputs: inputs)
            } catch {
                unlink(temporary)
                PendingTemporary.clear()
                throw error
            }
            guard rename(temporary, path) == 0 else {
                let code = errno
                unlink(temporary)
                PendingTemporary.clear()
                throw failure(code)
            }
            PendingTemporary.clear()
            syncFolder(of: path)
        }

        /// Ends the session without touching the target: the temporary file is removed.
        public func abandon() {
            lock.lock()
            defer { lock.unlock() }
            discard()
        }

        /// `abandon` with the lock held.
        private func discard() {
            guard !finished else { return }
            finished = true
            close(fd)
            unlink(temporary)
            PendingTemporary.clear()
        }
    }
}
