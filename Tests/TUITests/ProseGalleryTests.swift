import XCTest
import LabTesting
@testable import TUI

/// Whole screens built from the text widgets, at the projector size and the smallest
/// supported terminal: the snapshots are for looking at the result as a learner would.
final class ProseGalleryTests: XCTestCase {
    static let lstmSlide = #"""
## LSTM {#lstm}

The cell state $c_t$ *remains inside forever*; the hidden state $h_t$ is the same as in a vanilla RNN.

$$\begin{pmatrix} i \\ f \\ o \\ g \end{pmatrix} = \begin{pmatrix} \sigma \\ \sigma \\ \sigma \\ \tanh \end{pmatrix} W \begin{pmatrix} h_{t-1} \\ x_t \end{pmatrix}$$

$$c_t = f \odot c_{t-1} + i \odot g$$

$$h_t = o \odot \tanh(c_t)$$

Backpropagation from $c_t$ to $c_{t-1}$ is **only an elementwise multiplication** by $f$, no matrix multiply by $W$:

1. elementwise multiplication by the forget gate,
2. the forget gate changes at every time step,
3. it comes out of a sigmoid, so every element is between 0 and 1.
"""#

    private func screen(_ size: Size, _ caps: Capabilities) -> Buffer {
        var b = Buffer(size: size)
        let (top, bottom) = b.area.splitBottom(size.height >= 40 ? 10 : 0)
        Panel(title: "4 · LSTM and GRU", footer: "↑↓ scroll  n next", focused: true,
              child: Prose(markdown: ProseGalleryTests.lstmSlide)).render(in: top, into: &b, capabilities: caps)
        if !bottom.isEmpty {
            Panel(title: "unrolled", child: UnrolledGraph(steps: 8, current: 3)).render(in: bottom, into: &b, capabilities: caps)
        }
        return b
    }

    func testLSTMSlideOnAProjectorAndOn80x24() {
        assertSnapshot(screen(Size(width: 200, height: 50), .full).text(), named: "lstm-200x50")
        assertSnapshot(screen(Size(width: 80, height: 24), .full).text(), named: "lstm-80x24")
        let ascii = screen(Size(width: 80, height: 24), .plainASCII).text()
        assertSnapshot(ascii, named: "lstm-80x24-ascii")
        XCTAssertTrue(ascii.utf8.allSatisfy { $0 < 0x80 })
    }

    /// The lecture text itself (not Markdown, but it holds every `$$` equation) goes through
    /// the prose renderer without a TeX command leaking into the output.
    func testWholeLectureRendersThroughProse() throws {
        let url = URL(fileURLWithPath: "/work/shared/lecture/rnn-lecture.txt")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { throw XCTSkip("lecture text not available") }
        let doc = ProseDocument(markdown: text)
        for tex in LectureEquations.fromLecture() { XCTAssertTrue(doc.formulas.contains(tex), tex) }
        XCTAssertEqual(doc.unknownMathCommands, [])
        for width in [80, 200] {
            let out = ProseLayout(document: doc, width: width, capabilities: .full).text.joined(separator: "\n")
            // (The lecture writes a bare \tanh in its plain text; only math must not leak.)
            for leaked in ["\\begin", "\\odot", "\\sigma", "$$"] {
                XCTAssertFalse(out.contains(leaked), "\(leaked) at \(width)")
            }
        }
    }
}
