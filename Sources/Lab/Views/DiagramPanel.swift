import LessonKit
import TUI

/// The diagram views, driven by the same time keys as the charts:
/// - `unrolled`: the unrolled graph with step t highlighted (`direction: backward` shows the
///   gradient flowing right to left, as in backpropagation through time);
/// - `topologies`: the five sequence topologies with one highlighted; n / p move through them.
struct DiagramPanel {
    let experiment: LabExperiment

    func render(in area: Rect, into buffer: inout Buffer, theme: LabTheme) {
        guard area.height >= 3, area.width >= 20 else { return }
        let e = experiment
        switch e.spec.view {
        case .topologies:
            let topology = SequenceTopologies.all[min(e.time, SequenceTopologies.all.count) - 1]
            PanelHeader.draw("sequence topologies: \(topology.title)", position: "\(e.time) / \(e.steps)",
                             running: e.running, in: area, into: &buffer, theme: theme)
            SequenceTopologies(highlighted: e.time - 1)
                .render(in: area.inset(top: 2), into: &buffer, capabilities: theme.capabilities)
        default:
            let title = e.spec.direction == .forward ? "unrolled through time: forward pass"
                                                     : "unrolled through time: gradients flow back"
            PanelHeader.draw(title, position: PanelHeader.time(e), running: e.running, in: area, into: &buffer, theme: theme)
            let graph = UnrolledGraph(steps: e.steps, current: e.time,
                                      direction: e.spec.direction == .forward ? .forward : .backward)
            // Centre the drawing vertically in the panel: it has a fixed natural height.
            let body = area.inset(top: 2)
            let top = max(0, (body.height - UnrolledGraph.fullHeight) / 2)
            graph.render(in: body.inset(top: top), into: &buffer, capabilities: theme.capabilities)
        }
    }
}
