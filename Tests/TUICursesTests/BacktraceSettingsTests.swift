import TUICurses
import XCTest

/// The SWIFT_BACKTRACE value the interactive commands restart with.
final class BacktraceSettingsTests: XCTestCase {
    func testUnsetOrEmptyGetsThePrefix() {
        XCTAssertEqual(BacktraceSettings.nonInteractive(nil), "interactive=no,preset=friendly")
        XCTAssertEqual(BacktraceSettings.nonInteractive(""), "interactive=no,preset=friendly")
    }

    /// The user's settings come after ours: the runtime applies them left to right, so theirs win.
    func testUserSettingsAreKeptAndComeLast() {
        XCTAssertEqual(BacktraceSettings.nonInteractive("preset=full,color=no"),
                       "interactive=no,preset=friendly,preset=full,color=no")
        XCTAssertEqual(BacktraceSettings.nonInteractive("enable=yes"), "interactive=no,preset=friendly,enable=yes")
        XCTAssertEqual(BacktraceSettings.nonInteractive("enable=tty"), "interactive=no,preset=friendly,enable=tty")
    }

    /// No restart when the user chose `interactive` (either way) or turned the backtracer off.
    func testUserDecisionsMeanNoRestart() {
        for value in ["interactive=yes", "interactive=no", "INTERACTIVE=tty", "color=no,interactive=on",
                      "enable=no", "enable=off", "enable=0", "Enable=False", "timeout=5,enable=nope"] {
            XCTAssertNil(BacktraceSettings.nonInteractive(value), value)
        }
    }

    /// The value the restart produces needs no further restart (no exec loop).
    func testRestartedValueIsFinal() {
        for value in [nil, "", "preset=full", "enable=yes,timeout=5"] {
            let once = BacktraceSettings.nonInteractive(value)
            XCTAssertNotNil(once)
            XCTAssertNil(BacktraceSettings.nonInteractive(once), "\(String(describing: value))")
        }
    }
}
