import Foundation
import RNNCore
import TUI

/// How an `architecture` panel is drawn: header, readout, the unrolled graph with its L_t,
/// the shape's own line (class probabilities, generated text, the handed-over vector), and
/// the training loss curve (a chart when there is room, a sparkline row otherwise).
enum ArchitecturePanel {
    static func render(_ panel: Panel<ArchitectureView>, in area: Rect, into buffer: inout Buffer, theme: LabTheme) {
        guard area.height >= 3, area.width >= 20 else { return }
        let run = panel.data
        let caps = theme.capabilities
        let position = "step \(run.stepsTaken) / \(run.budget)"
        let running = panel.timeline.running
        // The room PanelHeader leaves the title: the width less the position, the running mark and a gap.
        let titleRoom = area.width - TextWidth.of(position) - (running ? TextWidth.of("  \(theme.glyphs.runningMarker) running") : 0) - 2
        PanelHeader.draw(title(panel, theme: theme, width: titleRoom), position: position,
                         running: running, in: area, into: &buffer, theme: theme)
        let (text, style) = readout(run, theme: theme, width: area.width)
        buffer.put(ScreenChrome.fitted(ASCIIFold.fitting(text, caps), area.width, theme), x: area.x, y: area.y + 1,
                   style: style, clip: area)
        var body = area.inset(top: 2)
        guard body.height >= 1 else { return }
        let graph = ArchitectureGraph.make(run, unicode: caps.unicode)
        let graphRows = body.height >= ArchitectureGraph.fullHeight + 2 ? ArchitectureGraph.fullHeight
            : body.height >= ArchitectureGraph.compactHeight + 2 ? ArchitectureGraph.compactHeight : 1
        let used = graph.render(in: Rect(x: body.x, y: body.y, width: body.width, height: graphRows), into: &buffer, theme: theme)
        body = body.inset(top: used)
        // A blank row between the graph and the rest when the panel is tall.
        let roomy = body.height >= 14
        if roomy { body = body.inset(top: 1) }
        let lines = shapeLines(run, width: body.width, maxLines: roomy ? 5 : max(1, body.height - 1), theme: theme)
        for (k, line) in lines.enumerated() where k < body.height {
            buffer.put(ScreenChrome.fitted(ASCIIFold.fitting(line.text, caps), body.width, theme), x: body.x, y: body.y + k,
                       style: line.style, clip: body)
        }
        body = body.inset(top: min(body.height, lines.count))
        if roomy { body = body.inset(top: 1) }
        guard body.height >= 1 else { return }
        if run.history.loss.isEmpty {
            let hint = "space: train  \(theme.glyphs.fieldSeparator)  n: one step  \(theme.glyphs.fieldSeparator)  the loss curve grows here"
            buffer.put(ScreenChrome.fitted(hint, body.width, theme), x: body.x, y: body.y, style: theme.muted, clip: body)
        } else if body.height >= 5 {
            var chart = TrainView.lossChart(run.train)
            chart.yLabel = caps.unicode ? "training loss, mean of the Lₜ (log)" : "training loss, mean of the L_t (log)"
            chart.render(in: body, into: &buffer, capabilities: caps)
        } else {
            // The whole run, not its newest steps: the fall at the start is the point.
            let loss = run.history.loss
            var label = "loss " + ChartNumber.compact(loss[loss.count - 1])
            // With no row for a step axis, the label says which steps the line spans.
            if body.height < 2 { label += " \(theme.glyphs.fieldSeparator) steps 1\(caps.unicode ? "–" : "-")\(loss.count)" }
            let values = overview(TrainView.finite(loss), columns: body.width - TextWidth.of(label) - 1)
            Sparkline(values: values, scale: .log10, label: label)
                .render(in: Rect(x: body.x, y: body.y, width: body.width, height: 1), into: &buffer, capabilities: caps)
            if body.height >= 2 {
                stepAxis(steps: loss.count, columns: values.count, in: Rect(x: body.x, y: body.y + 1, width: body.width, height: 1),
                         into: &buffer, theme: theme)
            }
        }
    }

    /// The row under the loss sparkline: which training step each column is (`steps 1  50
    /// 100 …`), so that a claim about the first 50 steps can be read off. The sparkline's
    /// `columns` blocks end at the right edge; column c holds the steps c·n/columns ….
    static func stepAxis(steps n: Int, columns: Int, in row: Rect, into buffer: inout Buffer, theme: LabTheme) {
        guard n > 0, columns > 0 else { return }
        let x0 = row.maxX - columns
        buffer.put("steps", x: row.x, y: row.y, style: theme.muted, clip: row)
        func column(_ step: Int) -> Int { x0 + (step - 1) * columns / n }
        // Round steps at least 6 columns apart.
        let tick = [10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000].first { $0 * columns / n >= 6 } ?? n
        // The last step, n, ends at the right edge and always shows; the others start at their column.
        let last = "\(n)"
        let lastX = row.maxX - TextWidth.of(last)
        var free = row.x + 6
        for step in [1] + stride(from: tick, to: n, by: tick).map({ $0 }) where n > 1 {
            let text = "\(step)", x = column(step)
            guard x >= free, x + TextWidth.of(text) < lastX else { continue }
            buffer.put(text, x: x, y: row.y, style: theme.muted, clip: row)
            free = x + TextWidth.of(text) + 1
        }
        if lastX >= free { buffer.put(last, x: lastX, y: row.y, style: theme.muted, clip: row) }
    }

    /// At most `columns` values: the mean of each of `columns` equal runs of steps (NaN where
    /// a run has no finite value).
    static func overview(_ values: [Double], columns: Int) -> [Double] {
        guard columns > 0, values.count > columns else { return values }
        return (0..<columns).map { c in
            let run = values[(c * values.count / columns)..<((c + 1) * values.count / columns)].filter(\.isFinite)
            return run.isEmpty ? .nan : run.reduce(0, +) / Double(run.count)
        }
    }

    /// `many-to-many · sine (T 10) · vanilla RNN · H 16 · sgd lr 0.3 · seed 1`; in a narrower
    /// `width`, shorter forms (`RNN`, `T 10`, no seed unless it is a knob, τ only under the
    /// graph, commas, at last the task without its T, which the graph shows), so that the
    /// optimizer and its learning rate are not cut, also while the header says "running".
    static func title(_ panel: Panel<ArchitectureView>, theme: LabTheme, width: Int = .max) -> String {
        let c = panel.data.configuration
        let seedIsKnob = panel.knobs.contains { $0.name == "seed" }
        var candidates: [String] = []
        for form in 0..<6 {
            let sep = form < 4 ? " \(theme.glyphs.fieldSeparator) " : ", "
            var parts = [panel.spec.shape.rawValue,
                         form == 0 ? "\(panel.spec.task.rawValue) (T \(panel.spec.length))"
                             : form < 5 ? "\(panel.spec.task.rawValue) T \(panel.spec.length)" : panel.spec.task.rawValue,
                         form == 0 ? panel.spec.cell.title : panel.spec.cell.rawValue.uppercased(),
                         "H \(c.hidden)", "\(c.optimizer.rawValue) lr \(ChartNumber.compact(c.learningRate))"]
            if form < 2 || seedIsKnob { parts.append("seed \(c.seed)") }
            // τ is also on the line of generated text: the narrowest forms leave it there.
            if panel.spec.shape == .oneToMany, form < 3 {
                parts.insert((theme.capabilities.unicode ? "τ " : "tau ") + String(format: "%.1f", panel.data.temperature), at: 1)
            }
            if let note = panel.note { parts.insert(note, at: 0) }
            candidates.append(ASCIIFold.fitting(parts.joined(separator: sep), theme.capabilities))
        }
        return candidates.first { TextWidth.of($0) <= width } ?? candidates[candidates.count - 1]
    }

    /// `L = Σ L_t = 0.119 held out · accuracy 94 % (chance 33 %)`, or what to press.
    /// In a narrower `width`, tighter separators and `64 held out`.
    static func readout(_ run: ArchitectureRun, theme: LabTheme, width: Int = .max) -> (String, Style) {
        if let d = run.train.divergence {
            return ("DIVERGED at step \(d.step): \(d.reason)", TrainView.divergedStyle(theme))
        }
        let dot = theme.glyphs.fieldSeparator
        let forms = [readout(run, theme: theme, sep: "  \(dot)  ", heldOut: "on \(run.probeSize) held-out sequences", done: "done (space: again)"),
                     readout(run, theme: theme, sep: " \(dot) ", heldOut: "\(run.probeSize) held out", done: "done (space: again)"),
                     readout(run, theme: theme, sep: " \(dot) ", heldOut: "\(run.probeSize) held out", done: "done")]
        return (forms.first { TextWidth.of($0) <= width } ?? forms[forms.count - 1], theme.text)
    }

    private static func readout(_ run: ArchitectureRun, theme: LabTheme, sep: String, heldOut: String, done: String) -> String {
        let u = theme.capabilities.unicode
        let scored = run.probe.scoredSteps.count
        // As the lesson writes them: L = L_T for one loss at the end, L = Σ L_s over the decoder's
        // steps s (Unicode has no subscript T, so L_T stays as written).
        let decoder = run.shape == .encoderDecoder
        let sum = scored == 1 ? "L = L_T"
            : decoder ? (u ? "L = Σ Lₛ" : "L = sum of L_s") : (u ? "L = Σ Lₜ" : "L = sum of L_t")
        var text = "\(sum) = \(ChartNumber.compact(run.probe.total, significant: 3))"
        if let a = run.probe.accuracy {
            text += sep + "accuracy \(percent(a))"
            if let chance = run.task.chanceAccuracy { text += " (chance \(percent(chance)))" }
        }
        if run.stepsTaken == 0 { text = "untrained" + sep + text }
        if run.isFinished { text += sep + done }
        return text + sep + heldOut
    }

    static func percent(_ x: Double) -> String { "\(Int((x * 100).rounded())) %" }

    /// The shape's own lines under the graph.
    static func shapeLines(_ run: ArchitectureRun, width: Int, maxLines: Int, theme: LabTheme) -> [(text: String, style: Style)] {
        let p = run.probe
        let u = theme.capabilities.unicode
        let sep = " \(theme.glyphs.fieldSeparator) "
        switch run.shape {
        case .manyToMany:
            let scored = p.stepLosses.enumerated().compactMap { t, l in l.map { (t + 1, $0) } }
            guard let hi = scored.max(by: { $0.1 < $1.1 }), let lo = scored.min(by: { $0.1 < $1.1 }) else { return [] }
            let name = u ? "Lₜ" : "L_t"
            return [("\(name) largest at t = \(hi.0) (\(ArchitectureGraph.lossText(hi.1)))" + sep
                     + "smallest at t = \(lo.0) (\(ArchitectureGraph.lossText(lo.1)))", theme.muted)]
        case .manyToOne:
            guard !p.probabilities.isEmpty, let label = p.label else { return [] }
            let probs = zip(p.classNames, p.probabilities).map { "\($0) \(percent($1))" }.joined(separator: sep)
            return [("example, a \(p.classNames[label]) wave " + theme.glyphs.textArrowRight + " " + probs, theme.text)]
        case .oneToMany:
            guard let sample = p.sample else { return [] }
            let head = (u ? "τ " : "tau ") + String(format: "%.1f", run.temperature) + ", from '\(ArchitectureRun.firstCharacter)': "
            return wrap(head + sample, width: width, maxLines: maxLines).map { ($0, theme.text) }
        case .encoderDecoder:
            guard !p.handover.isEmpty else { return [] }
            let h = ArchitectureGraph.indexed("h", p.inputs.count, unicode: u)
            let numbers = p.handover.map { ArchitectureGraph.cellText(ArchitectureRun.signed($0), width: 8, theme: theme) }
            return [("\(h) handed over: " + numbers.joined(separator: " "), theme.text)]
        }
    }

    /// Greedy word wrap into at most `maxLines` lines (the last cut with an ellipsis).
    static func wrap(_ text: String, width: Int, maxLines: Int) -> [String] {
        guard width > 4, maxLines > 0 else { return [] }
        var lines: [String] = [], line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            let candidate = line.isEmpty ? String(word) : line + " " + word
            if TextWidth.of(candidate) <= width { line = candidate; continue }
            lines.append(line)
            line = String(word)
            if lines.count == maxLines { break }
        }
        if lines.count < maxLines, !line.isEmpty { lines.append(line) }
        return Array(lines.prefix(maxLines))
    }
}
