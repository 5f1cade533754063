"""The assessment kernel: how a question is written, stored, answered, graded and imported.

Every service that asks questions (testai, olimp, lessions) uses this one code, so a question
typed, imported or generated anywhere is graded the same way. It holds no tables: each service
owns its own question tables (docs/decisions/0035-kernel-question-tables.md) and builds their
rows with `questions.stored_form`, their columns with `models.QuestionContent`.

- `types`: the question types and where a question came from
- `schemas`: `QuestionIn` (the one input model), the student's view, the answer and the key
- `questions`: a `QuestionIn` to its stored form and back (option ids, the key, apostrophes)
- `grading`: the share of a question's points an answer earns, `parse_number`
- `language`: a rough guess at a question's language
- `parser`: teachers' tests as plain text into questions; `extract`: the text of a file
"""
