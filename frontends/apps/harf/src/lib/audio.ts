import { ApiError, call } from "@alif/api";
import { usePreferences } from "@alif/app/preferences";
import { useAuth } from "@alif/auth";
import { useCallback } from "react";
import type { Alphabet } from "./queries.ts";

/** What a letter is said as: its name ("be") or its sound (/b/ with a short ə). */
export type Saying = "name" | "sound";

/** What to say: a letter's name or sound, or its `word`-th example word (from 1). */
export interface Sayable {
  alphabet: Alphabet;
  number: number;
  word?: number | null;
  as?: Saying;
}

const VOICES = { uz: "uz-UZ", ru: "ru-RU", en: "en-US" } as const;
const PENDING_TRIES = 5;
const PENDING_WAIT_MS = 2000; // the server's Retry-After while a voice renders the file

// One link per letter or word for the whole visit: the browser keeps the file it points at.
const files = new Map<string, Promise<string | null>>();
let playing: HTMLAudioElement | null = null;

function wait(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

/** The browser's own voice: only when the server said it has no voice at all. */
function speakInBrowser(text: string, language: keyof typeof VOICES): void {
  const synthesis = globalThis.speechSynthesis;
  if (!synthesis || typeof SpeechSynthesisUtterance === "undefined") return;
  synthesis.cancel();
  const utterance = new SpeechSynthesisUtterance(text);
  utterance.lang = VOICES[language];
  utterance.rate = 0.8;
  synthesis.speak(utterance);
}

/** What the browser's voice says: it cannot say a lone sound, so a letter is said by name. */
function textOf(what: Sayable): string {
  const letter = what.alphabet.letters[what.number - 1];
  if (!letter) return "";
  return what.word ? (letter.words[what.word - 1]?.text ?? "") : letter.name;
}

/**
 * `say(what)`: plays the server's file for a letter (its name, or its sound) or a word, asked again
 * while it is being made, or the browser's voice when the server answers `audio_unavailable`;
 * silent when sound is off. The server answers a link (the data folder through the gateway, or
 * the bucket), which the `<audio>` element plays without a token. Resolves when playing starts;
 * never throws (a sound that fails is not the child's problem).
 */
export function useSay(): (what: Sayable) => Promise<void> {
  const { api } = useAuth();
  const { sound } = usePreferences();
  return useCallback(
    async (what: Sayable) => {
      if (!sound) return;
      const { code } = what.alphabet;
      const saying: Saying = what.word ? "name" : (what.as ?? "name");
      const key = `${code}/${what.number}/${what.word ?? 0}/${saying}`;
      let file = files.get(key);
      if (!file) {
        file = (async () => {
          for (let attempt = 1; ; attempt++) {
            try {
              const found = await call(
                api.harf.GET("/api/harf/alphabets/{code}/letters/{number}/audio", {
                  params: {
                    path: { code, number: what.number },
                    query: what.word
                      ? { word: what.word }
                      : saying === "sound"
                        ? { as: "sound" }
                        : {},
                  },
                }),
              );
              return found.url;
            } catch (error) {
              if (error instanceof ApiError && error.code === "audio_pending") {
                if (attempt >= PENDING_TRIES) return null;
                await wait(PENDING_WAIT_MS);
                continue;
              }
              if (error instanceof ApiError && error.code === "audio_unavailable") return "";
              return null;
            }
          }
        })();
        files.set(key, file);
        // A failure is not kept: the next tap asks again.
        void file.then((found) => found === null && files.delete(key));
      }
      const found = await file;
      if (found === "") {
        speakInBrowser(textOf(what), what.alphabet.language);
        return;
      }
      if (!found) return;
      playing?.pause();
      playing = new Audio(found);
      try {
        await playing.play();
      } catch {
        // autoplay refused before the first tap: the child taps the speaker
      }
    },
    [api, sound],
  );
}

/** Forget the files (tests start each with an empty cache). */
export function forgetSounds(): void {
  files.clear();
}
