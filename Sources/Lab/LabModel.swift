import TUI
import RNNCore
import LessonKit
