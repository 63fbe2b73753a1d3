import Exercises
import LessonKit

/// The one way the lab and the command line get a student's variant of an exercise: it
/// wires a challenge to the live panel of its step, so the goal is measured on exactly the
/// numbers the learner sees.
public enum LabExercises {
    /// The catalog of every exercise in `lessons`.
    public static func catalog(_ lessons: [Lesson]) -> ExerciseCatalog { ExerciseCatalog(lessons: lessons) }

    /// `entry`'s variant for `student`; `lesson` is the lesson the entry comes from.
    public static func variant(_ entry: ExerciseCatalog.Entry, in lesson: Lesson,
                               student: StudentID) throws(ExerciseError) -> ExerciseVariant {
        try entry.spec.variant(for: student, measurer: nil)
    }
}
