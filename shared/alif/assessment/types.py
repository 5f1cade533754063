from enum import StrEnum


class QuestionType(StrEnum):
    single = "single"  # one correct option
    multiple = "multiple"  # several correct options, partial credit
    true_false = "true_false"
    short_answer = "short_answer"  # typed text compared with the accepted answers
    numeric = "numeric"  # a number within a tolerance


class QuestionSource(StrEnum):
    manual = "manual"
    imported = "imported"
    ai = "ai"


MAX_OPTIONS = 8
CHOICE_TYPES = frozenset({QuestionType.single, QuestionType.multiple})
