import Exercises
import Lab
import LessonKit
import XCTest

final class ChallengeMeasureTests: XCTestCase {
    func testExplore() throws {
        let lesson = try LessonParser.parse("""
        ---
        id: t
        title: T
        summary: S.
        ---

        ## G

        ```lab
        view: gradients
        cell: rnn
        hidden: 8
        steps: 50
        seed: 1
        weights: orthogonal
        amplitude: 0.01
        sigma: 0.5
        knobs: [sigma]
        ```

        ## M

        ```lab
        view: states
        cell: lstm
        hidden: 4
        input: pulse
        steps: 60
        seed: 5
        knobs: [forget-bias]
        ```
        """, file: "t.md", labs: ViewRegistry.blocks)
        let g = try XCTUnwrap(ChallengeMeasure(spec: lesson.steps[0].lab!))
        for s in stride(from: 0.8, through: 1.2, by: 0.05) { print("sigma", s, try g.measure("gradient-ratio", knobs: ["sigma": s])) }
        for seed in [1, 2, 3, 5, 7] {
            let text = "---\nid: t\ntitle: T\nsummary: S.\n---\n\n## M\n\n```lab\nview: states\ncell: lstm\nhidden: 4\ninput: pulse\nsteps: 60\nseed: \(seed)\nknobs: [forget-bias]\n```\n"
            let l = try LessonParser.parse(text, file: "t.md", labs: ViewRegistry.blocks)
            let m = try XCTUnwrap(ChallengeMeasure(spec: l.steps[0].lab!))
            var line = "seed \(seed):"
            for b in stride(from: -5.0, through: 5.0, by: 0.5) { line += " \(b):\(Int(try m.measure("memory-steps", knobs: ["forget-bias": b])))" }
            print(line)
        }
    }
}
