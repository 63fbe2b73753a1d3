import Lab
import LabTesting
import TUI
import Testing

/// Knobs, the text field's focus and effects, through the program harness (Swift Testing).
@Suite struct LessonInteractionTests {
    let size = Size(width: 100, height: 30)

    /// The fixture's knob step: sigma 0.9, knobs sigma, seed, input.
    func knobStep() -> ProgramHarness<LabProgram> {
        ProgramHarness(LabFixtures.lesson(size, step: 3), size: size)
    }

    func run(_ h: ProgramHarness<LabProgram>) -> CellRunner.Run { h.program.session!.experiment!.data(StatesView.self)! }

    @Test func turningSigmaRecomputesTheStatesAndShowsTheValue() {
        var h = knobStep()
        let before = run(h)
        #expect(h.frame().text().contains("σ_max 0.90"))
        h.press(.character("+"))
        #expect(h.program.session?.experiment?.values["sigma"] == 1.0)
        #expect(run(h).states != before.states)
        #expect(h.frame().text().contains("σ_max 1.00"))
        #expect(h.program.session?.experiment?.time == 10, "turning a knob keeps the time step")
    }

    @Test func knobsClampWithANoteAndResetToTheBlock() {
        var h = knobStep()
        for _ in 0..<40 { h.press(.character("+")) }
        #expect(h.program.session?.experiment?.values["sigma"] == 3.0)
        #expect(h.frame().text().contains("sigma stops at 3.00"))
        h.press(.character("n"))
        #expect(!h.frame().text().contains("stops at"), "the note goes when the learner moves on")
        h.press(.character("r"))
        #expect(h.program.session?.experiment?.values["sigma"] == 0.9)
        #expect(!h.frame().text().contains("stops at"))
    }

    @Test func seedAndInputKnobsChangeTheRun() {
        var h = knobStep()
        let before = run(h)
        h.press(.character("s"))
        #expect(h.frame().text().contains("seed 8"))
        #expect(run(h).states != before.states)
        h.press(.character("i"))
        #expect(h.frame().text().contains("step input"))
        #expect(run(h).inputs != before.inputs)
    }

    @Test func aStepWithoutKnobsIgnoresKnobKeys() {
        var h = ProgramHarness(LabFixtures.lesson(size, step: 1), size: size)
        let before = h.program
        h.press(.character("+"), .character("r"), .character(":"))
        #expect(h.program == before)
    }

    @Test func theTextFieldHasTheKeysButCtrlCAndEsc() {
        var h = knobStep()
        h.press(.character(":"))
        #expect(h.program.session?.field != nil)
        h.type("q")
        #expect(!h.quit, "q types a q in the field")
        #expect(h.program.session?.field?.text == "sigma=q")
        #expect(h.frame().text().contains("knob: sigma=q"))
        h.press(.escape)
        #expect(h.program.session?.field == nil, "Esc leaves the field")
        #expect(h.program.screenKind == .lesson, "and nothing else")
        h.press(.character("q"))
        #expect(h.quit, "then q quits")

        var h2 = knobStep()
        h2.press(.character(":"), .control("c"))
        #expect(h2.quit, "Ctrl-C quits from the field")
    }

    @Test func typingAValueSetsTheKnob() {
        var h = knobStep()
        h.press(.character(":"))
        for _ in 0..<6 { h.press(.backspace) }
        h.type("sigma=1.37")
        h.press(.enter)
        #expect(h.program.session?.field == nil)
        #expect(h.program.session?.experiment?.values["sigma"] == 1.37)
        #expect(h.frame().text().contains("sigma = 1.37"))
        h.press(.character(":"))
        h.type("x")
        h.press(.enter)
        #expect(h.frame().text().contains("sigma takes a number from 0.10 to 3.00: type sigma=VALUE"), "a bad value is refused, with what it takes")
        #expect(h.program.session?.experiment?.values["sigma"] == 1.37)
        h.press(.character(":"))
        h.press(.backspace)
        h.type("=0")
        h.press(.enter)
        #expect(h.program.session?.experiment?.values["sigma"] == 0.1, "out of range: clamped")
        #expect(h.frame().text().contains("sigma stops at 0.10"))
        // Typing the whole name=value after the filled-in name, or a bare value, works too.
        h.press(.character(":"))
        h.type("sigma=2.5")
        h.press(.enter)
        #expect(h.program.session?.experiment?.values["sigma"] == 2.5)
        h.press(.character(":"))
        for _ in 0..<6 { h.press(.backspace) }
        h.type("0.7")
        h.press(.enter)
        #expect(h.program.session?.experiment?.values["sigma"] == 0.7)
        h.press(.character(":"))
        for _ in 0..<6 { h.press(.backspace) }
        h.type("seed=11")
        h.press(.enter)
        #expect(h.program.session?.experiment?.values["seed"] == 11)
    }

    @Test func aFullStatusLineKeepsHelpAndQuit() {
        let h = ProgramHarness(LabFixtures.lesson(Size(width: 80, height: 24), step: 3), size: Size(width: 80, height: 24))
        let status = h.frame().lines().last ?? ""
        #expect(status.contains("? help  q quit"))
        #expect(status.contains("-/+ sigma"), "the step's knobs come before the general keys")
    }

    @Test func theHelpSaysHowToQuitWhileTyping() {
        var h = knobStep()
        h.press(.character(":"))
        let rows = KeyBindings.helpRows(h.program.keyContext, glyphs: .unicode)
        #expect(rows.first?.keys == "Ctrl-C")
        #expect(rows.first?.action.contains("Esc, then q") == true)
    }
}

/// A program whose update asks for work: the harness runs it inline and hands the result back.
struct CounterProgram: Program {
    var total = 0
    var tickInterval: Duration? { nil }

    mutating func update(_ event: Event) -> Command<Int> {
        if case .key(.character(let c)) = event, let n = c.wholeNumberValue {
            return .perform(Effect("add \(n)") { n * 10 })
        }
        return event == .key(.character("q")) ? .quit : .none
    }

    mutating func receive(_ message: Int) -> Command<Int> {
        total += message
        // A result may ask for more work: the harness keeps going until there is none.
        return message >= 50 ? .perform(Effect("halve") { -message / 2 }) : .none
    }

    func view(into buffer: inout Buffer, capabilities: Capabilities) {
        buffer.put("total \(total)", x: 0, y: 0, style: .plain)
    }
}

@Suite struct EffectTests {
    @Test func effectsRunInlineAndTheirMessagesComeBack() {
        var h = ProgramHarness(CounterProgram(), size: Size(width: 20, height: 1))
        h.type("3")
        #expect(h.program.total == 30)
        h.type("7")
        #expect(h.program.total == 30 + 70 - 35)
        #expect(h.effects == ["add 3", "add 7", "halve"])
        #expect(h.frame().text().hasPrefix("total 65"))
        h.type("q")
        #expect(h.quit)
    }

    @Test func theRuntimeRunsEffectsLikeTheHarness() {
        var p = CounterProgram()
        var backend = TextBackend(size: Size(width: 20, height: 1), events: [.key(.character("6"))])
        Runtime.run(&p, on: &backend, stopWhenIdle: true)
        #expect(p.total == 60 - 30)
        #expect(backend.screen.text().hasPrefix("total 30"))
    }
}
