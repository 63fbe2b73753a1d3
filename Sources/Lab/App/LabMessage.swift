import TUI

/// Everything that can change the Lab's model. Keys and timer ticks become messages first
/// (`KeyBindings`), so tests and scripted demos can send the same messages directly.
/// Messages for one screen are grouped, and that screen's own `update` handles them.
public enum LabMessage: Hashable, Sendable {
    // Anywhere
    case quit, toggleHelp, closeHelp, back
    case resize(Size)
    /// A key that means nothing here: ignored, never surprising.
    case ignored
    // Changing screen
    case openSelected, openGallery
    // Within a screen
    case home(HomeMessage)
    case lesson(LessonMessage)
    case gallery(GalleryMessage)
    /// What saving the progress read back (the file's progress merged with this lab's).
    case progressSaved(ProgressSnapshot)
}

/// The lessons list.
public enum HomeMessage: Hashable, Sendable {
    case cursorUp, cursorDown
}

/// The open lesson.
public enum LessonMessage: Hashable, Sendable {
    case nextStep, previousStep
    /// Back to the lesson's first step (after resuming in the middle).
    case firstStep
    case scrollDown, scrollUp, pageDown, pageUp
    /// The live panel of the step.
    case panel(PanelMessage)
    /// Opens the text field for typing a knob value (`sigma=1.5`).
    case typeKnob
    /// A key for the focused text field.
    case edit(Key)
    /// Leaves the text field (or the answer area) without using it.
    case blur
    /// The step's exercise.
    case exercise(ExerciseMessage)
}

/// The exercise of the open step.
public enum ExerciseMessage: Hashable, Sendable {
    /// Gives the answer area the keyboard.
    case focus
    /// Reveals the next hint.
    case hint
    /// Shows the worked solution (after a pass, or after three tries).
    case solution
    /// Choice: the highlighted option moves up / down.
    case optionUp, optionDown
    /// Choice with several correct options: ticks or unticks the highlighted option.
    case toggle
    /// Choice: option i (0-based) by its letter.
    case pick(Int)
    /// Checks the answer.
    case check
}

/// The live panel of the open step.
public enum PanelMessage: Hashable, Sendable {
    case forward, back, toggleRunning, tick
    case turn(String, Knob.Turn)
    case resetKnobs
    /// What a view's effect computed (e.g. a training slice), back to the view.
    case result(PanelResult)
    /// A key of the view's own (`LabView.bindings`), by its action name.
    case action(String)
}

/// The widget gallery.
public enum GalleryMessage: Hashable, Sendable {
    case forward, back
}

/// The screens, without their data (for key mapping and tests).
public enum LabScreenKind: Hashable, Sendable {
    case home, lesson, gallery, tooSmall
}
