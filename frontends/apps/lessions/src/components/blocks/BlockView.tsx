import { errorMessage, useTranslation } from "@alif/i18n";
import type { AnswersResult, Block } from "../../lib/queries.ts";
import { AudioBlock, FileBlock, ImageBlock, TextBlock, VideoBlock } from "./MediaBlocks.tsx";
import { type Answer, type Answers, QuizBlock } from "./QuizBlock.tsx";
import { StoryBlock } from "./StoryBlock.tsx";

/** What a block's questions need from the lesson: every answer of the lesson is graded together
 * on the server, so the answers and the last result live in the player. */
export interface QuizState {
  answers: Answers;
  onAnswer(questionId: string, answer: Answer): void;
  onCheck(): void;
  checking: boolean;
  result: AnswersResult | null;
  error: unknown;
  passMark: number;
}

/** One block of a lesson, by its type. */
export function BlockView(props: { block: Block; quiz: QuizState }) {
  const { t } = useTranslation();
  const { block, quiz } = props;
  const questions =
    block.questions.length > 0 ? (
      <QuizBlock
        questions={block.questions}
        answers={quiz.answers}
        onAnswer={quiz.onAnswer}
        onCheck={quiz.onCheck}
        checking={quiz.checking}
        result={quiz.result}
        error={quiz.error ? errorMessage(t, quiz.error) : null}
        passMark={quiz.passMark}
      />
    ) : null;
  switch (block.type) {
    case "text":
      return <TextBlock block={block} />;
    case "image":
      return <ImageBlock block={block} />;
    case "video":
      return <VideoBlock block={block} />;
    case "audio":
      return <AudioBlock block={block} />;
    case "file":
      return <FileBlock block={block} />;
    case "quiz":
      return questions;
    case "story":
      return <StoryBlock block={block} questions={questions} />;
    default:
      // A block kind newer than this app: say so instead of showing nothing.
      return <p className="text-muted">{t("player.unknownBlock")}</p>;
  }
}
